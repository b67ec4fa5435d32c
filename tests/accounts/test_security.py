import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from twinning.common.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache.
    cache.clear()
    yield
    cache.clear()


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
