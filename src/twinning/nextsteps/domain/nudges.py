"""Reminders by mail ("nudges") of the steps that wait for city representatives.

What is due is decided by the steps of the start pages (`agenda_for_representative`),
each with its `nudges`: the moments it is worth a reminder. A sweep, run by the worker
every hour, mails each person one message listing the steps whose moment has come,
and records each (person, step, moment) so that no reminder is ever sent twice, even
when two workers sweep at once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from twinning.accounts.domain.preferences import mail_language
from twinning.common import clock
from twinning.mail.domain import queue_mail
from twinning.nextsteps.domain.steps import Step, agenda_for_representative
from twinning.nextsteps.models import NudgeSent

logger = logging.getLogger(__name__)


def people_to_nudge():
    """City representatives who can be written to: an active account, not deleted."""
    return (
        get_user_model()
        .objects.filter(is_active=True, anonymised_at__isnull=True, memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )


def due_nudges(user, *, at: dt.datetime) -> list[tuple[Step, str]]:
    """The person's steps whose reminder moment has come, each with that moment's label,
    including those already sent."""
    due = []
    for step in agenda_for_representative(user, at=at).steps:
        nudge = step.nudge_at(at)
        if nudge is not None:
            due.append((step, nudge.label))
    return due


def send_nudges(*, at: dt.datetime | None = None) -> int:
    """Mail each representative the reminders now due and not sent yet, one message per
    person; returns how many people were written to."""
    moment = at or clock.now()
    written = 0
    for user in people_to_nudge():
        # The steps' texts are written in the language the person reads their mail in.
        with translation.override(mail_language(user)):
            due = due_nudges(user, at=moment)
            if due and _send(user, due, moment):
                written += 1
    if written:
        logger.info("Reminders mailed to %s people.", written)
    return written


@transaction.atomic
def _send(user, due: list[tuple[Step, str]], moment: dt.datetime) -> bool:
    """Record the person's reminders and queue the mail of those not sent before, at once.

    The unique record is taken before the mail is queued in the same transaction: a
    second sweep finds it (or waits for it, then finds it) and leaves that step out.
    """
    fresh = []
    for step, label in due:
        _record, created = NudgeSent.objects.get_or_create(
            user=user, key=step.key, label=label, defaults={"sent_at": moment}
        )
        if created:
            fresh.append(step)
    if not fresh:
        return False
    queue_mail(
        "nudge",
        user.email,
        {"person": user, "steps": fresh},
        about=user,
        language=mail_language(user),
    )
    return True
