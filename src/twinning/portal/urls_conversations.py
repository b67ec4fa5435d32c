"""Messages between cities."""

from django.urls import path

from twinning.portal import conversations

urlpatterns = [
    path("messages/", conversations.conversations, name="conversations"),
    path("messages/<int:pk>/", conversations.conversation, name="conversation"),
    path(
        "messages/new/<int:city_pk>/<int:other_pk>/",
        conversations.conversation_new,
        name="conversation_new",
    ),
    path(
        "messages/twinning/<int:twinning_pk>/",
        conversations.twinning_conversation_page,
        name="conversation_twinning",
    ),
    path(
        "messages/attachments/<int:pk>/",
        conversations.attachment,
        name="conversation_attachment",
    ),
    path("messages/hide/<int:pk>/", conversations.message_hide, name="conversation_hide"),
]
