"""Database connections: the development server must not keep one per request thread."""

import http.client
import json
import time
from urllib.parse import urlsplit

import pytest
from django.db import connection

from tests.site.test_commands import _run

PRINT_CONNECTION_SETTINGS = (
    "import json; from django.conf import settings; d = settings.DATABASES['default']; "
    "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
)
POSTGRESQL = "postgres://postgres@127.0.0.1:5432/twinning"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "1"}, [0, True]),
        ({"DEBUG": "0"}, [60, True]),
        ({"DEBUG": "1", "CONN_MAX_AGE": "30"}, [30, True]),
    ],
)
def test_connections_are_closed_after_each_request_in_development(tmp_path, env, expected):
    result = _run(
        "shell",
        "-c",
        PRINT_CONNECTION_SETTINGS,
        "--verbosity",
        "0",
        DATABASE_URL=POSTGRESQL,
        TWINNING_DATA_DIR=str(tmp_path),
        **env,
    )

    assert (json.loads(result.stdout), result.returncode) == (expected, 0)


def _connections_to_the_test_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _open_clients(live_server, count: int) -> list[http.client.HTTPConnection]:
    """`count` browsers, each keeping its connection to the server open after a page."""
    address = urlsplit(live_server.url)
    clients = []
    for _ in range(count):
        client = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        client.request("GET", "/")
        response = client.getresponse()
        response.read()
        assert response.status == 200
        clients.append(client)
    return clients


ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="counts the server's connections in PostgreSQL's pg_stat_activity",
)


def _settled_connections_to_the_test_database() -> int:
    """The count once it has not changed for half a second: a server thread closes
    its connection just after the browser has read the page."""
    counts = [_connections_to_the_test_database()]
    for _ in range(50):
        time.sleep(0.1)
        counts.append(_connections_to_the_test_database())
        if len(set(counts[-6:])) == 1 and len(counts) >= 6:
            break
    return counts[-1]


def _held_by_thirty_open_browsers(live_server) -> int:
    before = _settled_connections_to_the_test_database()
    clients = _open_clients(live_server, 30)
    try:
        return _settled_connections_to_the_test_database() - before
    finally:
        for client in clients:
            client.close()


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_thirty_open_browsers_hold_no_database_connection_in_development(live_server, monkeypatch):
    # The development default (DEBUG=1), as the first test shows; every server
    # thread opens its connection from these settings.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)

    assert _held_by_thirty_open_browsers(live_server) == 0


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_kept_connections_pile_up_one_per_open_browser(live_server, monkeypatch):
    # Why the development default is 0: with kept connections, each thread of the
    # development server holds its own until the browser goes.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)

    assert _held_by_thirty_open_browsers(live_server) == 30
