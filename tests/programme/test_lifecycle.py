"""A twinning's programme year: active when its window opens, completed, closed; its
plan's kind; the certificates of participation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import MilestoneFactory
from tests.factories.plans import planning_twinning
from tests.factories.selection import CityMemberFactory, QuickOrganiserFactory
from twinning.accounts.domain.personal_data import delete_personal_data, export_personal_data
from twinning.cohorts.enums import MilestoneKind
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.plans.domain import plan_for, set_plan_kind, set_plan_state
from twinning.plans.domain.certificates import issue_certificates
from twinning.plans.enums import PlanState
from twinning.plans.models import Certificate
from twinning.programme.domain.lifecycle import (
    activate_due_twinnings,
    close_twinning,
    missing_for_completion,
)
from twinning.programme.enums import TwinningState
from twinning.programme.tasks import task_activate_twinnings
from twinning.visits.domain import set_visit_state
from twinning.visits.enums import VisitState
from twinning.visits.models import Delegate, Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2026, 9, 1, 7, tzinfo=dt.UTC)
CLOSES = dt.datetime(2027, 9, 30, 15, tzinfo=dt.UTC)


@pytest.fixture
def at(time_machine):
    def move(moment):
        time_machine.move_to(moment, tick=False)

    move(OPENS - dt.timedelta(days=1))
    return move


def _twinning(**kwargs):
    twinning, mission_person, minded_person = planning_twinning(**kwargs)
    MilestoneFactory(
        cohort=twinning.cohort, kind=MilestoneKind.PROGRAMME, starts_at=OPENS, ends_at=CLOSES
    )
    return twinning, mission_person, minded_person


SUBJECTS = {
    "active": "programme year has started",
    "completed": "Your twinning is completed",
    "closed": "Your twinning is closed",
}


def _mails(state):
    return OutgoingMail.objects.filter(template="twinning_state", subject__contains=SUBJECTS[state])


def _active(at):
    twinning, mission_person, minded_person = _twinning()
    at(OPENS)
    activate_due_twinnings()
    twinning.refresh_from_db()
    return twinning, mission_person, minded_person


def _approved_visit(twinning, host, person):
    return Visit.objects.create(
        twinning=twinning,
        host=host,
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 3),
        state=VisitState.APPROVED,
        created_by=person,
    )


def _cities(twinning):
    members = {m.role: m.city for m in twinning.members.select_related("city")}
    return members["mission"], members["mission_minded"]


def _do_visits(twinning, mission_person, minded_person):
    mission, minded = _cities(twinning)
    for host, person, city in ((minded, mission_person, mission), (mission, minded_person, minded)):
        visit = _approved_visit(twinning, host, person)
        Delegate.objects.create(visit=visit, person=person, city=city)
        set_visit_state(visit, VisitState.DONE, by=person, report="We learnt a lot.")


def _approve_plan(twinning, organiser):
    plan = plan_for(twinning)
    plan = set_plan_state(plan, PlanState.SUBMITTED, by=None)
    set_plan_state(plan, PlanState.APPROVED, by=organiser)


# --- activation ------------------------------------------------------------------------


def test_an_accepted_twinning_stays_accepted_before_its_window_opens(at):
    twinning, _m, _d = _twinning()
    at(OPENS - dt.timedelta(minutes=1))

    assert activate_due_twinnings() == 0
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACCEPTED
    assert not _mails("active").exists()


def test_the_sweep_activates_at_the_opening_audited_and_mailed_once(at):
    twinning, mission_person, minded_person = _twinning()
    at(OPENS)

    assert task_activate_twinnings.enqueue().return_value == 1
    assert activate_due_twinnings() == 0  # a second sweep finds nothing to do

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE
    assert AuditEntry.objects.filter(action="twinning.active").count() == 1
    mail = _mails("active").get()
    assert sorted(mail.to) == sorted(
        [mission_person.email, minded_person.email, twinning.facilitator.email]
    )


def test_a_twinning_not_yet_accepted_is_not_activated(at):
    twinning, _m, _d = _twinning()
    twinning.state = TwinningState.CONFIRMED
    twinning.save()
    at(OPENS + dt.timedelta(days=2))

    assert activate_due_twinnings() == 0


# --- completion ------------------------------------------------------------------------


def test_completed_when_the_plan_is_approved_after_the_visits(at):
    twinning, mission_person, minded_person = _active(at)
    organiser = QuickOrganiserFactory()
    at(dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC))

    _do_visits(twinning, mission_person, minded_person)
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE
    assert missing_for_completion(twinning) == ["The Replication Plan is not approved yet."]

    _approve_plan(twinning, organiser)
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.COMPLETED
    assert AuditEntry.objects.filter(action="twinning.completed").count() == 1
    assert _mails("completed").count() == 1


def test_completed_when_the_last_visit_is_done_after_the_plan(at):
    twinning, mission_person, minded_person = _active(at)
    organiser = QuickOrganiserFactory()
    at(dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC))
    _approve_plan(twinning, organiser)
    mission, minded = _cities(twinning)
    first = _approved_visit(twinning, minded, mission_person)
    set_visit_state(first, VisitState.DONE, by=mission_person, report="Seen.")
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE
    assert missing_for_completion(twinning) == ["1 of 2 city visits are done."]

    second = _approved_visit(twinning, mission, minded_person)
    set_visit_state(second, VisitState.DONE, by=minded_person, report="Seen.")

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.COMPLETED
    assert _mails("completed").count() == 1


def test_organisers_close_a_twinning_only_after_the_window(at, client):
    twinning, _m, _d = _active(at)
    organiser = QuickOrganiserFactory()
    url = reverse("orga:twinning_close", args=[twinning.pk])

    at(CLOSES - dt.timedelta(hours=1))
    client.force_login(organiser)
    page = client.get(reverse("orga:twinnings") + f"?cohort={twinning.cohort.slug}")
    assert "Can be closed once the programme window closes" in page.content.decode()
    client.post(url, {"outcome": "not_completed", "reason": "The Mission city left."})
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE

    at(CLOSES)
    client.force_login(organiser)
    response = client.post(url, {"outcome": "not_completed", "reason": ""})
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE  # a reason is needed
    response = client.post(url, {"outcome": "not_completed", "reason": "No plan was written."})

    assert response.status_code == 302
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.CLOSED
    entry = AuditEntry.objects.get(action="twinning.closed")
    assert entry.data["reason"] == "No plan was written."
    assert "No plan was written." in _mails("closed").get().body


def test_organisers_close_a_twinning_as_completed(at):
    twinning, _m, _d = _active(at)
    at(CLOSES + dt.timedelta(days=1))

    close_twinning(twinning, completed=True, reason="All done but the paperwork.", by=None)

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.COMPLETED
    with pytest.raises(ValidationError):
        close_twinning(twinning, completed=False, reason="Again", by=None)


def test_only_organisers_close(at, client):
    twinning, mission_person, _d = _active(at)
    at(CLOSES + dt.timedelta(days=1))
    client.force_login(mission_person)

    response = client.post(
        reverse("orga:twinning_close", args=[twinning.pk]),
        {"outcome": "completed", "reason": "We are done"},
    )

    assert response.status_code == 403
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACTIVE


# --- the plan's kind -------------------------------------------------------------------


def test_the_plan_kind_comes_from_the_cohort_and_can_change_per_twinning(at, client):
    twinning, _m, _d = _twinning()
    other, _m2, _d2 = _twinning(cohort=twinning.cohort)
    assert plan_for(twinning).kind_name == "Replication Plan"
    client.force_login(QuickOrganiserFactory())

    client.post(reverse("orga:twinning_plan_kind", args=[twinning.pk]), {"kind": "Action Plan"})

    assert plan_for(twinning).kind_name == "Action Plan"
    assert plan_for(other).kind_name == "Replication Plan"
    entry = AuditEntry.objects.get(action="twinning.plan_kind_changed")
    assert (entry.data["old"], entry.data["new"]) == ("Replication Plan", "Action Plan")
    response = client.get(reverse("portal:plan", args=[twinning.pk]))
    assert "Action Plan of the twinning" in response.content.decode()

    set_plan_kind(twinning, "", by=None)
    assert plan_for(twinning).kind_name == "Replication Plan"
    with pytest.raises(ValidationError):
        set_plan_kind(twinning, "Wish list", by=None)


# --- certificates ----------------------------------------------------------------------


def _completed_with_certificates(at):
    twinning, mission_person, minded_person = _active(at)
    organiser = QuickOrganiserFactory()
    at(dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC))
    workshop = Workshop.objects.create(
        cohort=twinning.cohort,
        title="Funding the transition",
        starts_at=dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 10, 5, 11, tzinfo=dt.UTC),
    )
    WorkshopRegistration.objects.create(
        workshop=workshop, person=mission_person, twinning=twinning, attendance=Attendance.ATTENDED
    )
    _do_visits(twinning, mission_person, minded_person)
    _approve_plan(twinning, organiser)
    return twinning, mission_person, minded_person, organiser


def test_certificates_are_refused_before_completion(at):
    twinning, _m, _d = _active(at)

    with pytest.raises(ValidationError):
        issue_certificates(twinning, by=None)


def test_issuing_gives_each_city_and_person_one_certificate_audited_once(at):
    twinning, mission_person, minded_person, organiser = _completed_with_certificates(at)
    mission, minded = _cities(twinning)

    issued = issue_certificates(twinning, by=organiser)

    assert sorted((c.city.name, c.person_name) for c in issued) == sorted(
        [
            (mission.name, ""),
            (mission.name, mission_person.name),
            (minded.name, ""),
            (minded.name, minded_person.name),
        ]
    )
    mine = next(c for c in issued if c.person == mission_person)
    assert mine.workshops == ["Funding the transition"]
    assert mine.visits == [f"{minded.display_name}, 2026-10-01"]
    assert mine.plan_approved_on == dt.date(2027, 3, 1)
    assert len({c.code for c in issued}) == 4
    assert issue_certificates(twinning, by=organiser) == []
    assert AuditEntry.objects.filter(action="twinning.certificates_issued").count() == 1
    newcomer = CityMemberFactory(city=mission).user
    assert [c.person for c in issue_certificates(twinning, by=organiser)] == [newcomer]


def test_certificate_downloads_for_its_holder_and_organisers_only(at, client):
    twinning, mission_person, minded_person, organiser = _completed_with_certificates(at)
    issue_certificates(twinning, by=organiser)
    mission, _minded = _cities(twinning)
    mine = Certificate.objects.get(person=mission_person)
    city_one = Certificate.objects.get(city=mission, person=None)
    url = reverse("portal:certificate", args=[twinning.pk, mine.pk])
    city_url = reverse("portal:certificate", args=[twinning.pk, city_one.pk])

    client.force_login(mission_person)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(city_url).status_code == 200
    workspace = client.get(reverse("portal:workspace", args=[twinning.pk])).content.decode()
    assert url in workspace and city_url in workspace

    client.force_login(minded_person)  # the other city's person
    assert client.get(url).status_code == 403
    assert client.get(city_url).status_code == 403

    client.force_login(organiser)
    assert client.get(url).status_code == 200


def test_the_public_page_verifies_a_code_and_says_when_it_is_unknown(at, client):
    twinning, mission_person, _d, organiser = _completed_with_certificates(at)
    issue_certificates(twinning, by=organiser)
    mine = Certificate.objects.get(person=mission_person)

    page = client.get(reverse("public:certificate", args=[mine.code])).content.decode()
    assert "is genuine" in page
    assert mission_person.name in page
    assert "Funding the transition" in page
    assert twinning.cohort.name in page

    response = client.get(reverse("public:certificate", args=["not-a-code"]))
    assert response.status_code == 404
    assert "No certificate has the code “not-a-code”" in response.content.decode()


def test_a_certificate_is_in_its_persons_export_and_stays_anonymised_after_deletion(at):
    twinning, mission_person, _d, organiser = _completed_with_certificates(at)
    issue_certificates(twinning, by=organiser)
    code = Certificate.objects.get(person=mission_person).code
    name = mission_person.name

    exported = str(export_personal_data(mission_person))
    assert code in exported

    delete_personal_data(mission_person, by=organiser, reason="Asked by the person")

    kept = Certificate.objects.get(code=code)
    assert kept.person_name == ""
    assert name not in kept.holder
    assert kept.holder == f"A representative of {kept.city.display_name}"


# --- the organisers' list --------------------------------------------------------------


def test_the_twinnings_list_queries_stay_constant(at, client, django_assert_max_num_queries):
    twinning, _m, _d = _active(at)
    client.force_login(QuickOrganiserFactory())
    url = reverse("orga:twinnings") + f"?cohort={twinning.cohort.slug}"
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        _twinning(cohort=twinning.cohort)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('name="kind"') == 5
