import pytest
from django.conf import settings
from django.utils import translation

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
# Pages name their assets as they are, served from the packages, as in development: the
# hashed, compressed names of production need a collectstatic run, which
# tests/site/test_serve.py checks through `twinning serve` itself.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture
def organiser(db):
    from tests.factories import OrganiserFactory

    return OrganiserFactory(email="orga@example.org")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a page a test asked for in French leaves
    French active in its thread (Django does not switch back after a response)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Limits are counted in the shared cache (a database table): each test starts from none.

    Rolled-back tests leave nothing behind, but tests that commit (threads, the
    browser) would, so the table is emptied before every test that uses the database.
    """
    uses_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_database:
        return
    from django.core.cache import cache

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        cache.clear()
