"""Reminders of an online event (a webinar, a workshop): a day and an hour before it starts.

An event that reminds inherits `RemindedEvent`; its domain queues the reminders
with `schedule_reminders` whenever the start is set, and its reminder task
begins with `claim_reminder`, which says whether this reminder is still due.
A reminder queued for a start that has since moved finds it changed and does
nothing; the one queued for the new start is then the one that is sent.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit

# Each kind of reminder and how long before the start it goes.
REMINDERS = {"day": dt.timedelta(days=1), "hour": dt.timedelta(hours=1)}


class RemindedEvent(models.Model):
    """An event with a `starts_at` whose people are reminded once per start time.

    `<kind>_reminder_for` holds the start the `<kind>` reminder was sent for.
    """

    day_reminder_for = models.DateTimeField(null=True, blank=True, editable=False)
    hour_reminder_for = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def schedule_reminders(task, event: RemindedEvent) -> None:
    """Queue `task(event.pk, kind, start)` for each reminder, at its time before the start.

    Nothing is queued for an event that has started.
    """
    if event.starts_at <= clock.now():
        return
    for kind, before in REMINDERS.items():
        enqueue_on_commit(
            task,
            event.pk,
            kind,
            event.starts_at.isoformat(),
            run_after=event.starts_at - before,
        )


def claim_reminder(model, pk: int, kind: str, starts_at: str) -> RemindedEvent | None:
    """The event, locked and stamped as reminded for this start, when the `kind`
    reminder queued for `starts_at` is still due; None when the event is gone, its
    start moved, it has started, or this reminder was already sent.

    To be called inside the transaction that queues the reminder's mails.
    """
    field = f"{kind}_reminder_for"
    event = model.objects.select_for_update().filter(pk=pk).first()
    if event is None or event.starts_at.isoformat() != starts_at:
        return None
    if getattr(event, field) == event.starts_at or event.starts_at <= clock.now():
        return None
    setattr(event, field, event.starts_at)
    event.save(update_fields=[field])
    return event
