import datetime as dt

import pytest

from tests.factories import CohortFactory, MembershipFactory, MilestoneFactory, UserFactory
from tests.factories.feedback import survey_with_questions
from tests.factories.matchmaking import ParticipationFactory, matchmaking_day
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.feedback.domain import send_survey_invitations
from twinning.feedback.forms import SurveyForm
from twinning.feedback.models import Survey, SurveyInvitation
from twinning.mail.models import OutgoingMail
from twinning.visits.models import Delegate, Visit
from twinning.workshops.models import Workshop, WorkshopRegistration

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 6, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def _workshop(cohort, *, ends_at, people=2):
    workshop = Workshop.objects.create(
        cohort=cohort,
        title="Financing retrofits",
        starts_at=ends_at - dt.timedelta(hours=2),
        ends_at=ends_at,
    )
    people = [UserFactory() for _ in range(people)]
    for person in people:
        WorkshopRegistration.objects.create(workshop=workshop, person=person)
    return workshop, people


def test_invitations_wait_for_the_end_of_the_workshop(time_machine):
    cohort = CohortFactory()
    survey_with_questions(cohort)
    _workshop(cohort, ends_at=NOW + dt.timedelta(hours=1))

    assert send_survey_invitations() == 0
    assert SurveyInvitation.objects.count() == 0

    time_machine.move_to(NOW + dt.timedelta(hours=1, minutes=1), tick=False)
    assert send_survey_invitations() == 2


def test_each_registered_person_is_invited_once_by_mail(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    survey = survey_with_questions(cohort)
    workshop, people = _workshop(cohort, ends_at=NOW - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = send_survey_invitations()
        second = send_survey_invitations()

    assert (first, second) == (2, 0)
    invitations = list(SurveyInvitation.objects.order_by("person_id"))
    assert [(i.survey, i.event_id, i.person) for i in invitations] == [
        (survey, workshop.pk, p) for p in people
    ]
    assert invitations[0].expires_at == NOW + dt.timedelta(days=60)
    mails = OutgoingMail.objects.filter(template="feedback_invitation").order_by("id")
    assert [m.to for m in mails] == [[p.email] for p in people]
    assert f"/feedback/{invitations[0].token}/" in mails[0].body
    assert mails[0].subject.endswith("Your feedback on Financing retrofits")


def test_events_long_past_and_closed_surveys_send_nothing():
    cohort = CohortFactory()
    survey_with_questions(cohort, title="Closed", is_open=False)
    _workshop(cohort, ends_at=NOW - dt.timedelta(hours=1))
    survey_with_questions(CohortFactory(number=9, slug="nine"), title="Other cohort")
    _workshop(cohort, ends_at=NOW - dt.timedelta(days=31))

    assert send_survey_invitations() == 0


def test_matchmaking_day_invites_the_people_its_cities_said_would_come(time_machine):
    cohort = CohortFactory()
    survey_with_questions(cohort, event="matchmaking_day")
    day = matchmaking_day(cohort, days_ahead=-1)
    ana = MembershipFactory().user
    city = ana.memberships.get().city
    MembershipFactory(city=city)  # a colleague who did not come
    ParticipationFactory(day=day, city=city).attendees.set([ana])
    MembershipFactory()  # a city not at the day

    assert send_survey_invitations() == 1
    assert SurveyInvitation.objects.get().person == ana


def test_people_marked_absent_from_a_workshop_are_not_asked():
    cohort = CohortFactory()
    survey_with_questions(cohort)
    workshop, (came, absent) = _workshop(cohort, ends_at=NOW - dt.timedelta(hours=1))
    WorkshopRegistration.objects.filter(workshop=workshop, person=absent).update(
        attendance="absent"
    )

    assert send_survey_invitations() == 1
    assert SurveyInvitation.objects.get().person == came


def test_a_survey_without_questions_yet_asks_nobody():
    cohort = CohortFactory()
    Survey.objects.create(cohort=cohort, event="workshop", title="Still being written")
    _workshop(cohort, ends_at=NOW - dt.timedelta(hours=1))

    assert send_survey_invitations() == 0


def test_a_second_survey_for_the_same_events_is_refused_on_its_form():
    cohort = CohortFactory()
    survey_with_questions(cohort)
    form = SurveyForm(
        data={"cohort": cohort.pk, "event": "workshop", "title": "Again", "is_open": "on"}
    )

    assert not form.is_valid()
    assert form.errors


def test_visit_done_invites_its_delegates():
    cohort = CohortFactory()
    survey_with_questions(cohort, event="visit")
    member = TwinningMemberFactory(twinning=TwinningFactory(cohort=cohort, state="active"))
    visit = Visit.objects.create(
        twinning=member.twinning,
        host=member.city,
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 2),
        state="approved",
    )
    delegate = UserFactory()
    Delegate.objects.create(visit=visit, person=delegate, city=member.city)

    assert send_survey_invitations() == 0

    Visit.objects.filter(pk=visit.pk).update(
        state="done", state_changed_at=NOW - dt.timedelta(days=2)
    )
    assert send_survey_invitations() == 1
    assert SurveyInvitation.objects.get().person == delegate


def test_end_of_the_programme_window_invites_the_twinnings_representatives():
    cohort = CohortFactory()
    survey_with_questions(cohort, event="programme_end")
    MilestoneFactory(
        cohort=cohort,
        kind="programme",
        starts_at=NOW - dt.timedelta(days=365),
        ends_at=NOW - dt.timedelta(days=1),
    )
    member = TwinningMemberFactory(twinning=TwinningFactory(cohort=cohort, state="active"))
    representative = MembershipFactory(city=member.city).user
    declined = TwinningMemberFactory(twinning=TwinningFactory(cohort=cohort, state="declined"))
    MembershipFactory(city=declined.city)

    assert send_survey_invitations() == 1
    invited = SurveyInvitation.objects.get()
    assert (invited.person, invited.event_id) == (representative, cohort.pk)
