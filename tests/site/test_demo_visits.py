import datetime as dt

import pytest

from twinning.programme.models import Twinning
from twinning.site.demo import load_demo
from twinning.site.demo.visits import load_demo_year
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import ExpenseClaim, Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _on_the_demo_day(time_machine):
    """The demo is checked as it stands on TODAY, whatever the machine's date."""
    time_machine.move_to(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC))


def _year():
    return {
        "workshops": list(Workshop.objects.order_by("pk").values_list("title", "starts_at")),
        "registrations": WorkshopRegistration.objects.count(),
        "visits": list(Visit.objects.order_by("pk").values_list("host__name", "state")),
        "claims": list(ExpenseClaim.objects.order_by("pk").values_list("state", "amount_eur")),
    }


def test_demo_year_of_cohort_5():
    load_demo(today=TODAY)

    torino = Twinning.objects.get(cohort__number=5, members__city__name="Torino")
    workshops = list(Workshop.objects.filter(cohort__number=5).order_by("starts_at"))
    assert [w.starts_at.date() for w in workshops] == [
        TODAY - dt.timedelta(days=60),
        TODAY + dt.timedelta(days=12),
    ]
    assert torino.facilitator.email == "facilitator@demo.twinning.eu"
    assert list(torino.visits.values_list("host__name", "state")) == [("Évora", VisitState.DONE)]
    assert sorted(
        ExpenseClaim.objects.filter(visit__twinning=torino).values_list("state", flat=True)
    ) == [ClaimState.APPROVED, ClaimState.PAID, ClaimState.RETURNED]
    assert Visit.objects.filter(state=VisitState.APPROVED).count() == 2
    assert ExpenseClaim.objects.filter(state=ClaimState.SUBMITTED).count() == 2
    assert (
        WorkshopRegistration.objects.filter(
            workshop=workshops[0], person__email="mission-city@demo.twinning.eu"
        )
        .get()
        .attendance
        == Attendance.ATTENDED
    )


def test_demo_year_loaded_again_changes_nothing():
    load_demo(today=TODAY)
    before = _year()

    load_demo_year(TODAY)

    assert _year() == before
