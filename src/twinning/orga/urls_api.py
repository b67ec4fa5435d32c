"""Organiser pages for their API tokens."""

from django.urls import path

from twinning.orga.views import api_tokens

urlpatterns = [
    path("api-tokens/", api_tokens.token_list, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", api_tokens.token_revoke, name="api_token_revoke"),
]
