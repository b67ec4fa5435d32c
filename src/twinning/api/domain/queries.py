"""Reads about API tokens.

As in every app's `domain/queries.py`: a function named `<thing>_or_404` returns the
page's object looked up from the URL, or raises Http404.
"""

from __future__ import annotations

from django.db.models import F
from django.shortcuts import get_object_or_404

from twinning.api.models import ApiToken


def tokens_of(user) -> list[ApiToken]:
    """A person's tokens: active ones first, then by date, newest first."""
    return list(
        ApiToken.objects.filter(user=user).order_by(
            F("revoked_at").desc(nulls_first=True), "-created", "-id"
        )
    )


def api_token_or_404(pk) -> ApiToken:
    """One token, whoever holds it (the view checks who may revoke it)."""
    return get_object_or_404(ApiToken, pk=pk)
