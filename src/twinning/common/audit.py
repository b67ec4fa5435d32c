"""The audit trail: every domain function that changes state records it here."""

from django.contrib.contenttypes.models import ContentType

from twinning.common.models import AuditEntry


def signed_in(person):
    """The person when signed in, else None: what a record's "by" field may hold."""
    return person if getattr(person, "is_authenticated", False) else None


def record_action(action: str, subject=None, *, by=None, **data) -> AuditEntry:
    """Store one entry of the audit trail; `data` must be JSON-serialisable."""
    return AuditEntry.objects.create(
        actor=signed_in(by),
        action=action,
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
        object_repr=str(subject)[:300] if subject is not None else "",
        data=data,
    )
