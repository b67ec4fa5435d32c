"""One JSON shape for every error the API answers:

{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {...}}}
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback


class Refused(exceptions.APIException):
    """A state change the domain refused: the object is not in a state that allows it."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "refused"
    default_detail = gettext_lazy("This change is not allowed now.")


def refused(error: DjangoValidationError) -> Refused:
    return Refused(" ".join(str(message) for message in error.messages))


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as {"field" or "field.sub" or "field.0": [messages]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return exc.default_code


def error_body(status_code: int, code: str, message: str, fields=None) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
        }
    }


def exception_handler(exc, context):
    """DRF's handler, answering in the API's one error shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    fields = {}
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        flat = _flatten(detail)
        general = flat.pop("non_field_errors", [])
        fields = flat
        if general:
            message = " ".join(general)
        elif fields:
            message = _("Some values are not valid: %(fields)s.") % {
                "fields": ", ".join(sorted(fields))
            }
        else:
            message = _("The request is not valid.")
    elif isinstance(detail, (list, dict)):
        message = " ".join(m for messages in _flatten(detail).values() for m in messages)
    else:
        message = str(detail)
    set_rollback()
    return Response(
        error_body(exc.status_code, _code(exc), message, fields),
        status=exc.status_code,
        headers=headers,
    )
