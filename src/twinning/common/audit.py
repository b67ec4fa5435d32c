"""The audit trail: every domain function that changes state records it here."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

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


def search_audit_trail(*, text="", action="", actor="", since=None, until=None):
    """Entries matching all the given criteria, newest first; dates are whole local days."""

    entries = AuditEntry.objects.select_related("actor", "content_type")
    if text:
        entries = entries.filter(
            Q(object_repr__icontains=text) | Q(action__icontains=text) | Q(object_id=text)
        )
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(Q(actor__email__icontains=actor) | Q(actor__name__icontains=actor))
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(timestamp__gte=dt.datetime.combine(since, dt.time(), zone))
    if until:
        after = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), zone)
        entries = entries.filter(timestamp__lt=after)
    return entries


def history_of(content_type, object_id):
    """The entries about one object, newest first."""
    return AuditEntry.objects.select_related("actor", "content_type").filter(
        content_type=content_type, object_id=str(object_id)
    )


def content_type_or_404(pk) -> ContentType:
    """The kind of object whose audit trail a page shows."""
    return get_object_or_404(ContentType, pk=pk)
