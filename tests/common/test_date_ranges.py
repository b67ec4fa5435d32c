"""Every date typed into the platform has a range, and a date out of it is refused with a
message that names the range, keeping what was typed: year 1 and year 9999 never reach the
database, where they would break every page that shows them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import CohortFactory, MilestoneFactory
from tests.factories.plans import PlanActionFactory, plan_of, planning_twinning
from tests.factories.year import WorkshopFactory, year_twinning
from twinning.cities.domain.invitations import create_invitation
from twinning.cities.models import Invitation
from twinning.cohorts.enums import MilestoneKind
from twinning.common.ranges import check_date_in_range
from twinning.matchmaking.domain.days import DayHours, generate_slot_times
from twinning.matchmaking.models import MatchmakingDay
from twinning.plans.models import PlanAction
from twinning.visits.domain import plan_visit
from twinning.visits.models import Visit
from twinning.workshops.domain import save_workshop
from twinning.workshops.models import Workshop

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Give a date from the year 2000 to the year 2100."
FAR_DAYS = ["0001-01-01", "9999-12-31"]
FAR_MOMENTS = ["0001-01-01T00:00", "9999-12-31T23:59"]


def _next_year() -> int:
    return timezone.localdate().year + 1


# ---- the rule ----


@pytest.mark.parametrize(
    "value", [dt.date(2000, 1, 1), dt.date(2100, 12, 31), dt.datetime(2050, 6, 1, tzinfo=dt.UTC)]
)
def test_dates_within_the_range_pass(value):
    assert check_date_in_range(value) is None


@pytest.mark.parametrize(
    "value", [dt.date(1999, 12, 31), dt.date(2101, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31)]
)
def test_dates_outside_the_range_are_refused_with_the_range(value):
    with pytest.raises(ValidationError) as error:
        check_date_in_range(value)

    assert error.value.messages == [OUT_OF_RANGE]


# ---- workshops ----


@pytest.mark.parametrize("moment", FAR_MOMENTS)
def test_a_workshop_out_of_range_is_refused_on_the_page_keeping_the_input(organiser_client, moment):
    twinning, _marta, _miguel = year_twinning()

    response = organiser_client.post(
        reverse("orga:year_workshop_new"),
        {"cohort": twinning.cohort.pk, "title": "Bonds", "starts_at": moment,
         "ends_at": moment, "time_zone": "Pacific/Kiritimati"},
    )  # fmt: skip

    form = response.context["form"]
    assert response.status_code == 400
    assert (form.errors["starts_at"], form.errors["ends_at"]) == ([OUT_OF_RANGE], [OUT_OF_RANGE])
    assert (form["title"].value(), form["starts_at"].value()) == ("Bonds", moment)
    assert Workshop.objects.count() == 0


def test_a_workshop_moved_out_of_range_is_refused_on_its_edit_page(organiser_client):
    twinning, _marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort, twinning=twinning, title="Bonds")
    before = workshop.starts_at

    response = organiser_client.post(
        reverse("orga:year_workshop_edit", args=[workshop.pk]),
        {"cohort": twinning.cohort.pk, "title": "Bonds", "starts_at": "0001-01-01T00:00",
         "ends_at": "0001-01-01T01:00", "time_zone": "Europe/Brussels"},
    )  # fmt: skip
    pages = [
        organiser_client.get(reverse("orga:year_workshops")).status_code,
        organiser_client.get(reverse("orga:year_workshop_edit", args=[workshop.pk])).status_code,
    ]

    workshop.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["starts_at"] == [OUT_OF_RANGE]
    assert (workshop.starts_at, pages) == (before, [200, 200])


def test_the_domain_refuses_a_workshop_out_of_range():
    twinning, _marta, _miguel = year_twinning()
    workshop = WorkshopFactory.build(
        cohort=twinning.cohort, starts_at=dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    )

    with pytest.raises(ValidationError) as error:
        save_workshop(workshop, ["starts_at"], by=None)

    assert error.value.messages == [OUT_OF_RANGE]


# ---- Matchmaking Days ----


def _day_form(cohort, **changes):
    year = _next_year()
    data = {
        "cohort": cohort.pk,
        "name": "Matchmaking Day, Torino",
        "format": "online",
        "venue": "",
        "time_zone": "Europe/Rome",
        "day_hours": f"{year}-05-28 09:00-12:00",
        "break_hours": "",
        "slot_minutes": "25",
        "gap_minutes": "5",
        "request_deadline": f"{year}-05-20T17:00",
        "booking_deadline": f"{year}-05-25T17:00",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("line", ["9999-12-31 22:00-23:59", "0001-01-01 09:00-10:00"])
def test_a_day_out_of_range_is_refused_on_the_page_keeping_the_input(organiser_client, line):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:matchmaking_day_new"), _day_form(cohort, day_hours=line)
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors["day_hours"] == [
        f"“{line}” is out of range: give a date from the year 2000 to the year 2100."
    ]
    assert (form["name"].value(), form["day_hours"].value()) == ("Matchmaking Day, Torino", line)
    assert MatchmakingDay.objects.count() == 0


@pytest.mark.parametrize("moment", FAR_MOMENTS)
@pytest.mark.parametrize("name", ["request_deadline", "booking_deadline"])
def test_a_deadline_out_of_range_is_refused_on_the_page(organiser_client, name, moment):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:matchmaking_day_new"), _day_form(cohort, **{name: moment})
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors[name] == [OUT_OF_RANGE]
    assert form[name].value() == moment
    assert MatchmakingDay.objects.count() == 0


def test_the_domain_refuses_slots_out_of_range():
    hours = [DayHours(dt.date(9999, 12, 31), dt.time(22), dt.time(23, 59))]

    with pytest.raises(ValidationError) as error:
        generate_slot_times(hours, time_zone="Europe/Rome", slot_minutes=25, gap_minutes=5)

    assert error.value.messages == [OUT_OF_RANGE]


# ---- visits ----


@pytest.mark.parametrize("day", FAR_DAYS)
@pytest.mark.parametrize("name", ["starts_on", "ends_on"])
def test_a_visit_out_of_range_is_refused_on_the_page_keeping_the_input(client, name, day):
    twinning, _marta, miguel = year_twinning()
    torino = twinning.members.get(role="mission").city
    client.force_login(miguel)
    today = timezone.localdate().isoformat()
    data = {"host": torino.pk, "starts_on": today, "ends_on": today, "agenda": "Roofs"}

    response = client.post(reverse("portal:visit_new", args=[twinning.pk]), {**data, name: day})

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors[name] == [OUT_OF_RANGE]
    assert (form[name].value(), form["agenda"].value()) == (day, "Roofs")
    assert Visit.objects.count() == 0


def test_the_domain_refuses_a_visit_out_of_range():
    twinning, _marta, miguel = year_twinning()
    members = {m.role: m.city for m in twinning.members.all()}

    with pytest.raises(ValidationError) as error:
        plan_visit(
            twinning,
            host=members["mission"],
            starts_on=dt.date(9999, 12, 30),
            ends_on=dt.date(9999, 12, 31),
            agenda="Roofs",
            delegates=[(miguel, members["mission_minded"])],
            by=miguel,
        )

    assert error.value.messages == [OUT_OF_RANGE]


# ---- joint plan actions ----


@pytest.mark.parametrize("day", FAR_DAYS)
@pytest.mark.parametrize("name", ["starts_on", "ends_on"])
def test_a_plan_action_out_of_range_is_refused_on_the_page_keeping_the_input(client, name, day):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    example = PlanActionFactory.build(plan=plan)
    client.force_login(marta)
    year = _next_year()
    data = {
        "title": "Solar roofs on schools",
        "field_of_action": example.field_of_action.pk,
        "lever": example.lever.pk,
        "responsible_bodies": "Energy department",
        "stakeholders": "Schools",
        "starts_on": f"{year}-01-01",
        "ends_on": f"{year}-12-31",
        "cost_eur": "1000",
        "emission_reduction": "12.5",
    }

    response = client.post(
        reverse("portal:plan_action_add", args=[twinning.pk]), {**data, name: day}
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors[name] == [OUT_OF_RANGE]
    assert (form[name].value(), form["title"].value()) == (day, "Solar roofs on schools")
    assert PlanAction.objects.count() == 0


# ---- invitations ----


@pytest.mark.parametrize("moment", FAR_MOMENTS)
def test_an_invitation_expiring_out_of_range_is_refused_on_the_page(organiser_client, moment):
    cohort = CohortFactory(is_published=True)
    MilestoneFactory(cohort=cohort, kind=MilestoneKind.MISSION_MINDED_REGISTRATION)

    response = organiser_client.post(
        reverse("orga:invitations"),
        {"one-email": "ana@evora.pt", "one-city_name": "Évora", "one-country": "PT",
         "one-expires_at": moment},
    )  # fmt: skip

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors["expires_at"] == [OUT_OF_RANGE]
    assert (form["email"].value(), form["expires_at"].value()) == ("ana@evora.pt", moment)
    assert Invitation.objects.count() == 0


def test_the_domain_refuses_an_invitation_expiring_out_of_range():
    cohort = CohortFactory()

    with pytest.raises(ValidationError) as error:
        create_invitation(
            cohort,
            email="ana@evora.pt",
            city_name="Évora",
            country="PT",
            expires_at=dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
        )

    assert error.value.messages == [OUT_OF_RANGE]


def test_the_api_refuses_an_invitation_expiring_out_of_range():
    from rest_framework.test import APIClient

    from tests.factories.api import organiser_key

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {organiser_key()}")

    response = api.post(
        "/api/v1/invitations/",
        {"cohort": CohortFactory().pk, "email": "ana@evora.pt", "city_name": "Évora",
         "country": "PT", "expires_at": "2150-12-31T23:59:00Z"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"expires_at": [OUT_OF_RANGE]}
    assert Invitation.objects.count() == 0


# ---- the audit trail's search ----


@pytest.mark.parametrize("day", FAR_DAYS)
@pytest.mark.parametrize("name", ["since", "until"])
def test_an_audit_search_out_of_range_is_refused_keeping_the_input(organiser_client, name, day):
    response = organiser_client.get(reverse("orga:audit"), {name: day, "action": "invitation."})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors[name] == [OUT_OF_RANGE]
    assert (form[name].value(), form["action"].value()) == (day, "invitation.")


# ---- the admin: cohort milestones, webinars, workshops ----


@pytest.mark.parametrize("day", FAR_DAYS)
def test_a_milestone_out_of_range_is_refused_in_the_admin(organiser_client, day):
    milestone = MilestoneFactory(
        starts_at=dt.datetime(2026, 2, 2, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC),
    )

    response = organiser_client.post(
        reverse("admin:cohorts_milestone_change", args=[milestone.pk]),
        {"cohort": milestone.cohort.pk, "kind": milestone.kind, "title": "Window",
         "description": "", "starts_at_0": "2026-02-02", "starts_at_1": "09:00:00",
         "ends_at_0": day, "ends_at_1": "17:00:00", "time_zone": "Europe/Brussels"},
    )  # fmt: skip

    form = response.context["adminform"].form
    assert response.status_code == 200
    assert form.errors["ends_at"] == [OUT_OF_RANGE]
    assert form["title"].value() == "Window"
    milestone.refresh_from_db()
    assert milestone.ends_at == dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC)


@pytest.mark.parametrize("day", FAR_DAYS)
def test_a_webinar_out_of_range_is_refused_in_the_admin(organiser_client, day):
    response = organiser_client.post(
        reverse("admin:cohorts_webinar_add"),
        {"cohort": CohortFactory().pk, "title": "Info session", "description": "",
         "starts_at_0": day, "starts_at_1": "10:00:00", "ends_at_0": day,
         "ends_at_1": "11:00:00", "time_zone": "Europe/Brussels", "capacity": "100"},
    )  # fmt: skip

    form = response.context["adminform"].form
    assert response.status_code == 200
    assert (form.errors["starts_at"], form.errors["ends_at"]) == ([OUT_OF_RANGE], [OUT_OF_RANGE])
    assert form["title"].value() == "Info session"
