"""Organiser pages of the programme year."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.selection import QuickOrganiserFactory, QuickUserFactory
from tests.factories.year import (
    WorkshopFactory,
    WorkshopRegistrationFactory,
    claim_for,
    visit_to,
    year_twinning,
)
from twinning.visits.enums import ClaimState, VisitState
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop

# A date always ahead of the clock, whatever the day the tests run.
YEAR = timezone.localdate().year + 2


pytestmark = pytest.mark.django_db

ORGANISER_PAGES = ["orga:year_progress", "orga:year_visits", "orga:year_claims"]


def _cities(twinning):
    members = {m.role: m.city for m in twinning.members.all()}
    return members["mission"], members["mission_minded"]


@pytest.mark.parametrize("name", [*ORGANISER_PAGES, "orga:year_workshops"])
def test_year_pages_are_refused_to_city_representatives(client, name):
    _twinning, marta, _miguel = year_twinning()
    client.force_login(marta)

    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ORGANISER_PAGES)
def test_facilitators_do_not_reach_claims_visits_and_progress(client, name):
    client.force_login(QuickUserFactory(is_facilitator=True))

    assert client.get(reverse(name)).status_code == 403


def _grow(size):
    """`size` twinnings, each with a visit, claims, a workshop and a registration."""
    rows = []
    for _n in range(size):
        twinning, marta, miguel = year_twinning()
        torino, evora = _cities(twinning)
        visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.SUBMITTED)
        claim_for(visit, miguel, "100.00")
        claim_for(visit, miguel, "950.00")
        workshop = WorkshopFactory(cohort=twinning.cohort, twinning=twinning)
        WorkshopRegistrationFactory(workshop=workshop, person=marta, twinning=twinning)
        rows.append(twinning)
    return rows


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("orga:year_progress", {}),
        ("orga:year_visits", {}),
        ("orga:year_claims", {}),
        ("orga:year_workshops", {}),
    ],
)
def test_list_pages_query_count_does_not_grow_with_the_data(client, name, params):
    client.force_login(QuickOrganiserFactory())
    _grow(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(name), params).status_code == 200
    _grow(4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse(name), params).status_code == 200

    assert len(large.captured_queries) == len(small.captured_queries)


def test_claims_queue_flags_the_claim_over_budget(organiser_client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    fits = claim_for(visit, miguel, "100.00")
    over = claim_for(visit, miguel, "950.00")

    response = organiser_client.get(reverse("orga:year_claims"))

    flags = {c.pk: c.warnings for c in response.context["claims"]}
    assert flags == {
        fits.pk: [],
        over.pk: ["Miguel Silva has EUR 900.00 left of the EUR 900.00 per representative."],
    }


def test_approving_over_budget_without_confirmation_is_refused_on_the_page(organiser_client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, "950"
    )
    url = reverse("orga:year_claim", args=[claim.pk])

    refused = organiser_client.post(url, {"state": "approved"})
    confirmed = organiser_client.post(url, {"state": "approved", "confirm_over_budget": "on"})

    claim.refresh_from_db()
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors()[0] == (
        "This claim goes beyond the budget; confirm to approve it anyway."
    )
    assert confirmed.status_code == 302
    assert claim.state == ClaimState.APPROVED


def test_claim_is_paid_after_approval(organiser_client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, state="approved"
    )

    organiser_client.post(reverse("orga:year_claim", args=[claim.pk]), {"state": "paid"})

    claim.refresh_from_db()
    assert claim.state == ClaimState.PAID


def test_organiser_approves_a_submitted_visit(organiser_client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.SUBMITTED)

    response = organiser_client.post(
        reverse("orga:year_visit_decide", args=[visit.pk]), {"state": "approved"}
    )

    visit.refresh_from_db()
    assert (response.status_code, visit.state) == (302, VisitState.APPROVED)


def test_claims_export_as_csv(organiser_client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel)

    response = organiser_client.get(reverse("orga:year_claims_export", args=["csv"]))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["Claim", "Twinning", "Visit", "Traveller"]
    assert lines[1].split(",")[0] == str(claim.pk)
    assert len(lines) == 2


def test_claims_export_as_xlsx_and_unknown_format(organiser_client):
    xlsx = organiser_client.get(reverse("orga:year_claims_export", args=["xlsx"]))
    other = organiser_client.get(reverse("orga:year_claims_export", args=["pdf"]))

    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert other.status_code == 404


def test_progress_shows_figures_and_flags_a_late_twinning(organiser_client):
    import datetime as dt

    from django.utils import timezone

    from tests.factories import CohortFactory, MilestoneFactory
    from twinning.cohorts.enums import MilestoneKind

    late_cohort = CohortFactory()
    now = timezone.now()
    MilestoneFactory(
        cohort=late_cohort,
        kind=MilestoneKind.PROGRAMME,
        starts_at=now - dt.timedelta(days=200),
        ends_at=now + dt.timedelta(days=100),
    )
    late, _m, _n = year_twinning(cohort=late_cohort)
    on_time, _marta, miguel = year_twinning()
    torino, evora = _cities(on_time)
    visit = visit_to(on_time, torino, [(miguel, evora)], state=VisitState.DONE)
    claim_for(visit, miguel, "400.00", state="paid")

    response = organiser_client.get(reverse("orga:year_progress"))

    rows = {row.twinning.pk: row for row in response.context["rows"]}
    assert rows[late.pk].late_reasons == ["0 of 1 visit done by now.", "No visit planned yet."]
    row = rows[on_time.pk]
    assert (row.visits_done, row.budget.used, row.is_late) == (1, Decimal("400.00"), False)


def test_facilitator_schedules_a_workshop_for_their_twinning(client):
    facilitator = QuickUserFactory(is_facilitator=True)
    twinning, _marta, _miguel = year_twinning(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(
        reverse("orga:year_workshop_new"),
        {
            "cohort": twinning.cohort.pk,
            "twinning": twinning.pk,
            "title": "Heritage and solar",
            "starts_at": f"{YEAR}-03-10T10:00",
            "ends_at": f"{YEAR}-03-10T12:00",
            "time_zone": "Europe/Lisbon",
            "meeting_url": "https://meet.example.org/heritage",
        },
    )

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert (workshop.created_by, workshop.starts_at.isoformat()) == (
        facilitator, f"{YEAR}-03-10T10:00:00+00:00",
    )  # fmt: skip


def test_workshop_form_keeps_input_on_error(organiser_client):
    twinning, _marta, _miguel = year_twinning()

    response = organiser_client.post(
        reverse("orga:year_workshop_new"),
        {"cohort": twinning.cohort.pk, "title": "Bonds", "starts_at": f"{YEAR}-03-10T10:00",
         "ends_at": f"{YEAR}-03-10T09:00", "time_zone": "Europe/Brussels"},
    )  # fmt: skip

    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == ["A workshop must end after it starts."]
    assert response.context["form"]["title"].value() == "Bonds"


def test_facilitator_of_another_twinning_cannot_open_its_workshop(client):
    twinning, _marta, _miguel = year_twinning(facilitator=QuickUserFactory(is_facilitator=True))
    workshop = WorkshopFactory(cohort=twinning.cohort, twinning=twinning)
    client.force_login(QuickUserFactory(is_facilitator=True))

    assert client.get(reverse("orga:year_workshop", args=[workshop.pk])).status_code == 403


def test_attendance_recorded_on_the_workshop_page(organiser_client):
    import datetime as dt

    from django.utils import timezone

    workshop = WorkshopFactory(starts_at=timezone.now() - dt.timedelta(hours=3))
    came = WorkshopRegistrationFactory(workshop=workshop)
    WorkshopRegistrationFactory(workshop=workshop)

    organiser_client.post(
        reverse("orga:year_workshop", args=[workshop.pk]),
        {"action": "attendance", "attended": [str(came.pk)]},
    )

    assert sorted(workshop.registrations.values_list("attendance", flat=True)) == [
        Attendance.ABSENT,
        Attendance.ATTENDED,
    ]


def test_facilitator_sees_cohort_workshops_and_those_of_their_twinnings(client):
    facilitator = QuickUserFactory(is_facilitator=True)
    mine, _marta, _miguel = year_twinning(facilitator=facilitator)
    other, _m, _n = year_twinning(cohort=mine.cohort)
    cohort_wide = WorkshopFactory(cohort=mine.cohort, title="For everyone")
    own = WorkshopFactory(cohort=mine.cohort, twinning=mine, title="For mine")
    WorkshopFactory(cohort=mine.cohort, twinning=other, title="For the other")
    client.force_login(facilitator)

    response = client.get(reverse("orga:year_workshops"))

    assert sorted(w.pk for w in response.context["workshops"]) == [cohort_wide.pk, own.pk]


def test_progress_leaves_out_twinnings_whose_programme_year_has_not_begun(organiser_client):
    import datetime as dt

    from django.utils import timezone

    from tests.factories import CohortFactory, MilestoneFactory
    from twinning.cohorts.enums import MilestoneKind

    coming = CohortFactory()
    MilestoneFactory(
        cohort=coming,
        kind=MilestoneKind.PROGRAMME,
        starts_at=timezone.now() + dt.timedelta(days=30),
        ends_at=timezone.now() + dt.timedelta(days=400),
    )
    year_twinning(cohort=coming)
    under_way, _marta, _miguel = year_twinning()

    response = organiser_client.get(reverse("orga:year_progress"))

    assert [row.twinning.pk for row in response.context["rows"]] == [under_way.pk]


def test_new_workshop_form_proposes_the_cohort_in_its_programme_year(organiser_client):
    from tests.factories import CohortFactory

    twinning, _marta, _miguel = year_twinning()
    CohortFactory(number=99)

    response = organiser_client.get(reverse("orga:year_workshop_new"))

    assert response.context["form"].initial["cohort"] == twinning.cohort


def test_attendance_form_waits_for_the_start_of_the_workshop(organiser_client, time_machine):
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC), tick=False)
    workshop = WorkshopFactory(starts_at=dt.datetime(2026, 10, 6, 8, tzinfo=dt.UTC))
    registration = WorkshopRegistrationFactory(workshop=workshop)
    url = reverse("orga:year_workshop", args=[workshop.pk])

    html = organiser_client.get(url).content.decode()

    assert 'name="attended"' not in html
    assert "Save attendance" not in html
    assert (
        '<p class="message refusal">Attendance can be recorded from Tuesday 6 October 2026, '
        "10:00 CEST, when the workshop starts.</p>"
    ) in html
    # Posted anyway, the attendance is refused.
    response = organiser_client.post(
        url, {"action": "attendance", "attended": [str(registration.pk)]}, follow=True
    )
    registration.refresh_from_db()
    assert registration.attendance == Attendance.UNKNOWN
    assert "Attendance can be recorded from Tuesday 6 October 2026" in response.content.decode()

    time_machine.move_to(dt.datetime(2026, 10, 6, 8, tzinfo=dt.UTC), tick=False)
    html = organiser_client.get(url).content.decode()
    assert f'<input type="checkbox" name="attended" value="{registration.pk}"' in html
    assert "Attendance can be recorded from" not in html
