"""The organisers' part of the API: tokens, permissions, reads, and writes through the domain."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import (
    CityFactory,
    CohortFactory,
    MissionCityFactory,
    RegistrationFactory,
    WebinarFactory,
)
from tests.factories.api import key_for, organiser_key
from tests.factories.matchmaking import accepted_meeting, matchmaking_day
from tests.factories.practices import InvitationFactory, PracticeFactory
from tests.factories.selection import (
    CityMemberFactory,
    PreferenceFactory,
    QuickOrganiserFactory,
    QuickUserFactory,
    TwinningFactory,
    TwinningMemberFactory,
)
from twinning.accounts.domain.api_tokens import revoke_token
from twinning.accounts.models import ApiToken
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Invitation
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.outreach.models import WebinarRegistration
from twinning.practices.enums import PracticeState
from twinning.programme.enums import MemberRole, TwinningState
from twinning.selection.models import SelectionRun

pytestmark = pytest.mark.django_db
# The request limits are counted in the database cache: reads, writes and savepoints.
LIMITS = 12

ORGANISER_LISTS = [
    "/api/v1/registrations/",
    "/api/v1/invitations/",
    "/api/v1/preferences/",
    "/api/v1/selection-runs/",
    "/api/v1/matchmaking-days/",
    "/api/v1/meetings/",
    "/api/v1/webinar-registrations/",
]


def _client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def _audit(action):
    return list(AuditEntry.objects.filter(action=action).values_list("actor__email", flat=True))


# ---- who may use it ----


@pytest.mark.parametrize("url", ORGANISER_LISTS)
def test_organiser_lists_need_a_key(api, url):
    response = api.get(url)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {
        "error": {
            "status": 401,
            "code": "not_authenticated",
            "message": "Authentication credentials were not provided.",
            "fields": {},
        }
    }


@pytest.mark.parametrize("url", ORGANISER_LISTS)
def test_organiser_lists_answer_an_organisers_key(organiser_api, url):
    response = organiser_api.get(url)

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("url", ORGANISER_LISTS)
def test_a_city_representatives_key_is_refused(url):
    representative = CityMemberFactory().user
    client = _client(key_for(representative))

    response = client.get(url)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_a_facilitators_key_is_refused_on_organiser_data():
    client = _client(key_for(QuickUserFactory(is_facilitator=True)))

    response = client.get("/api/v1/registrations/")

    assert response.status_code == 403


def test_an_unknown_key_is_refused(db):
    client = _client("twn_not-a-key-that-was-ever-issued")

    response = client.get("/api/v1/registrations/")

    assert response.status_code == 401
    assert response.json()["error"] == {
        "status": 401,
        "code": "authentication_failed",
        "message": "This API key is not valid or was revoked.",
        "fields": {},
    }


def test_a_revoked_key_no_longer_works():
    organiser = QuickOrganiserFactory()
    key = key_for(organiser)
    revoke_token(ApiToken.objects.get(user=organiser), by=organiser)

    response = _client(key).get("/api/v1/registrations/")

    assert response.status_code == 401


def test_the_key_of_a_deactivated_person_no_longer_works():
    organiser = QuickOrganiserFactory()
    key = key_for(organiser)
    organiser.is_active = False
    organiser.save()

    assert _client(key).get("/api/v1/registrations/").status_code == 401


def test_a_key_records_when_it_was_last_used():
    organiser = QuickOrganiserFactory()
    key = key_for(organiser)

    _client(key).get("/api/v1/registrations/")

    assert ApiToken.objects.get(user=organiser).last_used_at is not None


def test_a_key_may_also_be_sent_with_the_token_keyword():
    key = organiser_key()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert client.get("/api/v1/registrations/").status_code == 200


def test_public_data_answers_a_valid_key_too(organiser_api):
    assert organiser_api.get("/api/v1/cohorts/").status_code == 200


# ---- reads ----


def test_registrations_show_state_city_and_practices(organiser_api):
    registration = RegistrationFactory(state=RegistrationState.SUBMITTED)
    practice = PracticeFactory(registration=registration, state=PracticeState.SUBMITTED)

    body = organiser_api.get(f"/api/v1/registrations/{registration.pk}/").json()

    assert body["state"] == "submitted"
    assert body["city"]["id"] == registration.city_id
    assert body["practices"] == [
        {"id": practice.pk, "slug": practice.slug, "title": practice.title, "state": "submitted"}
    ]


def test_registrations_filter_by_state_and_cohort(organiser_api):
    cohort = CohortFactory(slug="cohort-5")
    submitted = RegistrationFactory(cohort=cohort, state=RegistrationState.SUBMITTED)
    RegistrationFactory(cohort=cohort, state=RegistrationState.DRAFT)
    RegistrationFactory(state=RegistrationState.SUBMITTED)

    response = organiser_api.get("/api/v1/registrations/?cohort=cohort-5&state=submitted")

    assert [r["id"] for r in response.json()["results"]] == [submitted.pk]


def test_invitations_never_show_their_link(organiser_api):
    invitation = InvitationFactory()

    body = organiser_api.get(f"/api/v1/invitations/{invitation.pk}/").json()

    assert "token" not in body
    assert body["status"] == "open"
    assert body["email"] == invitation.email


def test_selection_run_detail_carries_its_result(organiser_api):
    run = SelectionRun.objects.create(
        cohort=CohortFactory(), status="done", result={"pairs": [[1, 2]], "signature": [1]}
    )

    listed = organiser_api.get("/api/v1/selection-runs/").json()["results"][0]
    detail = organiser_api.get(f"/api/v1/selection-runs/{run.pk}/").json()

    assert "result" not in listed
    assert listed["matched"] == 1
    assert detail["result"] == {"pairs": [[1, 2]], "signature": [1]}


def test_meetings_show_their_slot_in_the_days_time_zone(organiser_api):
    day = matchmaking_day(time_zone="Europe/Rome")
    meeting = accepted_meeting(day, CityFactory(), MissionCityFactory())
    slot = day.slots.order_by("starts_at").first()
    meeting.slot = slot
    meeting.table = 2
    meeting.save()

    body = organiser_api.get(f"/api/v1/meetings/?day={day.pk}").json()["results"][0]

    assert body["starts_at"] == timezone.localtime(slot.starts_at, day.zone).isoformat()
    assert body["starts_at"].endswith(("+01:00", "+02:00"))
    assert body["table"] == 2
    assert body["time_zone"] == "Europe/Rome"


def _grow(size):
    """`size` records behind each organiser list."""
    cohort = CohortFactory()
    day = matchmaking_day(cohort)
    webinar = WebinarFactory(cohort=cohort)
    for number in range(size):
        registration = RegistrationFactory(cohort=cohort)
        PracticeFactory(registration=registration)
        InvitationFactory(cohort=cohort)
        PreferenceFactory(cohort=cohort, rank=1)
        SelectionRun.objects.create(cohort=cohort, status="done", result={"pairs": []})
        accepted_meeting(day, CityFactory(), MissionCityFactory())
        WebinarRegistration.objects.create(
            webinar=webinar,
            name=f"Person {number}",
            email=f"person{number}@city.example.org",
            organisation="City",
            city="Pécs",
            country="HU",
            role="civil_servant",
            status="confirmed",
        )


@pytest.mark.parametrize("url", ORGANISER_LISTS)
def test_organiser_list_queries_do_not_grow_with_the_data(
    organiser_api, url, django_assert_max_num_queries
):
    organiser_api.get(url)  # the key's first use is written once
    _grow(2)
    with django_assert_max_num_queries(10 + LIMITS) as small:
        few = organiser_api.get(url).json()["count"]

    _grow(8)
    with django_assert_max_num_queries(10 + LIMITS) as large:
        many = organiser_api.get(url).json()["count"]

    assert many > few
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- writes through the domain functions ----


def test_registration_state_change_goes_through_the_domain(organiser_api):
    registration = RegistrationFactory(state=RegistrationState.SUBMITTED)
    CityMemberFactory(city=registration.city, user__email="coordinator@evora.example.org")

    response = organiser_api.post(
        f"/api/v1/registrations/{registration.pk}/state/", {"state": "accepted"}, format="json"
    )

    registration.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    assert registration.state == RegistrationState.ACCEPTED
    assert len(_audit("registration.accepted")) == 1
    mail = OutgoingMail.objects.get(template="registration_state")
    assert mail.to == ["coordinator@evora.example.org"]


def test_a_refused_registration_transition_answers_409_in_the_error_shape(organiser_api):
    registration = RegistrationFactory(state=RegistrationState.ACCEPTED)

    response = organiser_api.post(
        f"/api/v1/registrations/{registration.pk}/state/", {"state": "submitted"}, format="json"
    )

    registration.refresh_from_db()
    assert response.status_code == 409
    assert response.json() == {
        "error": {
            "status": 409,
            "code": "refused",
            "message": "A registration that is accepted cannot become submitted.",
            "fields": {},
        }
    }
    assert registration.state == RegistrationState.ACCEPTED
    assert _audit("registration.submitted") == []


def test_returning_a_registration_needs_a_comment(organiser_api):
    registration = RegistrationFactory(state=RegistrationState.SUBMITTED)

    response = organiser_api.post(
        f"/api/v1/registrations/{registration.pk}/state/", {"state": "returned"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Say what the city should change."


def test_an_unknown_registration_state_is_invalid_input(organiser_api):
    registration = RegistrationFactory(state=RegistrationState.SUBMITTED)

    response = organiser_api.post(
        f"/api/v1/registrations/{registration.pk}/state/", {"state": "approved"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"state": ['"approved" is not a valid choice.']}


def test_a_representative_cannot_change_a_registration_state():
    registration = RegistrationFactory(state=RegistrationState.SUBMITTED)
    member = CityMemberFactory(city=registration.city).user

    response = _client(key_for(member)).post(
        f"/api/v1/registrations/{registration.pk}/state/", {"state": "accepted"}, format="json"
    )

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.state == RegistrationState.SUBMITTED


def test_practice_publication_goes_through_the_domain(organiser_api):
    practice = PracticeFactory(state=PracticeState.SUBMITTED, published_at=None)

    response = organiser_api.post(
        f"/api/v1/practices/{practice.pk}/state/", {"state": "published"}, format="json"
    )

    practice.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["state"] == "published"
    assert practice.published_at is not None
    assert len(_audit("practice.published")) == 1


def test_a_refused_practice_transition_answers_409(organiser_api):
    practice = PracticeFactory(state=PracticeState.DRAFT, published_at=None)

    response = organiser_api.post(
        f"/api/v1/practices/{practice.pk}/state/", {"state": "published"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "A practice that is draft cannot become published."
    )


def test_a_practice_state_needs_an_organisers_key(api):
    practice = PracticeFactory(state=PracticeState.SUBMITTED)

    response = api.post(
        f"/api/v1/practices/{practice.pk}/state/", {"state": "published"}, format="json"
    )

    assert response.status_code == 401


def test_creating_an_invitation_goes_through_the_domain(organiser_api):
    cohort = CohortFactory()
    expires = (timezone.now() + dt.timedelta(days=20)).replace(microsecond=0)

    response = organiser_api.post(
        "/api/v1/invitations/",
        {
            "cohort": cohort.pk,
            "email": "Energy@Evora.example.org",
            "city_name": "Évora",
            "country": "PT",
            "expires_at": expires.isoformat(),
        },
        format="json",
    )

    assert response.status_code == 201
    invitation = Invitation.objects.get()
    assert response.json()["id"] == invitation.pk
    assert response.json()["city"]["name"] == "Évora"
    assert invitation.email == "energy@evora.example.org"
    assert invitation.expires_at == expires
    assert len(_audit("invitation.created")) == 1
    assert OutgoingMail.objects.get(template="invitation").to == ["energy@evora.example.org"]


def test_a_second_open_invitation_for_one_address_is_refused(organiser_api):
    earlier = InvitationFactory(email="energy@evora.example.org")

    response = organiser_api.post(
        "/api/v1/invitations/",
        {
            "cohort": earlier.cohort_id,
            "email": "energy@evora.example.org",
            "city_name": "Évora",
            "country": "PT",
        },
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "refused"
    assert response.json()["error"]["message"].startswith(
        "energy@evora.example.org already has an open invitation"
    )
    assert Invitation.objects.count() == 1


def test_an_invitation_for_an_unknown_cohort_is_not_found(organiser_api):
    response = organiser_api.post(
        "/api/v1/invitations/",
        {"cohort": 999999, "email": "a@evora.example.org", "city_name": "Évora", "country": "PT"},
        format="json",
    )

    assert response.status_code == 404


def test_an_invitation_with_missing_fields_lists_them(organiser_api):
    response = organiser_api.post("/api/v1/invitations/", {"email": "x"}, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["city_name", "cohort", "country", "email"]


def _accepted_twinning(cohort):
    twinning = TwinningFactory(cohort=cohort, state=TwinningState.ACCEPTED)
    TwinningMemberFactory(twinning=twinning, city=CityFactory(), role=MemberRole.MISSION_MINDED)
    TwinningMemberFactory(twinning=twinning, city=MissionCityFactory())
    return twinning


def test_publishing_twinnings_goes_through_the_domain(organiser_api, api):
    cohort = CohortFactory()
    twinning = _accepted_twinning(cohort)
    assert api.get(f"/api/v1/twinnings/{twinning.pk}/").status_code == 404

    response = organiser_api.post(f"/api/v1/cohorts/{cohort.pk}/publish-twinnings/")

    twinning.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == {"published": 1}
    assert twinning.published_at is not None
    assert len(_audit("twinning.published")) == 1
    assert api.get(f"/api/v1/twinnings/{twinning.pk}/").status_code == 200


def test_publishing_with_nothing_to_publish_answers_409(organiser_api):
    cohort = CohortFactory()

    response = organiser_api.post(f"/api/v1/cohorts/{cohort.pk}/publish-twinnings/")

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "No accepted twinning is waiting to be published."
    )


def test_publishing_twinnings_is_refused_to_a_representative():
    cohort = CohortFactory()
    _accepted_twinning(cohort)
    client = _client(key_for(CityMemberFactory().user))

    response = client.post(f"/api/v1/cohorts/{cohort.pk}/publish-twinnings/")

    assert response.status_code == 403
    assert _audit("twinning.published") == []


def test_confirming_a_twinning_goes_through_the_domain(organiser_api):
    twinning = _accepted_twinning(CohortFactory())
    twinning.state = TwinningState.PROPOSED
    twinning.save()

    response = organiser_api.post(f"/api/v1/twinnings/{twinning.pk}/confirm/")

    twinning.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["state"] == "confirmed"
    assert twinning.state == TwinningState.CONFIRMED
    assert len(_audit("twinning.confirmed")) == 1


def test_confirming_an_accepted_twinning_is_refused(organiser_api):
    twinning = _accepted_twinning(CohortFactory())

    response = organiser_api.post(f"/api/v1/twinnings/{twinning.pk}/confirm/")

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "A twinning that is accepted cannot become confirmed, waiting for the cities."
    )


def test_withdrawing_a_twinning_goes_through_the_domain(organiser_api):
    twinning = _accepted_twinning(CohortFactory())

    response = organiser_api.post(
        f"/api/v1/twinnings/{twinning.pk}/withdraw/", {"reason": "The city left."}, format="json"
    )

    twinning.refresh_from_db()
    assert response.status_code == 200
    assert twinning.state == TwinningState.WITHDRAWN
    assert AuditEntry.objects.get(action="twinning.withdrawn").data["reason"] == "The city left."


def test_withdrawing_twice_is_refused(organiser_api):
    twinning = _accepted_twinning(CohortFactory())
    organiser_api.post(f"/api/v1/twinnings/{twinning.pk}/withdraw/", {}, format="json")

    response = organiser_api.post(f"/api/v1/twinnings/{twinning.pk}/withdraw/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "refused"


def test_twinning_changes_need_an_organisers_key(api):
    twinning = _accepted_twinning(CohortFactory())
    member = CityMemberFactory(city=twinning.members.first().city).user

    anonymous = api.post(f"/api/v1/twinnings/{twinning.pk}/withdraw/", {}, format="json")
    representative = _client(key_for(member)).post(
        f"/api/v1/twinnings/{twinning.pk}/withdraw/", {}, format="json"
    )

    twinning.refresh_from_db()
    assert anonymous.status_code == 401
    assert representative.status_code == 403
    assert twinning.state == TwinningState.ACCEPTED
