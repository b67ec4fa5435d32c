"""Organisers open the organiser area and the admin only with two-factor authentication."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, OrganiserFactory, UserFactory
from tests.factories.api import key_for
from tests.site.test_commands import _run

pytestmark = pytest.mark.django_db

WHY = (
    "Organisers sign in with two-factor authentication. Set up an authenticator app "
    "to open the organiser area."
)


def _with_authenticator(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


@override_settings(ORGANISER_REQUIRE_MFA=True)
@pytest.mark.parametrize("path", ["/orga/", "/orga/outbox/", "/admin/"])
def test_organiser_without_two_factor_is_sent_to_set_it_up(client, path):
    client.force_login(OrganiserFactory())

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [WHY]


@override_settings(ORGANISER_REQUIRE_MFA=True)
@pytest.mark.parametrize("path", ["/orga/", "/admin/"])
def test_organiser_with_two_factor_opens_the_organiser_area(client, path):
    client.force_login(_with_authenticator(OrganiserFactory()))

    assert client.get(path).status_code == 200


@override_settings(ORGANISER_REQUIRE_MFA=True)
def test_the_page_to_set_up_two_factor_stays_open_to_an_organiser_without_it(client):
    organiser = OrganiserFactory()
    client.force_login(organiser)
    # allauth asks for the password again before an authenticator is set up.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert response.templates[0].name == "mfa/totp/activate_form.html"


@override_settings(ORGANISER_REQUIRE_MFA=True)
def test_city_representative_is_not_asked_for_two_factor(client):
    client.force_login(UserFactory())

    assert client.get("/portal/").status_code == 200


@override_settings(ORGANISER_REQUIRE_MFA=True)
def test_api_key_of_an_organiser_without_two_factor_keeps_working(client):
    key = key_for(OrganiserFactory())

    response = client.get("/api/v1/registrations/", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200


@override_settings(ORGANISER_REQUIRE_MFA=False)
@pytest.mark.parametrize("path", ["/orga/", "/admin/"])
def test_without_the_requirement_an_organiser_opens_the_area_without_two_factor(client, path):
    client.force_login(OrganiserFactory())

    assert client.get(path).status_code == 200


@pytest.mark.parametrize(("debug", "required"), [("0", "True"), ("1", "False")])
def test_two_factor_is_required_by_default_in_production_only(tmp_path, debug, required):
    result = _run(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ORGANISER_REQUIRE_MFA)",
        "--verbosity",
        "0",
        DEBUG=debug,
        TWINNING_DATA_DIR=str(tmp_path),
    )

    assert (result.stdout.strip(), result.returncode) == (required, 0)
