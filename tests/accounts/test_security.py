import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from twinning.common.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


# allauth counts attempts in the cache, emptied before each test (tests/conftest.py).


def _sign_in(client, password):
    return client.post(reverse("account_login"), {"login": "rep@example.org", "password": password})


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(client):
    UserFactory(email="rep@example.org")
    failures = [_sign_in(client, "wrong-password").status_code for _ in range(5)]

    response = _sign_in(client, PASSWORD)

    assert failures == [200] * 5
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Too many failed login attempts. Try again later."]
    }
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client):
    UserFactory(email="rep@example.org")
    for _ in range(4):
        _sign_in(client, "wrong-password")

    response = _sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_every_page_carries_the_strict_content_security_policy(client):
    response = client.get(reverse("public:home"))

    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_sign_in_limit_counts_the_client_address_not_the_forwarded_one(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    UserFactory(email="rep@example.org")
    statuses = [
        client.post(
            reverse("account_login"),
            {"login": "rep@example.org", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        .context["form"]
        .errors
        for n in range(4)
    ]

    assert statuses[-1] == {"__all__": ["Too many failed login attempts. Try again later."]}


def test_sign_in_limit_behind_one_proxy_counts_the_right_most_forwarded_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    settings.TRUSTED_PROXIES = 1
    UserFactory(email="rep@example.org")

    def fail(forwarded):
        return (
            client.post(
                reverse("account_login"),
                {"login": "rep@example.org", "password": "wrong-password"},
                HTTP_X_FORWARDED_FOR=forwarded,
            )
            .context["form"]
            .errors
        )

    same_client = [fail(f"198.51.100.{n}, 203.0.113.5") for n in range(4)]
    other_client = fail("203.0.113.6")

    assert same_client[-1] == {"__all__": ["Too many failed login attempts. Try again later."]}
    assert other_client == {
        "__all__": ["The email address and/or password you specified are not correct."]
    }
