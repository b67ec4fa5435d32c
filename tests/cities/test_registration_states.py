import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import (
    CityFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.practices import PracticeFactory, complete_registration, open_cohort
from twinning.cities.domain.registration import (
    registration_gaps,
    set_registration_state,
    start_registration,
)
from twinning.cities.enums import CityKind, MembershipRole, RegistrationState
from twinning.cities.models import Membership, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.practices.enums import PracticeState

pytestmark = pytest.mark.django_db
S = RegistrationState


def _registration(state=S.DRAFT, **kwargs):
    cohort = open_cohort(MilestoneKind.MISSION_MINDED_REGISTRATION)
    registration = RegistrationFactory(cohort=cohort, state=state, **kwargs)
    MembershipFactory(city=registration.city, user=UserFactory(email="coord@city.eu"))
    MembershipFactory(
        city=registration.city, user=UserFactory(email="colleague@city.eu"), role="member"
    )
    return complete_registration(registration)


def test_submit_saves_logs_mails_the_members_and_submits_the_practices(organiser):
    registration = _registration()
    user = Membership.objects.filter(city=registration.city).first().user

    set_registration_state(registration, S.SUBMITTED, by=user)

    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED
    assert registration.submitted_at is not None
    assert list(registration.practices.values_list("state", flat=True)) == [PracticeState.SUBMITTED]
    entry = AuditEntry.objects.get(action="registration.submitted")
    assert (entry.actor, entry.data) == (user, {"previous": "draft", "comment": ""})
    mail = OutgoingMail.objects.get(template="registration_state")
    assert mail.to == ["colleague@city.eu", "coord@city.eu"]
    assert "has been submitted" in mail.body


def test_return_needs_a_comment_and_mails_it(organiser):
    registration = _registration(state=S.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        set_registration_state(registration, S.RETURNED, by=organiser, comment="  ")
    set_registration_state(registration, S.RETURNED, by=organiser, comment="Add your results.")

    assert error.value.messages == ["Say what the city should change."]
    registration.refresh_from_db()
    assert (registration.state, registration.review_comment) == (S.RETURNED, "Add your results.")
    assert "Add your results." in OutgoingMail.objects.get().body


def test_reject_needs_a_reason(organiser):
    registration = _registration(state=S.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        set_registration_state(registration, S.REJECTED, by=organiser)

    assert error.value.messages == ["Give the reason for the rejection."]
    assert Registration.objects.get().state == S.SUBMITTED


@pytest.mark.parametrize(
    ("start", "new"),
    [
        (S.DRAFT, S.SUBMITTED),
        (S.DRAFT, S.WITHDRAWN),
        (S.SUBMITTED, S.ACCEPTED),
        (S.SUBMITTED, S.WITHDRAWN),
        (S.RETURNED, S.SUBMITTED),
        (S.RETURNED, S.WITHDRAWN),
        (S.ACCEPTED, S.WITHDRAWN),
    ],
)
def test_allowed_transitions(start, new, organiser):
    registration = _registration(state=start)

    set_registration_state(registration, new, by=organiser)

    assert Registration.objects.get().state == new


@pytest.mark.parametrize(
    ("start", "new"),
    [
        (S.DRAFT, S.ACCEPTED),
        (S.DRAFT, S.RETURNED),
        (S.SUBMITTED, S.SUBMITTED),
        (S.ACCEPTED, S.SUBMITTED),
        (S.ACCEPTED, S.REJECTED),
        (S.REJECTED, S.SUBMITTED),
        (S.WITHDRAWN, S.SUBMITTED),
        (S.WITHDRAWN, S.ACCEPTED),
    ],
)
def test_refused_transitions(start, new, organiser):
    registration = _registration(state=start)

    with pytest.raises(ValidationError) as error:
        set_registration_state(registration, new, by=organiser, comment="Because.")

    assert error.value.messages == [
        f"A registration that is {S(start).label.lower()} cannot become {S(new).label.lower()}."
    ]
    assert Registration.objects.get().state == start
    assert OutgoingMail.objects.count() == 0


def test_submit_refuses_an_incomplete_registration():
    cohort = open_cohort()
    registration = RegistrationFactory(cohort=cohort, state=S.DRAFT)

    with pytest.raises(ValidationError) as error:
        set_registration_state(registration, S.SUBMITTED, by=None)

    assert error.value.messages == registration_gaps(registration)
    assert error.value.messages == [
        "Describe the city in its profile.",
        "Only a local authority or a public body tied to one may register the city.",
        "Say how the city has committed to climate neutrality.",
        "Say how many hours a month the city commits.",
        "Say how many representatives the city commits.",
        "Name at least one partner project.",
        "Present at least one tested practice.",
    ]


def test_mission_city_gaps():
    cohort = open_cohort(MilestoneKind.MISSION_REGISTRATION)
    registration = RegistrationFactory(
        cohort=cohort, city=MissionCityFactory(), kind=CityKind.MISSION, state=S.DRAFT
    )

    assert registration_gaps(registration) == [
        "Describe the city in its profile.",
        "State at least one challenge or ambition.",
        "Give the languages your team works in.",
        "Name the city's representatives.",
    ]
    complete_registration(registration)
    assert registration_gaps(registration) == []


def test_submit_refuses_outside_the_window_but_a_returned_one_can_be_resubmitted(organiser):
    registration = _registration()
    registration.cohort.milestones.update(
        starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )

    with pytest.raises(ValidationError) as error:
        set_registration_state(registration, S.SUBMITTED, by=organiser)
    Registration.objects.filter(pk=registration.pk).update(state=S.RETURNED)
    registration.refresh_from_db()
    set_registration_state(registration, S.SUBMITTED, by=organiser)

    assert error.value.messages[0].startswith("Registration of Mission-minded cities closed on ")
    assert Registration.objects.get().state == S.SUBMITTED


def test_start_registration_makes_the_person_coordinator_and_is_idempotent():
    cohort = open_cohort(MilestoneKind.MISSION_REGISTRATION)
    city = MissionCityFactory()
    user = UserFactory()

    first = start_registration(cohort, city, CityKind.MISSION, by=user)
    second = start_registration(cohort, city, CityKind.MISSION, by=user)

    assert first == second
    assert Membership.objects.get(user=user, city=city).role == MembershipRole.COORDINATOR


def test_start_registration_refuses_a_city_registered_by_others():
    cohort = open_cohort(MilestoneKind.MISSION_REGISTRATION)
    city = MissionCityFactory(name="Torino", name_en="Turin")
    start_registration(cohort, city, CityKind.MISSION, by=UserFactory())

    with pytest.raises(ValidationError) as error:
        start_registration(cohort, city, CityKind.MISSION, by=UserFactory())

    assert error.value.messages == [
        f"Torino is already registered for {cohort}. Ask its coordinator to add you, or write "
        "to the programme team."
    ]


@pytest.mark.parametrize(
    ("kind", "mission", "message"),
    [
        (CityKind.MISSION, False, "Città X is not on the list of Mission cities."),
        (
            CityKind.MISSION_MINDED,
            True,
            "Città X is a Mission city: it registers as a Mission city, not as a "
            "Mission-minded city.",
        ),
    ],
)
def test_start_registration_checks_the_kind_of_city(kind, mission, message):
    cohort = open_cohort(
        MilestoneKind.MISSION_REGISTRATION, MilestoneKind.MISSION_MINDED_REGISTRATION
    )
    city = CityFactory(name="Città X", name_en="Città X", is_mission_city=mission)

    with pytest.raises(ValidationError) as error:
        start_registration(cohort, city, kind, by=UserFactory())

    assert error.value.messages == [message]


def test_start_registration_refuses_outside_the_window():
    cohort = open_cohort(MilestoneKind.MISSION_MINDED_REGISTRATION)
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=timezone.now() + dt.timedelta(days=10),
    )

    with pytest.raises(ValidationError) as error:
        start_registration(cohort, MissionCityFactory(), CityKind.MISSION, by=UserFactory())

    assert error.value.messages[0].startswith("Registration of Mission cities opens on ")
    assert Registration.objects.count() == 0


def test_withdrawing_keeps_the_published_practices_public(organiser):
    registration = _registration(state=S.ACCEPTED)
    practice = PracticeFactory(registration=registration)

    set_registration_state(registration, S.WITHDRAWN, by=organiser)

    practice.refresh_from_db()
    assert (Registration.objects.get().state, practice.state) == (S.WITHDRAWN, "published")
