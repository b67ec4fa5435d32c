"""The organisers' page of API tokens: create (the key shown once), list, revoke."""

import re

import pytest

from tests.factories.api import key_for
from tests.factories.selection import CityMemberFactory, QuickOrganiserFactory, QuickUserFactory
from twinning.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    organiser = QuickOrganiserFactory()
    client.force_login(organiser)
    client.organiser = organiser
    return client


def test_creating_a_token_shows_its_key_once(organiser_client):
    response = organiser_client.post("/orga/api-tokens/", {"name": "Funder report"})

    html = response.content.decode()
    key = re.search(r'value="(twn_[^"]+)"', html).group(1)
    token = ApiToken.objects.get()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert token.user == organiser_client.organiser
    assert token.name == "Funder report"
    assert key.startswith(token.prefix)
    later = organiser_client.get("/orga/api-tokens/").content.decode()
    assert key not in later
    assert "Funder report" in later


def test_the_new_key_works_with_the_api(organiser_client):
    html = organiser_client.post("/orga/api-tokens/", {"name": "Reports"}).content.decode()
    key = re.search(r'value="(twn_[^"]+)"', html).group(1)

    response = organiser_client.get("/api/v1/registrations/", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200


def test_a_token_without_a_name_keeps_the_form_with_a_message(organiser_client):
    response = organiser_client.post("/orga/api-tokens/", {"name": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_revoking_a_token(organiser_client):
    key_for(organiser_client.organiser, name="Reports")
    token = ApiToken.objects.get()

    response = organiser_client.post(f"/orga/api-tokens/{token.pk}/revoke/", follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "The token “Reports” is revoked: it no longer works." in response.content.decode()


def test_revoking_twice_says_so(organiser_client):
    key_for(organiser_client.organiser, name="Reports")
    token = ApiToken.objects.get()
    organiser_client.post(f"/orga/api-tokens/{token.pk}/revoke/")

    response = organiser_client.post(f"/orga/api-tokens/{token.pk}/revoke/", follow=True)

    assert "This token has already been revoked." in response.content.decode()


def test_an_organiser_cannot_revoke_someone_elses_token(organiser_client):
    key_for(QuickOrganiserFactory(), name="Theirs")
    token = ApiToken.objects.get()

    response = organiser_client.post(f"/orga/api-tokens/{token.pk}/revoke/")

    token.refresh_from_db()
    assert response.status_code == 403
    assert token.revoked_at is None


def test_the_page_lists_only_ones_own_tokens(organiser_client):
    key_for(organiser_client.organiser, name="Mine")
    key_for(QuickOrganiserFactory(), name="Theirs")

    html = organiser_client.get("/orga/api-tokens/").content.decode()

    assert "Mine" in html
    assert "Theirs" not in html


@pytest.mark.parametrize(
    "person", [lambda: CityMemberFactory().user, lambda: QuickUserFactory(is_facilitator=True)]
)
def test_the_page_is_for_organisers_only(client, person):
    client.force_login(person())

    assert client.get("/orga/api-tokens/").status_code == 403
    assert client.post("/orga/api-tokens/", {"name": "Mine"}).status_code == 403
    assert ApiToken.objects.count() == 0


def test_the_page_asks_visitors_to_sign_in(client):
    response = client.get("/orga/api-tokens/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
