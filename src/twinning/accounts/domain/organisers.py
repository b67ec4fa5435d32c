"""Organisers made outside the site: the first one of a new deployment."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import password_validation
from django.core.validators import validate_email
from django.db import transaction

from twinning.accounts.models import User
from twinning.common.audit import record_action


@transaction.atomic
def create_organiser(email: str, password: str, *, name: str = "") -> tuple[User, bool]:
    """Make `email` an organiser who signs in with `password`; True when the account is new.

    The address counts as verified (the person running the command vouches for it).
    An existing account becomes an organiser and gets the new password. Raises
    ValidationError for an invalid address or a password the validators refuse.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    validate_email(email)
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = User(email=email, name=name)
    elif name:
        user.name = name
    password_validation.validate_password(password, user)
    user.is_organiser = True
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    record_action("accounts.organiser_created" if created else "accounts.organiser_granted", user)
    return user, created
