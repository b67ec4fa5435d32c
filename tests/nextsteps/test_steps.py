"""What each person is told to do next: offered while it can be done, gone once done."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
)
from tests.factories.matchmaking import MeetingRequestFactory, ParticipationFactory, matchmaking_day
from tests.factories.plans import FacilitatorFactory, plan_of
from tests.factories.selection import PreferenceFactory, QuickOrganiserFactory
from tests.factories.year import (
    WorkshopFactory,
    WorkshopRegistrationFactory,
    claim_for,
    visit_to,
    year_twinning,
)
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.enums import MilestoneKind
from twinning.nextsteps.domain.steps import (
    agenda_for_facilitator,
    agenda_for_representative,
    organiser_counts,
    queues_for_organisers,
)
from twinning.outreach.models import InterestExpression
from twinning.plans.domain import set_plan_state
from twinning.plans.enums import PlanState
from twinning.visits.enums import ClaimState, VisitState
from twinning.workshops.enums import Attendance

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _window(cohort, kind, *, opened_days_ago=5, closes_in_days=10):
    return MilestoneFactory(
        cohort=cohort,
        kind=kind,
        starts_at=NOW - dt.timedelta(days=opened_days_ago),
        ends_at=NOW + dt.timedelta(days=closes_in_days),
    )


def _keys(agenda):
    return [step.key.split(":")[0] for step in agenda.steps]


def test_a_draft_registration_is_to_finish_until_its_window_closes(time_machine):
    registration = RegistrationFactory(
        state=RegistrationState.DRAFT, city=MissionCityFactory(), kind=CityKind.MISSION
    )
    window = _window(registration.cohort, MilestoneKind.MISSION_REGISTRATION)
    person = MembershipFactory(city=registration.city).user

    step = agenda_for_representative(person).steps[0]
    assert step.text.startswith("Finish the registration of")
    assert step.due == window.ends_at
    assert step.url == f"/portal/registrations/{registration.pk}/"

    time_machine.move_to(window.ends_at + dt.timedelta(minutes=1), tick=False)
    assert "registration" not in _keys(agenda_for_representative(person))


def test_a_mission_city_without_registration_is_asked_to_register_only_while_its_window_is_open(
    time_machine,
):
    city = MissionCityFactory(name="Torino", name_en="Torino")
    person = MembershipFactory(city=city).user
    window = MilestoneFactory(
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=3),
    )
    _window(window.cohort, MilestoneKind.MATCHMAKING, opened_days_ago=-20, closes_in_days=40)

    steps = agenda_for_representative(person).steps
    assert [s.text for s in steps] == [f"Register Torino for {window.cohort.name}"]
    assert steps[0].url == "/portal/register/mission/"

    time_machine.move_to(window.ends_at, tick=False)
    assert agenda_for_representative(person).steps == []


def test_a_mission_minded_city_is_not_asked_to_register_without_an_invitation():
    person = MembershipFactory(city=CityFactory()).user
    _window(
        MilestoneFactory(kind=MilestoneKind.MISSION_MINDED_REGISTRATION).cohort,
        MilestoneKind.MISSION_MINDED_REGISTRATION,
    )

    assert agenda_for_representative(person).steps == []


def test_ranking_is_asked_while_the_window_is_open_and_gone_once_ranked():
    registration = RegistrationFactory(
        city=MissionCityFactory(name="Torino", name_en="Torino"), kind=CityKind.MISSION
    )
    window = _window(registration.cohort, MilestoneKind.PREFERENCES)
    person = MembershipFactory(city=registration.city).user

    step = agenda_for_representative(person).steps[0]
    assert step.text == "Rank the Mission-minded cities Torino would like to twin with"
    assert step.due == window.ends_at

    minded = RegistrationFactory(cohort=registration.cohort, kind=CityKind.MISSION_MINDED).city
    PreferenceFactory(
        cohort=registration.cohort, mission_city=registration.city, mission_minded_city=minded
    )
    assert agenda_for_representative(person).steps == []


def test_meeting_requests_waiting_are_counted_until_the_request_deadline(time_machine):
    registration = RegistrationFactory(city=CityFactory(name="Évora", name_en="Évora"))
    _window(registration.cohort, MilestoneKind.MATCHMAKING, closes_in_days=60)
    day = matchmaking_day(registration.cohort)
    ParticipationFactory(day=day, city=registration.city)
    for _ in range(2):
        sender = RegistrationFactory(
            cohort=registration.cohort, city=MissionCityFactory(), kind=CityKind.MISSION
        ).city
        MeetingRequestFactory(day=day, from_city=sender, to_city=registration.city)
    person = MembershipFactory(city=registration.city).user

    agenda = agenda_for_representative(person)
    step = next(s for s in agenda.steps if s.key.startswith("requests"))
    assert step.text == "2 meeting requests wait for the answer of Évora"
    assert step.count == 2
    assert agenda.counts()["matchmaking"] == 2

    time_machine.move_to(day.request_deadline + dt.timedelta(minutes=1), tick=False)
    assert "requests" not in _keys(agenda_for_representative(person))


def test_a_city_not_registered_for_a_day_is_asked_to_register_until_booking_closes(time_machine):
    registration = RegistrationFactory(city=CityFactory(name="Évora", name_en="Évora"))
    _window(registration.cohort, MilestoneKind.MATCHMAKING, closes_in_days=60)
    day = matchmaking_day(registration.cohort, name="Online Matchmaking Day")
    person = MembershipFactory(city=registration.city).user

    step = agenda_for_representative(person).steps[0]
    assert step.text == "Register Évora for Online Matchmaking Day"
    assert step.url == f"/portal/matchmaking/{day.pk}/cities/{registration.city.pk}/"

    time_machine.move_to(day.booking_deadline, tick=False)
    assert agenda_for_representative(person).steps == []


def test_the_programme_year_lists_returned_claims_empty_plan_sections_and_what_comes():
    twinning, marta, _miguel = year_twinning()
    host = twinning.members.get(role="mission_minded").city
    visit = visit_to(
        twinning,
        host,
        [(marta, twinning.members.get(role="mission").city)],
        state=VisitState.APPROVED,
    )
    visit.starts_on = timezone.localdate() + dt.timedelta(days=10)
    visit.ends_on = visit.starts_on + dt.timedelta(days=2)
    visit.save()
    claim_for(visit, marta, state=ClaimState.RETURNED)
    WorkshopFactory(
        cohort=twinning.cohort,
        twinning=twinning,
        title="Green bonds",
        starts_at=NOW + dt.timedelta(days=3),
    )
    WorkshopFactory(
        cohort=twinning.cohort, title="Far away", starts_at=NOW + dt.timedelta(days=200)
    )

    agenda = agenda_for_representative(marta)
    texts = [s.text for s in agenda.steps]
    assert any(
        t.startswith("Your claim “") and t.endswith("was returned: correct it and send it again")
        for t in texts
    )
    assert [c.text for c in agenda.coming] == ["Workshop: Green bonds", "Visit to Évora"]


def test_a_facilitator_records_attendance_once_a_workshop_has_started(time_machine):
    facilitator = FacilitatorFactory()
    twinning, _marta, miguel = year_twinning(facilitator=facilitator)
    workshop = WorkshopFactory(
        cohort=twinning.cohort,
        twinning=twinning,
        title="Heat pumps",
        starts_at=NOW + dt.timedelta(hours=2),
    )
    registration = WorkshopRegistrationFactory(workshop=workshop, person=miguel)

    agenda = agenda_for_facilitator(facilitator)
    assert "attendance" not in _keys(agenda)
    assert [c.text for c in agenda.coming] == ["Workshop: Heat pumps"]

    time_machine.move_to(NOW + dt.timedelta(hours=3), tick=False)
    step = next(
        s for s in agenda_for_facilitator(facilitator).steps if s.key.startswith("attendance")
    )
    assert step.text == "Record who attended “Heat pumps”"
    assert step.url == f"/orga/year/workshops/{workshop.pk}/"

    registration.attendance = Attendance.ATTENDED
    registration.save()
    assert "attendance" not in _keys(agenda_for_facilitator(facilitator))


def test_another_facilitators_twinning_is_not_in_the_agenda():
    facilitator = FacilitatorFactory()
    twinning, _marta, miguel = year_twinning(facilitator=FacilitatorFactory())
    workshop = WorkshopFactory(
        cohort=twinning.cohort, twinning=twinning, starts_at=NOW - dt.timedelta(hours=3)
    )
    WorkshopRegistrationFactory(workshop=workshop, person=miguel)

    assert agenda_for_facilitator(facilitator).steps == []


def test_organisers_see_each_queue_with_its_count_and_link():
    QuickOrganiserFactory()
    twinning, marta, _miguel = year_twinning()
    host = twinning.members.get(role="mission_minded").city
    visit = visit_to(
        twinning,
        host,
        [(marta, twinning.members.get(role="mission").city)],
        state=VisitState.SUBMITTED,
    )
    claim_for(visit, marta)
    claim_for(visit, marta)
    cohort = twinning.cohort
    RegistrationFactory(cohort=cohort, state=RegistrationState.SUBMITTED)
    RegistrationFactory(cohort=cohort, state=RegistrationState.SUBMITTED)
    RegistrationFactory(cohort=cohort, state=RegistrationState.DRAFT)

    queues = {s.key: s for s in queues_for_organisers()}
    review = queues[f"review-registrations:{cohort.pk}"]
    assert review.text == f"2 registrations to review in {cohort.name}"
    assert review.url == f"/orga/registrations/?cohort={cohort.slug}&state=submitted"
    assert queues["visits"].text == "Visits to approve: 1"
    assert queues["claims"].count == 2
    counts = organiser_counts()
    assert counts["registrations"] == 2
    assert counts["year"] == 3


def test_the_workshop_form_opened_from_a_step_has_the_twinning_chosen(client):
    facilitator = FacilitatorFactory()
    twinning, _marta, _miguel = year_twinning(facilitator=facilitator)
    step = next(
        s for s in agenda_for_facilitator(facilitator).steps if s.key.startswith("first-workshop")
    )
    client.force_login(facilitator)

    form = client.get(step.url).context["form"]

    assert form.initial["twinning"] == twinning.pk
    assert form.initial["cohort"] == twinning.cohort_id


def test_a_withdrawn_city_is_not_asked_to_register_again():
    registration = RegistrationFactory(
        city=MissionCityFactory(), kind=CityKind.MISSION, state=RegistrationState.WITHDRAWN
    )
    _window(registration.cohort, MilestoneKind.MISSION_REGISTRATION)
    person = MembershipFactory(city=registration.city).user

    assert agenda_for_representative(person).steps == []


def test_registration_is_asked_only_for_the_cohort_the_registration_page_offers():
    city = MissionCityFactory()
    person = MembershipFactory(city=city).user
    older = CohortFactory(number=1)
    _window(older, MilestoneKind.MISSION_REGISTRATION)
    newer = CohortFactory(number=2)
    _window(newer, MilestoneKind.MATCHMAKING, opened_days_ago=-20, closes_in_days=40)

    assert agenda_for_representative(person).steps == []


def test_the_outreach_queue_counts_only_the_cities_that_can_be_invited(organiser_client):
    for kind, invited in [
        (CityKind.MISSION_MINDED, None),
        (CityKind.MISSION_MINDED, NOW),
        (CityKind.MISSION, None),
    ]:
        InterestExpression.objects.create(
            city_name="Kerava",
            country="FI",
            kind=kind,
            contact_name="Anna",
            email="a@x.fi",
            invited_at=invited,
        )

    (step,) = [s for s in queues_for_organisers() if s.key == "interest"]
    assert step.count == 1
    listed = organiser_client.get(step.url).context["page"].object_list
    assert len(listed) == 1


def test_a_facilitators_plan_to_read_counts_under_their_twinnings():
    facilitator = FacilitatorFactory()
    twinning, marta, _miguel = year_twinning(facilitator=facilitator)
    plan = plan_of(twinning)
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)

    counts = agenda_for_facilitator(facilitator).counts()
    assert counts["twinnings"] == 1


def test_the_start_page_reads_the_same_number_of_queries_for_more_cities(
    client, django_assert_max_num_queries
):
    cohort = CohortFactory()
    _window(cohort, MilestoneKind.MATCHMAKING, closes_in_days=60)
    _window(cohort, MilestoneKind.PREFERENCES)
    day = matchmaking_day(cohort)
    person = MembershipFactory(city=MissionCityFactory()).user

    def add_cities(count):
        for _ in range(count):
            city = MissionCityFactory()
            RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION)
            MembershipFactory(city=city, user=person)
            ParticipationFactory(day=day, city=city)
            minded = RegistrationFactory(cohort=cohort).city
            MeetingRequestFactory(day=day, from_city=minded, to_city=city)

    client.force_login(person)
    add_cities(1)
    with django_assert_max_num_queries(40) as one:
        small = client.get("/portal/")
    add_cities(3)
    with django_assert_max_num_queries(40) as four:
        large = client.get("/portal/")

    # Each city is asked to rank and to answer its request.
    assert len(small.context["agenda"].steps) == 2
    assert len(large.context["agenda"].steps) == 8
    assert len(four.captured_queries) == len(one.captured_queries)
