import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, OrganiserFactory, UserFactory
from twinning.accounts.models import User
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_signup_asks_to_verify_the_email_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "Anna@Example.org",
                "password1": "green-city-2030!",
                "password2": "green-city-2030!",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.get().email == "anna@example.org"
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link is not None
    assert OutgoingMail.objects.get().status == "sent"


def test_signup_keeps_what_was_typed_when_passwords_differ(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "anna@example.org", "password1": "green-city-2030!", "password2": "other"},
    )

    assert response.status_code == 200
    assert 'value="anna@example.org"' in response.content.decode()
    assert User.objects.count() == 0


def test_login_with_email_sends_a_city_representative_to_the_portal(client):
    user = UserFactory(email="rep@example.org")

    response = client.post(
        reverse("account_login"), {"login": "rep@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_sends_an_organiser_to_the_organiser_area(client):
    OrganiserFactory(email="team@example.org")

    response = client.post(
        reverse("account_login"), {"login": "team@example.org", "password": PASSWORD}
    )

    assert response["Location"] == reverse("orga:home")


def test_login_with_a_wrong_password_is_refused(client):
    UserFactory(email="rep@example.org")

    response = client.post(
        reverse("account_login"), {"login": "rep@example.org", "password": "nope"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_through_the_outbox(client, django_capture_on_commit_callbacks):
    UserFactory(email="rep@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "rep@example.org"})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["rep@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert OutgoingMail.objects.get().template == "account/email/password_reset_key"


def test_logout_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_two_factor_set_up_opens_for_a_freshly_signed_in_organiser(client):
    OrganiserFactory(email="team@example.org")
    client.post(reverse("account_login"), {"login": "team@example.org", "password": PASSWORD})
    activate = reverse("mfa_activate_totp")
    asked = client.get(activate)
    client.post(asked["Location"], {"password": PASSWORD, "next": activate})

    response = client.get(activate)

    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    assert response.status_code == 200
    assert "Authenticator code" in response.content.decode()
