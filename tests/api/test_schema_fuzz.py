"""Schemathesis against the live schema: no input of any shape makes the API answer 500.

Every operation is called with generated valid and invalid input, anonymously
and with an organiser's key, and every answer is checked against the schema
with Schemathesis' default checks, but one: positive data acceptance. The
programme's rules refuse some requests the schema allows (an address invited
twice, a state that cannot follow, a character PostgreSQL cannot store), and
they answer a 4xx in the one error shape, which that check counts as a failure.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import CohortFactory, MilestoneFactory, MissionCityFactory
from tests.factories.api import organiser_key

pytestmark = pytest.mark.django_db

EXAMPLES = 10
NOT_CHECKED = [positive_data_acceptance]
LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def _load_schema():
    from twinning.site.wsgi import application

    # Loaded while tests are collected, before any database: the request limits,
    # counted in the database cache, count in memory for this one request.
    with override_settings(CACHES={"default": {"BACKEND": LOCAL_MEMORY}}):
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


# Loaded once, through the application itself, as a client would read it.
schema = _load_schema()


@pytest.fixture(autouse=True)
def _requests_inside_the_test_transaction():
    # The WSGI handler closes the connection after each request; the test client does not,
    # and neither may these requests, which run inside the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _records(db, settings):
    # The request limits would answer 429 long before the examples run out.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    # Some records, so that generated ids sometimes find one.
    for _ in range(2):
        MilestoneFactory(cohort=CohortFactory())
        MissionCityFactory()


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_answers_anonymous_requests_as_its_schema_says(case):
    case.call_and_validate(excluded_checks=NOT_CHECKED)


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_answers_an_organisers_requests_as_its_schema_says(case):
    key = organiser_key(email="fuzz@example.org")
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, excluded_checks=NOT_CHECKED)
