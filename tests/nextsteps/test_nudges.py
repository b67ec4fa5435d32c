"""Reminders by mail: each at its moment, once, one mail per person, nothing once done."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from tests.factories import (
    CityFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import MeetingRequestFactory, ParticipationFactory, matchmaking_day
from tests.factories.plans import plan_of
from tests.factories.selection import PreferenceFactory, QuickOrganiserFactory
from tests.factories.year import claim_for, visit_to, year_twinning
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.mail.models import OutgoingMail
from twinning.nextsteps.domain.nudges import send_nudges
from twinning.nextsteps.domain.steps import agenda_for_representative, queues_for_organisers
from twinning.nextsteps.models import NudgeSent
from twinning.programme.domain import confirm_twinning, propose_twinning, set_member_acceptance
from twinning.programme.models import TwinningMember
from twinning.visits.enums import ClaimState
from twinning.visits.models import ExpenseClaim

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _nudges(email=None):
    mails = OutgoingMail.objects.filter(template="nudge").order_by("pk")
    if email is not None:
        mails = mails.filter(to=[email])
    return list(mails)


def _sweep_at(time_machine, moment) -> int:
    time_machine.move_to(moment, tick=False)
    return send_nudges()


def _draft_registration(*, closes_in_days=20):
    registration = RegistrationFactory(
        state=RegistrationState.DRAFT,
        city=MissionCityFactory(name="Torino", name_en="Torino"),
        kind=CityKind.MISSION,
    )
    window = MilestoneFactory(
        cohort=registration.cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=NOW - 5 * DAY,
        ends_at=NOW + closes_in_days * DAY,
    )
    person = MembershipFactory(city=registration.city, user__email="marta@torino.example").user
    return registration, window, person


def test_a_draft_registration_is_nudged_7_and_2_days_before_its_window_closes(time_machine):
    registration, window, person = _draft_registration()

    assert _sweep_at(time_machine, window.ends_at - 7 * DAY - dt.timedelta(minutes=1)) == 0
    assert _sweep_at(time_machine, window.ends_at - 7 * DAY) == 1
    assert _sweep_at(time_machine, window.ends_at - 7 * DAY + dt.timedelta(hours=1)) == 0
    assert _sweep_at(time_machine, window.ends_at - 3 * DAY) == 0
    assert _sweep_at(time_machine, window.ends_at - 2 * DAY) == 1

    mails = _nudges()
    assert [m.to for m in mails] == [[person.email], [person.email]]
    assert mails[0].subject.endswith("A reminder: one thing waits for you")
    assert f"Finish the registration of Torino for {registration.cohort.name}" in mails[0].body
    assert f"/portal/registrations/{registration.pk}/" in mails[0].body
    assert "Deadline:" in mails[0].body
    assert sorted(NudgeSent.objects.values_list("label", flat=True)) == [
        f"2d-before:{window.ends_at:%Y-%m-%dT%H:%M}",
        f"7d-before:{window.ends_at:%Y-%m-%dT%H:%M}",
    ]


def test_a_submitted_registration_is_not_nudged(time_machine):
    registration, window, _person = _draft_registration()
    Registration.objects.filter(pk=registration.pk).update(state=RegistrationState.SUBMITTED)

    assert _sweep_at(time_machine, window.ends_at - 2 * DAY) == 0
    assert _nudges() == []


def test_a_mission_city_that_has_not_ranked_is_nudged_before_the_ranking_closes(time_machine):
    registration = RegistrationFactory(
        city=MissionCityFactory(name="Torino", name_en="Torino"), kind=CityKind.MISSION
    )
    window = MilestoneFactory(
        cohort=registration.cohort,
        kind=MilestoneKind.PREFERENCES,
        starts_at=NOW - 5 * DAY,
        ends_at=NOW + 10 * DAY,
    )
    person = MembershipFactory(city=registration.city).user

    assert send_nudges() == 0
    assert _sweep_at(time_machine, NOW + 3 * DAY) == 1
    (mail,) = _nudges()
    assert "Rank the Mission-minded cities Torino would like to twin with" in mail.body
    assert reverse("portal:preferences", args=[registration.city.pk]) in mail.body

    minded = RegistrationFactory(cohort=registration.cohort, kind=CityKind.MISSION_MINDED).city
    PreferenceFactory(
        cohort=registration.cohort, mission_city=registration.city, mission_minded_city=minded
    )
    assert _sweep_at(time_machine, window.ends_at - 2 * DAY) == 0
    assert [m.to for m in _nudges()] == [[person.email]]


def test_meeting_requests_are_nudged_after_3_days_of_waiting_and_2_days_before_the_deadline(
    time_machine,
):
    registration = RegistrationFactory(city=CityFactory(name="Évora", name_en="Évora"))
    MilestoneFactory(
        cohort=registration.cohort,
        kind=MilestoneKind.MATCHMAKING,
        starts_at=NOW - 5 * DAY,
        ends_at=NOW + 60 * DAY,
    )
    day = matchmaking_day(registration.cohort, days_ahead=20)
    ParticipationFactory(day=day, city=registration.city)
    sender = RegistrationFactory(
        cohort=registration.cohort, city=MissionCityFactory(), kind=CityKind.MISSION
    ).city
    request = MeetingRequestFactory(day=day, from_city=sender, to_city=registration.city)
    MembershipFactory(city=registration.city)

    assert _sweep_at(time_machine, NOW + 3 * DAY - dt.timedelta(minutes=1)) == 0
    assert _sweep_at(time_machine, NOW + 3 * DAY) == 1
    assert _sweep_at(time_machine, NOW + 4 * DAY) == 0
    assert _sweep_at(time_machine, day.request_deadline - 2 * DAY) == 1
    assert "1 meeting request waits for the answer of Évora" in _nudges()[0].body

    # Answered: nothing more.
    request.state = "accepted"
    request.save()
    assert _sweep_at(time_machine, day.request_deadline - DAY) == 0
    assert len(_nudges()) == 2


def _confirmed_twinning(*, answer_days=14):
    organiser = QuickOrganiserFactory()
    torino = RegistrationFactory(
        city=MissionCityFactory(name="Torino", name_en="Torino"), kind=CityKind.MISSION
    )
    cohort = torino.cohort
    cohort.answer_days = answer_days
    cohort.save()
    evora = RegistrationFactory(cohort=cohort, city=CityFactory(name="Évora", name_en="Évora"))
    twinning = propose_twinning(cohort, evora.city, [(torino.city, 1, "")], by=organiser)
    twinning = confirm_twinning(twinning, by=organiser)
    marta = MembershipFactory(city=torino.city, user__email="marta@torino.example").user
    member = TwinningMember.objects.get(twinning=twinning, city=torino.city)
    return twinning, member, marta, organiser


def test_the_answer_step_has_the_cohorts_deadline_and_is_nudged_after_3_days_and_before_it(
    time_machine,
):
    _twinning, member, marta, _organiser = _confirmed_twinning(answer_days=10)

    (step,) = [s for s in agenda_for_representative(marta).steps if s.key.startswith("twinning")]
    assert step.due == NOW + 10 * DAY
    assert step.text == "Answer the proposed twinning of Torino with Évora"

    assert _sweep_at(time_machine, NOW + 3 * DAY - dt.timedelta(minutes=1)) == 0
    assert _sweep_at(time_machine, NOW + 3 * DAY) == 1
    assert _sweep_at(time_machine, NOW + 7 * DAY) == 0
    assert _sweep_at(time_machine, NOW + 8 * DAY) == 1
    assert _sweep_at(time_machine, NOW + 11 * DAY) == 0
    assert [m.to for m in _nudges()] == [[marta.email], [marta.email]]

    set_member_acceptance(member, True, by=marta)
    assert _sweep_at(time_machine, NOW + 30 * DAY) == 0


def test_the_answer_page_shows_the_deadline_and_after_it_still_takes_a_late_answer(
    client, time_machine
):
    twinning, member, marta, organiser = _confirmed_twinning(answer_days=10)
    client.force_login(marta)

    url = reverse("portal:twinning_answer", args=[member.pk])
    page = client.get(url)
    assert "Answer by" in page.content.decode()

    time_machine.move_to(NOW + 11 * DAY, tick=False)
    page = client.get(url)
    assert "You can still answer" in page.content.decode()
    set_member_acceptance(member, True, by=marta)
    member.refresh_from_db()
    assert member.answered_late is True
    client.force_login(organiser)
    listed = client.get(f"{reverse('orga:twinnings')}?cohort={twinning.cohort.slug}")
    assert "answered after the deadline" in listed.content.decode()


def test_organisers_see_twinnings_not_answered_by_their_deadline(client, time_machine):
    twinning, _member, _marta, organiser = _confirmed_twinning(answer_days=10)
    cohort = twinning.cohort

    assert [s for s in queues_for_organisers() if s.key.startswith("twinnings-late")] == []

    time_machine.move_to(NOW + 10 * DAY, tick=False)
    (late,) = [s for s in queues_for_organisers() if s.key.startswith("twinnings-late")]
    assert late.text == f"1 twinning of {cohort.name} not answered by its deadline"
    assert late.url == f"{reverse('orga:twinnings')}?cohort={cohort.slug}"
    client.force_login(organiser)
    page = client.get(late.url).content.decode()
    assert "Not answered by its deadline" in page


def test_a_returned_claim_is_nudged_3_days_after_its_return_until_it_is_resent(time_machine):
    twinning, marta, _miguel = year_twinning()
    host = twinning.members.get(role="mission_minded").city
    visit = visit_to(
        twinning, host, [(marta, twinning.members.get(role="mission").city)], state="approved"
    )
    claim = claim_for(visit, marta, state=ClaimState.RETURNED)
    ExpenseClaim.objects.filter(pk=claim.pk).update(state_changed_at=NOW)

    assert _sweep_at(time_machine, NOW + 3 * DAY - dt.timedelta(minutes=1)) == 0
    assert _sweep_at(time_machine, NOW + 3 * DAY) == 1
    assert "was returned: correct it and send it again" in _nudges()[0].body

    # Returned again after it was resent: a new reminder three days later.
    ExpenseClaim.objects.filter(pk=claim.pk).update(state=ClaimState.SUBMITTED)
    assert _sweep_at(time_machine, NOW + 5 * DAY) == 0
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        state=ClaimState.RETURNED, state_changed_at=NOW + 5 * DAY
    )
    assert _sweep_at(time_machine, NOW + 8 * DAY) == 1


def test_empty_plan_sections_are_nudged_a_month_before_the_programme_closes(time_machine):
    twinning, marta, _miguel = year_twinning()
    plan_of(twinning)
    programme = twinning.cohort.milestones.get(kind=MilestoneKind.PROGRAMME)

    assert _sweep_at(time_machine, programme.ends_at - 31 * DAY) == 0
    assert _sweep_at(time_machine, programme.ends_at - 30 * DAY) == 2  # both cities' people
    assert "of the joint plan of" in _nudges(marta.email)[0].body

    plan = twinning.plan
    plan.sections.update(text="Written")
    assert _sweep_at(time_machine, programme.ends_at - 29 * DAY) == 0


def test_a_person_gets_one_mail_listing_every_item_due(time_machine):
    _registration, _window, person = _draft_registration(closes_in_days=5)
    other = RegistrationFactory(
        state=RegistrationState.DRAFT, city=MissionCityFactory(name="Milano"), kind=CityKind.MISSION
    )
    MilestoneFactory(
        cohort=other.cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=NOW - 5 * DAY,
        ends_at=NOW + 6 * DAY,
    )
    MembershipFactory(city=other.city, user=person)

    assert send_nudges() == 1
    assert send_nudges() == 0

    (mail,) = _nudges()
    assert mail.subject.endswith("A reminder: 2 things wait for you")
    assert "Torino" in mail.body
    assert "Milano" in mail.body


def test_deactivated_and_deleted_accounts_and_people_without_a_city_get_nothing(time_machine):
    registration, _window, person = _draft_registration(closes_in_days=5)
    gone = MembershipFactory(city=registration.city).user
    gone.anonymised_at = NOW
    gone.save()
    inactive = MembershipFactory(city=registration.city, user__is_active=False).user
    UserFactory()

    assert send_nudges() == 1

    assert [m.to for m in _nudges()] == [[person.email]]
    assert NudgeSent.objects.filter(user__in=[gone, inactive]).count() == 0


def test_a_nudge_already_recorded_is_not_sent_again(time_machine):
    """The record is taken before the mail: a second sweep (another worker) finds it."""
    _registration, _window, _person = _draft_registration(closes_in_days=5)
    send_nudges()
    NudgeSent.objects.update(sent_at=F("sent_at") - DAY)

    assert send_nudges() == 0
    assert len(_nudges()) == 1


def test_the_send_nudges_command_mails_what_is_due(time_machine, capsys):
    _draft_registration(closes_in_days=5)

    call_command("send_nudges")
    call_command("send_nudges")

    assert capsys.readouterr().out == (
        "Reminders mailed to 1 people.\nReminders mailed to 0 people.\n"
    )
    assert len(_nudges()) == 1


def test_the_worker_queues_one_hourly_sweep_only(settings):
    from django_tasks_db.models import DBTaskResult

    from twinning.nextsteps.tasks import schedule_nudges

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    assert (schedule_nudges(), schedule_nudges()) == (True, False)
    assert DBTaskResult.objects.filter(task_path__endswith="task_send_nudges").count() == 1
