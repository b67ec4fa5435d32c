"""Reads of the accounts app."""

from __future__ import annotations

from django.db.models import F

from twinning.accounts.models import ApiToken


def tokens_of(user) -> list[ApiToken]:
    """A person's tokens: active ones first, then by date, newest first."""
    return list(
        ApiToken.objects.filter(user=user).order_by(
            F("revoked_at").desc(nulls_first=True), "-created", "-id"
        )
    )
