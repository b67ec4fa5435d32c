"""Reads about people's accounts and their API keys.

As in every app's `domain/queries.py`: a function named `<thing>_or_404` returns the
page's object looked up from the URL, or raises Http404.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from twinning.accounts.models import ApiToken, Consent


def people_matching(text: str = "") -> QuerySet:
    """Accounts not anonymised, by e-mail; those whose e-mail or name holds `text` if given."""
    found = get_user_model().objects.filter(anonymised_at__isnull=True).order_by("email")
    if text:
        found = found.filter(Q(email__icontains=text) | Q(name__icontains=text))
    return found


def person_or_404(pk):
    """A person's account, anonymised or not."""
    return get_object_or_404(get_user_model(), pk=pk)


def active_person_or_404(pk):
    """A person's account that is not anonymised."""
    return get_object_or_404(get_user_model(), pk=pk, anonymised_at__isnull=True)


def active_consents(user) -> dict[str, Consent]:
    """The consents in force for `user`, by purpose."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {c.purpose: c for c in Consent.objects.filter(user=user, withdrawn_at__isnull=True)}


def has_consent(user, purpose: str) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists()


def tokens_of(user) -> list[ApiToken]:
    """A person's API keys: active ones first, then by date, newest first."""
    return list(
        ApiToken.objects.filter(user=user).order_by(
            F("revoked_at").desc(nulls_first=True), "-created", "-id"
        )
    )


def api_token_or_404(pk) -> ApiToken:
    """One API key, whoever holds it (the view checks who may revoke it)."""
    return get_object_or_404(ApiToken, pk=pk)
