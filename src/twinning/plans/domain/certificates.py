"""Certificates of participation in a completed twinning: issued by the programme team.

Each city of the twinning gets one, and so does each person representing it. A
certificate writes down, when it is issued, the workshops attended, the city
visits made and the plan approved; its random code lets anyone check it on the site.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.cities.models import Membership
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.people import display_name, is_gone
from twinning.mail.domain import queue_mail
from twinning.plans.enums import PlanState
from twinning.plans.models import Certificate, JointPlan
from twinning.programme.enums import Acceptance, TwinningState
from twinning.programme.models import Twinning
from twinning.visits.enums import VisitState
from twinning.visits.models import Delegate, Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import WorkshopRegistration

CODE_BYTES = 12  # 16 characters: not guessable, short enough to type


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def issue_refusal(twinning: Twinning) -> str | None:
    """None when certificates can be issued for the twinning, else why not."""
    if twinning.state != TwinningState.COMPLETED:
        return _("Certificates are issued once the twinning is completed.")
    return None


def _visit_label(visit: Visit) -> str:
    return _("%(city)s, %(date)s") % {
        "city": visit.host.display_name,
        "date": visit.starts_on.isoformat(),
    }


@transaction.atomic
def issue_certificates(twinning: Twinning, *, by) -> list[Certificate]:
    """Issue the certificates the twinning's cities and people do not have yet; the new ones.

    Issuing again after a representative joined a city gives that person theirs.
    """
    twinning = Twinning.objects.select_for_update().select_related("cohort").get(pk=twinning.pk)
    refusal = issue_refusal(twinning)
    if refusal:
        raise ValidationError(refusal)
    members = [
        m for m in twinning.members.select_related("city") if m.acceptance != Acceptance.DECLINED
    ]
    cities = {m.city_id: m.city for m in members}
    plan = JointPlan.objects.filter(twinning=twinning).first()
    approved_on = (
        timezone.localtime(plan.decided_at, twinning.cohort.zone).date()
        if plan and plan.state == PlanState.APPROVED and plan.decided_at
        else None
    )
    plan_kind = plan.kind_label if plan else twinning.joint_output_name
    done_visits = list(
        Visit.objects.filter(twinning=twinning, state=VisitState.DONE)
        .select_related("host")
        .order_by("starts_on", "id")
    )
    travelled: dict[int, set[int]] = {}
    for person_id, visit_id in Delegate.objects.filter(visit__in=done_visits).values_list(
        "person_id", "visit_id"
    ):
        travelled.setdefault(person_id, set()).add(visit_id)
    attended: dict[int, list[str]] = {}
    for person_id, title in (
        WorkshopRegistration.objects.filter(twinning=twinning, attendance=Attendance.ATTENDED)
        .order_by("workshop__starts_at", "workshop_id")
        .values_list("person_id", "workshop__title")
    ):
        attended.setdefault(person_id, []).append(title)
    memberships = [
        m
        for m in Membership.objects.filter(city__in=cities).select_related("user").order_by("id")
        if not is_gone(m.user)
    ]
    existing = set(
        Certificate.objects.filter(twinning=twinning).values_list("city_id", "person_id")
    )
    now = clock.now()
    issued = []

    def issue(city, person, workshops, visits):
        certificate = Certificate.objects.create(
            code=new_code(),
            twinning=twinning,
            city=city,
            person=person,
            person_name=display_name(person) if person else "",
            plan_kind=plan_kind,
            plan_approved_on=approved_on,
            workshops=workshops,
            visits=visits,
            issued_at=now,
            issued_by=by if getattr(by, "is_authenticated", False) else None,
        )
        issued.append(certificate)

    certified = {person_id for _city, person_id in existing if person_id is not None}
    for city_id, city in cities.items():
        people = [m.user for m in memberships if m.city_id == city_id]
        if (city_id, None) not in existing:
            workshops = sorted({t for p in people for t in attended.get(p.pk, [])})
            issue(city, None, workshops, [_visit_label(v) for v in done_visits])
        for person in people:
            if person.pk in certified:
                continue
            certified.add(person.pk)
            visits = [_visit_label(v) for v in done_visits if v.pk in travelled.get(person.pk, ())]
            issue(city, person, attended.get(person.pk, []), visits)
    if issued:
        record_action(
            "twinning.certificates_issued",
            twinning,
            by=by,
            certificates=[c.pk for c in issued],
        )
        recipients = sorted(
            {c.person.email for c in issued if c.person is not None and c.person.is_active}
        )
        if recipients:
            queue_mail(
                "certificates_issued",
                recipients,
                {
                    "cities": [m.city.display_name for m in members],
                    "cohort": twinning.cohort.name,
                    "twinning_id": twinning.pk,
                },
                about=twinning,
                by=by,
            )
    return issued
