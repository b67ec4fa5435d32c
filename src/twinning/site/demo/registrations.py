"""When the demo's cities registered, and the invitations behind its Mission-minded cities.

Mission-minded cities register by invitation in their window, Mission cities in
theirs: each registration is dated within the window of its kind, a few cities
early, few in the middle and many before the deadline, as registrations come in.
Every Mission-minded registration of a cohort with a window has the invitation it
was made through. Loading is idempotent: the same dates and rows every time.
"""

from __future__ import annotations

import datetime as dt
import math

from django.utils.text import slugify

from twinning.cities.enums import CityKind
from twinning.cities.models import City, Invitation, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone

WINDOWS = {
    CityKind.MISSION_MINDED: MilestoneKind.MISSION_MINDED_REGISTRATION,
    CityKind.MISSION: MilestoneKind.MISSION_REGISTRATION,
}
# The demo account of Évora's coordinator took up Évora's invitations.
EVORA_EMAIL = "mission-minded@demo.twinning.eu"


def registration_window(cohort: Cohort, kind: str) -> Milestone | None:
    return cohort.milestones.filter(kind=WINDOWS[kind]).order_by("starts_at").first()


def submitted_at(cohort: Cohort, kind: str, index: int, count: int) -> dt.datetime | None:
    """When the `index`-th of `count` registrations of `kind` was submitted.

    Spread over the kind's window, dense at its start and before its deadline and
    thin in between; without a window, when the cohort's first window opened.
    """
    window = registration_window(cohort, kind)
    if window is None:
        return cohort.milestones.order_by("starts_at").values_list("starts_at", flat=True).first()
    share = (index + 0.5) / max(count, 1)
    share -= 0.9 * math.sin(2 * math.pi * share) / (2 * math.pi)
    span = window.ends_at - window.starts_at - dt.timedelta(hours=2)
    moment = window.starts_at + span * share
    return moment.replace(second=0, microsecond=0)


def invite(cohort: Cohort, registration: Registration | None, city: City, *, by=None) -> None:
    """The invitation `city` had for `cohort`: taken up by `registration`, or left unused."""
    window = registration_window(cohort, CityKind.MISSION_MINDED)
    if window is None:
        return
    email = (
        EVORA_EMAIL
        if city.name == "Évora"
        else f"{slugify(city.name_en or city.name)}@demo.twinning.eu"
    )
    sent = window.starts_at - dt.timedelta(days=7)
    accepted = None
    if registration is not None and registration.submitted_at is not None:
        accepted = max(
            sent + dt.timedelta(days=1), registration.submitted_at - dt.timedelta(days=3)
        )
    invitation, _created = Invitation.objects.update_or_create(
        cohort=cohort,
        city=city,
        email=email,
        defaults={
            "expires_at": window.ends_at,
            "accepted_at": accepted,
            "registration": registration,
            "created_by": by,
        },
    )
    # `created` is set on saving; the demo's invitations went out before the window opened.
    Invitation.objects.filter(pk=invitation.pk).update(created=sent)
