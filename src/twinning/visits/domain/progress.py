"""The programme year of every twinning at a glance, and which twinnings are late."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cohorts.enums import MilestoneKind
from twinning.common import clock
from twinning.programme.enums import AGREED_STATES
from twinning.programme.models import Twinning, TwinningMember
from twinning.visits.domain.budget import USED_STATES, Budget, budget_of
from twinning.visits.enums import ClaimState, VisitState
from twinning.workshops.enums import Attendance
from twinning.workshops.models import WorkshopRegistration

# A twinning with no visit planned once this share of the programme has passed is late.
FIRST_VISIT_PLANNED_BY = 0.25


@dataclass(frozen=True)
class TwinningProgress:
    twinning: Twinning
    workshops_attended: int
    visits_planned: int
    visits_done: int
    budget: Budget
    plan_state: str
    late_reasons: list[str]

    @property
    def is_late(self) -> bool:
        return bool(self.late_reasons)


def elapsed_share(start: datetime, end: datetime, moment: datetime) -> float:
    if moment <= start:
        return 0.0
    if moment >= end:
        return 1.0
    return (moment - start) / (end - start)


def late_reasons(visits_planned: int, visits_done: int, visits_due: int, share: float) -> list:
    """The rule: by each share of the programme, that share of the visits is done
    (rounded down: one of two visits by half-time, both by the end); and a first visit
    is planned once a quarter of the programme has passed."""

    reasons = []
    expected = math.floor(visits_due * share + 1e-9)
    if visits_done < expected:
        reasons.append(
            ngettext(
                "%(done)d of %(expected)d visit done by now.",
                "%(done)d of %(expected)d visits done by now.",
                expected,
            )
            % {"done": visits_done, "expected": expected}
        )
    if share >= FIRST_VISIT_PLANNED_BY and visits_planned == 0:
        reasons.append(_("No visit planned yet."))
    return reasons


def _plan_states() -> dict[int, str]:
    try:
        model = apps.get_model("plans", "JointPlan")
    except LookupError:
        return {}
    labels = dict(model._meta.get_field("state").flatchoices)
    return {
        twinning_id: str(labels.get(state, state))
        for twinning_id, state in model.objects.values_list("twinning_id", "state")
    }


def programme_progress(*, cohort=None, at: datetime | None = None) -> list[TwinningProgress]:
    """Every twinning in its programme year (or past it), with its figures, in a fixed
    number of queries."""
    moment = at or clock.now()
    twinnings = Twinning.objects.filter(state__in=AGREED_STATES)
    if cohort is not None:
        twinnings = twinnings.filter(cohort=cohort)
    twinnings = (
        twinnings.select_related("cohort", "facilitator")
        .prefetch_related(
            Prefetch("members", queryset=TwinningMember.objects.select_related("city")),
            "cohort__milestones",
        )
        .annotate(
            visits_planned=Count(
                "visits", filter=~Q(visits__state=VisitState.CANCELLED), distinct=True
            ),
            visits_done=Count("visits", filter=Q(visits__state=VisitState.DONE), distinct=True),
            budget_used=Sum(
                "visits__claims__amount_eur", filter=Q(visits__claims__state__in=USED_STATES)
            ),
            budget_pending=Sum(
                "visits__claims__amount_eur", filter=Q(visits__claims__state=ClaimState.SUBMITTED)
            ),
        )
        .order_by("cohort__number", "id")
    )
    twinnings = list(twinnings)
    attended = dict(
        WorkshopRegistration.objects.filter(twinning__in=twinnings, attendance=Attendance.ATTENDED)
        .values_list("twinning")
        .annotate(n=Count("workshop", distinct=True))
        .values_list("twinning", "n")
    )
    plans = _plan_states()
    rows = []
    for twinning in twinnings:
        window = next(
            (m for m in twinning.cohort.milestones.all() if m.kind == MilestoneKind.PROGRAMME),
            None,
        )
        if window is not None and window.starts_at > moment:
            continue  # its programme year has not begun
        share = elapsed_share(window.starts_at, window.ends_at, moment) if window else 0.0
        rows.append(
            TwinningProgress(
                twinning=twinning,
                workshops_attended=attended.get(twinning.pk, 0),
                visits_planned=twinning.visits_planned,
                visits_done=twinning.visits_done,
                budget=budget_of(twinning.cohort, twinning.budget_used, twinning.budget_pending),
                plan_state=plans.get(twinning.pk, ""),
                late_reasons=late_reasons(
                    twinning.visits_planned,
                    twinning.visits_done,
                    twinning.cohort.visits_per_twinning,
                    share,
                ),
            )
        )
    return rows
