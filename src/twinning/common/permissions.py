"""The one check of a page's permission, by the name of its django-rules rule."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from rules.contrib.views import permission_required


def requires(rule: str):
    """Decorate a view: a visitor is sent to sign in; a person the rule refuses gets 403.

    The API checks the same rule names (`request.user.has_perm(rule)`), so a page
    and an endpoint making the same change cannot drift apart.
    """

    def decorate(view):
        return login_required(permission_required(rule, raise_exception=True)(view))

    return decorate
