import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.factories import (
    CityFactory,
    CohortFactory,
    MilestoneFactory,
    MissionCityFactory,
    PartnerProjectFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.practices import InvitationFactory
from twinning.cities.domain.invitation_upload import invite_from_rows, read_invitation_csv
from twinning.cities.domain.invitations import accept_invitation, create_invitation
from twinning.cities.enums import CityKind, MembershipRole, RegistrationState
from twinning.cities.models import City, Invitation, Membership, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.common import clock
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    cohort = CohortFactory(number=5, name="Cohort 5")
    MilestoneFactory(cohort=cohort, kind=MilestoneKind.MISSION_MINDED_REGISTRATION)
    return cohort


def test_create_invitation_resolves_the_city_and_mails_a_single_use_link(cohort, organiser):
    project = PartnerProjectFactory(acronym="POCITYF")

    invitation = create_invitation(
        cohort,
        email=" Ana@Evora.PT ",
        city_name="Évora",
        country="PT",
        partner_project="pocityf",
        by=organiser,
    )

    assert invitation.email == "ana@evora.pt"
    assert (invitation.city.name, invitation.city.country, invitation.city.geonames_id) == (
        "Évora",
        "PT",
        2268406,
    )
    assert invitation.partner_project == project
    assert invitation.expires_at >= timezone.now() + dt.timedelta(days=29)
    mail = OutgoingMail.objects.get()
    assert mail.to == ["ana@evora.pt"]
    assert f"{settings.SITE_URL}/portal/invitations/{invitation.token}/\n" in mail.body
    assert AuditEntry.objects.filter(action="invitation.created").count() == 1


@pytest.mark.parametrize(
    ("language", "until"),
    [
        ("en", "The link is valid until Monday 7 December 2026, 17:00 CET."),
        ("fr", "lundi 7 décembre 2026 17:00 CET"),
    ],
)
def test_the_invitation_mail_gives_the_expiry_in_the_cohorts_zone_and_the_readers_language(
    cohort, language, until
):
    expires_at = dt.datetime(2026, 12, 7, 16, 0, tzinfo=dt.UTC)

    now = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with clock.frozen_at(now), translation.override(language):
        create_invitation(
            cohort, email="ana@evora.pt", city_name="Évora", country="PT", expires_at=expires_at
        )

    body = OutgoingMail.objects.get().body
    assert until in body
    assert "December 7, 2026" not in body


def test_create_invitation_reuses_an_existing_city(cohort):
    evora = City.objects.create(
        name="Évora", name_en="Evora", slug="evora-pt", country="PT", geonames_id=2268406
    )

    invitation = create_invitation(cohort, email="a@evora.pt", city_name="Evora", country="PT")

    assert invitation.city == evora
    assert City.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"email": "not-an-address"}, "“not-an-address” is not an e-mail address."),
        ({"country": "US"}, "“US” is not an EU country or a country associated to Horizon Europe."),
        ({"city_name": " "}, "Give the name of the city."),
        (
            {"partner_project": "NOPE"},
            "NOPE is not on the programme's list of partner projects.",
        ),
    ],
)
def test_create_invitation_refuses_bad_input(cohort, kwargs, message):
    arguments = {"email": "a@city.eu", "city_name": "Évora", "country": "PT", **kwargs}

    with pytest.raises(ValidationError) as error:
        create_invitation(cohort, **arguments)

    assert error.value.messages == [message]
    assert Invitation.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_create_invitation_refuses_a_mission_city(cohort):
    MissionCityFactory(name="Torino", name_en="Turin", country="IT", geonames_id=3165524)

    with pytest.raises(ValidationError) as error:
        create_invitation(cohort, email="a@torino.it", city_name="Torino", country="IT")

    assert error.value.messages == [
        "Torino (Turin) is a Mission city: Mission cities register in their own window."
    ]


def test_create_invitation_refuses_a_second_open_invitation_for_the_address(cohort):
    create_invitation(cohort, email="a@evora.pt", city_name="Évora", country="PT")

    with pytest.raises(ValidationError) as error:
        create_invitation(cohort, email="A@evora.pt", city_name="Maia", country="PT")

    assert error.value.messages == [
        "a@evora.pt already has an open invitation for Cohort 5 (for Évora)."
    ]
    assert Invitation.objects.count() == 1


def test_create_invitation_allows_a_new_one_after_expiry(cohort):
    first = create_invitation(cohort, email="a@evora.pt", city_name="Évora", country="PT")
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))

    second = create_invitation(cohort, email="a@evora.pt", city_name="Évora", country="PT")

    assert second.pk != first.pk


def test_create_invitation_refuses_a_city_already_registered(cohort):
    city = CityFactory(name="Évora", country="PT", geonames_id=2268406)
    RegistrationFactory(cohort=cohort, city=city, state=RegistrationState.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        create_invitation(cohort, email="a@evora.pt", city_name="Évora", country="PT")

    assert error.value.messages == ["Évora is already registered for Cohort 5."]


def test_accept_invitation_opens_a_draft_with_the_person_as_coordinator(cohort):
    project = PartnerProjectFactory()
    invitation = InvitationFactory(cohort=cohort, partner_project=project)
    user = UserFactory()

    registration = accept_invitation(invitation.token, user=user)

    assert (registration.cohort, registration.city, registration.kind, registration.state) == (
        cohort,
        invitation.city,
        CityKind.MISSION_MINDED,
        RegistrationState.DRAFT,
    )
    assert list(registration.partner_projects.all()) == [project]
    assert (
        Membership.objects.get(user=user, city=invitation.city).role == MembershipRole.COORDINATOR
    )
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.registration) == (user, registration)


def test_accept_invitation_twice_by_the_same_person_returns_the_same_registration(cohort):
    invitation = InvitationFactory(cohort=cohort)
    user = UserFactory()

    first = accept_invitation(invitation.token, user=user)
    second = accept_invitation(invitation.token, user=user)

    assert first == second
    assert Registration.objects.count() == 1


def test_accept_invitation_is_single_use(cohort):
    invitation = InvitationFactory(cohort=cohort)
    accept_invitation(invitation.token, user=UserFactory())

    with pytest.raises(ValidationError) as error:
        accept_invitation(invitation.token, user=UserFactory())

    assert error.value.messages == [
        "This invitation has already been used. Ask the person who used it to add you."
    ]


def test_accept_invitation_refuses_an_expired_or_unknown_link(cohort):
    invitation = InvitationFactory(cohort=cohort, expires_at=timezone.now() - dt.timedelta(hours=1))

    with pytest.raises(ValidationError) as expired:
        accept_invitation(invitation.token, user=UserFactory())
    with pytest.raises(ValidationError) as unknown:
        accept_invitation("nope", user=UserFactory())

    assert expired.value.messages == [
        "This invitation has expired. Write to the programme team for a new one."
    ]
    assert unknown.value.messages == [
        "This invitation link is not valid. Check that it is complete."
    ]
    assert Registration.objects.count() == 0


def test_accept_invitation_refuses_outside_the_window():
    cohort = CohortFactory()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=timezone.now() + dt.timedelta(days=3),
    )
    invitation = InvitationFactory(cohort=cohort)

    with pytest.raises(ValidationError) as error:
        accept_invitation(invitation.token, user=UserFactory())

    assert error.value.messages[0].startswith("Registration of Mission-minded cities opens on ")
    assert Registration.objects.count() == 0


def test_invite_from_rows_keeps_good_rows_and_reports_bad_ones_by_line(cohort, organiser):
    PartnerProjectFactory(acronym="SPARCS")
    rows = [
        (2, {"email": "a@kladno.cz", "city": "Kladno", "country": "CZ",
             "partner_project": "SPARCS", "expires": None}),
        (3, {"email": "broken", "city": "Maia", "country": "PT"}),
        (4, {"email": "b@maia.pt", "city": "Maia", "country": "PT",
             "expires": dt.date(2099, 1, 31)}),
        (5, {"email": "c@nowhere.us", "city": "Boston", "country": "US"}),
    ]  # fmt: skip

    report = invite_from_rows(cohort, rows, by=organiser)

    assert [i.email for i in report.created] == ["a@kladno.cz", "b@maia.pt"]
    assert report.errors == [
        (3, "“broken” is not an e-mail address."),
        (5, "“US” is not an EU country or a country associated to Horizon Europe."),
    ]
    assert Invitation.objects.count() == 2
    assert OutgoingMail.objects.count() == 2


def test_reading_a_csv_refuses_a_missing_header():
    with pytest.raises(ValidationError) as error:
        read_invitation_csv(b"a@kladno.cz,Kladno,CZ\n")

    assert error.value.messages == [
        "The first line must name the columns; missing: email, city, country."
    ]
