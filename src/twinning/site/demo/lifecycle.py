"""Demo: cohort 5's twinnings are active, and one is completed with its certificates.

The completed twinning made its two visits, had its plan approved and got its
certificates, all through the domain; loading again finds it done and adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from twinning.accounts.models import User
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.plans.domain import plan_for, save_section, set_plan_state
from twinning.plans.domain.certificates import issue_certificates
from twinning.plans.enums import PlanState, SectionKind
from twinning.programme.domain.lifecycle import activate_due_twinnings
from twinning.programme.enums import MemberRole, TwinningState
from twinning.programme.models import Twinning
from twinning.site.demo.visits import _representative
from twinning.visits.domain import plan_visit, set_visit_state
from twinning.visits.enums import VisitState
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration


@transaction.atomic
def load_demo_lifecycle(today: dt.date | None = None) -> Twinning | None:
    """Activate cohort 5's twinnings and complete one of them; returns the completed one."""
    cohort = Cohort.objects.filter(number=5).first()
    if cohort is None:
        return None
    activate_due_twinnings(cohort)
    completed = Twinning.objects.filter(cohort=cohort, state=TwinningState.COMPLETED).first()
    if completed is None:
        completed = _complete_one(cohort, today or clock.localdate(cohort.zone))
    if completed is not None and not completed.certificates.exists():
        organiser = User.objects.filter(email="organiser@demo.twinning.eu").first()
        issue_certificates(completed, by=organiser)
    return completed


def _complete_one(cohort, day: dt.date) -> Twinning | None:
    """The last active twinning with no visit yet (not Torino's): two visits done, plan approved."""
    candidate = (
        Twinning.objects.filter(cohort=cohort, state=TwinningState.ACTIVE, visits__isnull=True)
        .exclude(members__city__name="Torino")
        .exclude(plan__state__in=[PlanState.SUBMITTED, PlanState.APPROVED])
        .prefetch_related("members__city")
        .order_by("-id")
        .first()
    )
    if candidate is None:
        return None
    organiser = User.objects.filter(email="organiser@demo.twinning.eu").first()
    members = list(candidate.members.all())
    minded = next(m.city for m in members if m.role == MemberRole.MISSION_MINDED)
    mission = [m.city for m in members if m.role == MemberRole.MISSION]
    if not mission:
        return None
    minded_person = _representative(minded)
    mission_person = _representative(mission[0])
    # Both took part in the kick-off workshop, so their certificates name it.
    kickoff = Workshop.objects.filter(cohort=cohort, starts_at__lt=clock.now()).first()
    if kickoff is not None:
        for person in (minded_person, mission_person):
            WorkshopRegistration.objects.get_or_create(
                workshop=kickoff,
                person=person,
                defaults={"twinning": candidate, "attendance": Attendance.ATTENDED},
            )
    # Each city hosts once: the Mission city first travels, then receives its twin.
    for host, traveller, city, days_ago in [
        (minded, mission_person, mission[0], 50),
        (mission[0], minded_person, minded, 20),
    ]:
        visit = plan_visit(
            candidate,
            host=host,
            starts_on=day - dt.timedelta(days=days_ago),
            ends_on=day - dt.timedelta(days=days_ago - 2),
            agenda="Day 1: the climate plan. Day 2: site visits. Day 3: what to replicate.",
            delegates=[(traveller, city)],
            by=traveller,
        )
        set_visit_state(visit, VisitState.SUBMITTED, by=traveller)
        visit = set_visit_state(visit, VisitState.APPROVED, by=organiser)
        set_visit_state(
            visit,
            VisitState.DONE,
            by=traveller,
            report="We learnt how the twin city runs its energy community and its funding.",
        )
    plan = plan_for(candidate)
    section = plan.sections.get(kind=SectionKind.CONTEXT)
    save_section(
        section,
        "The Mission city replicates its twin's one-stop shop for home renovation.",
        base_version=section.version,
        by=mission_person,
    )
    plan = set_plan_state(plan, PlanState.SUBMITTED, by=mission_person)
    set_plan_state(plan, PlanState.APPROVED, by=organiser)
    candidate.refresh_from_db()
    return candidate if candidate.state == TwinningState.COMPLETED else None
