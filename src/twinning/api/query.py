"""The query string of a request: only known parameters, each given once, none left empty."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


def _known_parameters(view) -> dict[str, bool]:
    """{name: may be empty} of the parameters the view's action reads."""
    if view.action != "list":
        return {}
    known: dict[str, bool] = {}
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        for name, declared in filterset_class.base_filters.items():
            known[name] = not isinstance(
                declared, (django_filters.ChoiceFilter, django_filters.NumberFilter)
            )
    if view.paginator is not None:
        known.update({"limit": False, "offset": False})
    if any(issubclass(backend, OrderingFilter) for backend in view.filter_backends):
        known["ordering"] = True
    return known


def check_query(request, view) -> None:
    """Refuse (400) unknown parameters, repeated ones, and empty ones that need a value."""
    if view.action is None:
        # A method the address does not take: it is answered 405, whatever the query.
        return
    known = _known_parameters(view)
    errors = {}
    for name, values in request.query_params.lists():
        if name not in known:
            errors[name] = [_("This parameter is not known here.")]
        elif len(values) > 1:
            errors[name] = [_("Give this parameter once.")]
        elif values[0] == "" and not known[name]:
            errors[name] = [_("Give a value, or leave the parameter out.")]
    if errors:
        raise ValidationError(errors)


class CheckedQueryMixin:
    """Checks the query string after authentication and permissions, before the action."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query(request, self)
