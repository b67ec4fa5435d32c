import json
import multiprocessing
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, RequestFactory

from twinning.common.limits import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.9"),
        (0, "203.0.113.5", "10.0.0.9"),
        (1, "", "10.0.0.9"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (3, "203.0.113.5", "203.0.113.5"),
    ],
)
def test_client_address_trusts_forwarded_addresses_only_behind_the_configured_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **extra)

    assert client_address(request) == expected


def _settings_read_with(**environment) -> dict:
    script = (
        "import json; from twinning.site import settings as s; "
        "print(json.dumps([s.REST_FRAMEWORK['NUM_PROXIES'], s.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "s.TRUSTED_PROXIES, s.CACHES['default']]))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TRUSTED_PROXIES", "CACHE_URL"}
    }
    output = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_trusted_proxies_feed_the_api_and_the_sign_in_limits():
    assert _settings_read_with()[:3] == [0, 0, 0]
    assert _settings_read_with(TRUSTED_PROXIES="2")[:3] == [2, 2, 2]


def test_the_cache_is_the_database_unless_cache_url_says_otherwise():
    assert _settings_read_with()[3] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "twinning_cache",
    }
    assert _settings_read_with(CACHE_URL="redis://127.0.0.1:6379/1")[3] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


def _one_request_in_another_process(results):
    response = Client(REMOTE_ADDR="192.0.2.7").get("/api/v1/themes/")
    results.put(response.status_code)
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_api_requests_counted_in_another_process_count_here_too(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "3/minute"},
    }
    here = Client(REMOTE_ADDR="192.0.2.7")
    first = [here.get("/api/v1/themes/").status_code for _ in range(2)]
    # The other process opens its own connections, as another web worker would.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    other = context.Process(target=_one_request_in_another_process, args=(results,))
    other.start()
    other.join(60)

    last = here.get("/api/v1/themes/")

    assert (first, results.get(timeout=5), last.status_code) == ([200, 200], 200, 429)


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_cache_table():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE twinning_cache")
    try:
        call_command("migrate", verbosity=0)

        assert "twinning_cache" in connection.introspection.table_names()
    finally:
        call_command("createcachetable", verbosity=0)


@pytest.mark.django_db
def test_each_test_starts_with_an_empty_cache_one():
    assert cache.get("left-over") is None
    cache.set("left-over", 1)


@pytest.mark.django_db(transaction=True)
def test_each_test_starts_with_an_empty_cache_two():
    assert cache.get("left-over") is None
    cache.set("left-over", 2)


@pytest.mark.django_db(transaction=True)
def test_each_test_starts_with_an_empty_cache_three():
    assert cache.get("left-over") is None
