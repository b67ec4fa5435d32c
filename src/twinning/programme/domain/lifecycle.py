"""The programme year of a twinning: active when its window opens, then completed or closed.

An accepted twinning becomes active when its cohort's programme window opens (the
worker's sweep, `activate_due_twinnings`). It is completed when every completion
condition is met: the apps above this one (the plan, the visits) each register
theirs with `@completion_condition(name)` in a module their `AppConfig.ready()`
imports, and call `complete_if_done` when what they record changes. Once the
window has closed, the programme team closes the twinnings left, as completed or not.

Every change goes through `_change_state`: it checks the transition, saves,
records it in the audit trail and mails the cities and the facilitator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, OuterRef, Subquery
from django.utils.translation import gettext as _

from twinning.cities.domain.queries import member_emails
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Milestone
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.mail.domain import queue_mail
from twinning.programme.domain import _check
from twinning.programme.enums import TwinningState
from twinning.programme.models import Twinning

S = TwinningState

# A condition takes a twinning and says what is still missing for it to be completed,
# or None when nothing is.
CompletionCondition = Callable[[Twinning], str | None]
_CONDITIONS: dict[str, CompletionCondition] = {}


def completion_condition(name: str) -> Callable[[CompletionCondition], CompletionCondition]:
    """Register `condition` under `name`: a twinning is completed once none says what's missing."""

    def register(condition: CompletionCondition) -> CompletionCondition:
        _CONDITIONS[name] = condition
        return condition

    return register


def missing_for_completion(twinning: Twinning) -> list[str]:
    """What the twinning still has to do to be completed, in the conditions' name order."""
    missing = (_CONDITIONS[name](twinning) for name in sorted(_CONDITIONS))
    return [reason for reason in missing if reason]


def programme_window(cohort) -> tuple[dt.datetime, dt.datetime] | None:
    """(opens, closes) of the cohort's programme window, or None when it has none."""
    window = Milestone.objects.filter(cohort=cohort, kind=MilestoneKind.PROGRAMME).aggregate(
        opens=Min("starts_at"), closes=Min("ends_at")
    )
    if window["opens"] is None:
        return None
    return window["opens"], window["closes"]


def close_refusal(twinning: Twinning, *, at: dt.datetime | None = None) -> str | None:
    """None when the programme team may close the twinning now, else why not."""
    if twinning.state != S.ACTIVE:
        return _("Only an active twinning is closed.")
    window = programme_window(twinning.cohort)
    at = at or clock.now()
    if window is not None and at < window[1]:
        return _("The twinning can be closed once the programme window closes.")
    return None


def _people(twinning: Twinning) -> list[str]:
    members = list(twinning.members.select_related("city"))
    recipients = set(member_emails([m.city for m in members]))
    facilitator = twinning.facilitator
    if facilitator is not None and facilitator.is_active and facilitator.email:
        recipients.add(facilitator.email)
    return sorted(recipients)


def _change_state(twinning: Twinning, new_state: str, *, by, reason: str = "") -> Twinning:
    """Move a locked twinning to `new_state`: checked, saved, audited and mailed once."""
    _check(twinning, new_state)
    previous = twinning.state
    twinning.state = new_state
    twinning.state_changed_at = clock.now()
    twinning.save(update_fields=["state", "state_changed_at"])
    record_action(f"twinning.{new_state}", twinning, by=by, previous=previous, reason=reason)
    recipients = _people(twinning)
    if recipients:
        queue_mail(
            "twinning_state",
            recipients,
            {
                "cities": [m.city.display_name for m in twinning.members.select_related("city")],
                "cohort": twinning.cohort.name,
                "state": new_state,
                "state_label": S(new_state).label,
                "reason": reason,
                "twinning_id": twinning.pk,
            },
            about=twinning,
            by=by,
        )
    return twinning


def _locked(twinning: Twinning) -> Twinning:
    # Only the twinning's row is locked: PostgreSQL cannot lock the nullable side of the
    # outer join to the facilitator.
    return (
        Twinning.objects.select_for_update(of=("self",))
        .select_related("cohort", "facilitator")
        .get(pk=twinning.pk)
    )


@transaction.atomic
def activate_twinning(twinning: Twinning, *, by=None) -> Twinning:
    """An accepted twinning starts its programme year; refused before its window opens."""
    twinning = _locked(twinning)
    window = programme_window(twinning.cohort)
    if window is None or clock.now() < window[0]:
        raise ValidationError(_("The twinning starts when the programme window opens."))
    return _change_state(twinning, S.ACTIVE, by=by)


def activate_due_twinnings(cohort=None) -> int:
    """Activate the accepted twinnings (of `cohort`, or of every cohort) whose programme
    window has opened; returns how many."""
    opens = (
        Milestone.objects.filter(cohort=OuterRef("cohort"), kind=MilestoneKind.PROGRAMME)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    due = (
        Twinning.objects.filter(state=S.ACCEPTED)
        .annotate(opens=Subquery(opens))
        .filter(opens__lte=clock.now())
        .order_by("id")
    )
    if cohort is not None:
        due = due.filter(cohort=cohort)
    count = 0
    for twinning in due:
        with transaction.atomic():
            locked = _locked(twinning)
            if locked.state == S.ACCEPTED:
                _change_state(locked, S.ACTIVE, by=None)
                count += 1
    return count


@transaction.atomic
def complete_if_done(twinning: Twinning, *, by=None) -> bool:
    """Complete an active twinning once nothing is missing; True when it was completed now."""
    twinning = _locked(twinning)
    if twinning.state != S.ACTIVE or missing_for_completion(twinning):
        return False
    _change_state(twinning, S.COMPLETED, by=by)
    return True


@transaction.atomic
def close_twinning(twinning: Twinning, *, completed: bool, reason: str, by) -> Twinning:
    """The programme team ends an active twinning after its window: completed or not."""
    twinning = _locked(twinning)
    refusal = close_refusal(twinning)
    if refusal:
        raise ValidationError(refusal)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the twinning is closed: the cities are told."))
    return _change_state(twinning, S.COMPLETED if completed else S.CLOSED, by=by, reason=reason)
