"""Organiser pages of the mailings."""

from django.urls import path

from twinning.orga.views import mailings

urlpatterns = [
    path("mailings/", mailings.mailing_list, name="mailings"),
    path("mailings/new/", mailings.mailing_form, name="mailing_new"),
    path("mailings/<int:pk>/", mailings.mailing_detail, name="mailing"),
    path("mailings/<int:pk>/edit/", mailings.mailing_form, name="mailing_edit"),
    path("mailings/<int:pk>/send/", mailings.mailing_send, name="mailing_send"),
    path("mailings/<int:pk>/delete/", mailings.mailing_delete, name="mailing_delete"),
]
