"""Form helpers shared by the audience apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def refuse_on_form(form, refusal: Exception, field: str | None = None) -> None:
    """Show a refusal from the domain on `form`, next to `field` or above the form.

    A ValidationError gives each of its messages; another refusal (a seat or a
    limit refused) gives its `message`, or its text when it has none.
    """
    if isinstance(refusal, ValidationError):
        messages = refusal.messages
    else:
        messages = [getattr(refusal, "message", None) or str(refusal)]
    for message in messages:
        form.add_error(field, message)
