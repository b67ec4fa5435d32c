"""How the platform names a person, including one whose account is gone.

An account is gone when the row was deleted (the relation is empty) or when its
data was removed (`anonymised_at` is set, the e-mail is a placeholder). Pages,
mails and downloads name people only through these functions, so that a former
member never breaks a page nor shows a placeholder address. Only the user's
own attributes are read: `common` imports no app.
"""

from __future__ import annotations

from django.utils.translation import gettext


def is_gone(user) -> bool:
    """Whether there is no one to name: no account, or an account whose data was removed."""
    if user is None or not getattr(user, "is_authenticated", False):
        return True
    return bool(getattr(user, "anonymised_at", None))


def display_name(user, nobody: str | None = None) -> str:
    """The person's name, else their e-mail address, else “a former member”.

    `nobody`, when given, is said instead when there is no account at all (an
    action of the platform itself, say); a deleted account is still a former member.
    """
    if user is None and nobody is not None:
        return nobody
    if is_gone(user):
        return gettext("a former member")
    return (user.name or "").strip() or user.email


def contact_email(user) -> str:
    """The person's e-mail address, or "" for a former member (never the placeholder)."""
    return "" if is_gone(user) else user.email
