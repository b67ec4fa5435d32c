import pytest
from django.conf import settings

# Tests talk plain HTTP to the test client and to the live server, whose
# middleware is built once per session, so this is set before any fixture runs.
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False
settings.SECURE_HSTS_SECONDS = 0
settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Organisers of the tests sign in without a second factor; the requirement itself
# is tested with override_settings in tests/accounts/test_organiser_mfa.py.
settings.ORGANISER_REQUIRE_MFA = False
# Tasks run as soon as they are queued (after the transaction commits); the
# worker itself is tested with the database queue in tests/mail/.
settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def organiser(db):
    from tests.factories import OrganiserFactory

    return OrganiserFactory(email="orga@example.org")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client
