"""API tokens: issued to a person, shown once, stored as a hash, revoked for good."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.accounts.models import ApiToken
from twinning.common import clock
from twinning.common.audit import record_action

KEY_PREFIX = "twn_"
# Writing the last use at every request would make each read a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def hash_key(key: str) -> str:
    """The stored form of a key: its SHA-256 (a random key needs no slow hash)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def issue_token(user, *, name: str, by) -> tuple[ApiToken, str]:
    """A new token of `user`; returns it with the key, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name, so you can recognise it later."))
    if len(name) > 100:
        raise ValidationError(_("The name can be at most 100 characters long."))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[: len(KEY_PREFIX) + 6], key_hash=hash_key(key)
    )
    record_action("api_token.issued", token, by=by, name=name, user=user.pk)
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Revoke a token for good; a revoked token cannot be revoked again."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    record_action("api_token.revoked", token, by=by, name=token.name, user=token.user_id)
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token of an active person with this key, marked as used now; else None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
