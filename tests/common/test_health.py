import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from tests.mail.test_worker import _worker
from twinning.common.health import mark_worker_seen

pytestmark = pytest.mark.django_db


def test_health_answers_200_when_database_migrations_and_worker_are_well(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    mark_worker_seen()

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "migrations": {"ok": True},
            "worker": {"ok": True, "last_seen": "2026-03-02T09:00:00+00:00"},
        },
        "problems": [],
    }
    assert response["Cache-Control"] == "no-store"
    assert response.cookies == {}


def test_health_answers_503_before_any_worker_was_seen(client):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["problems"] == ["No worker has been seen: start `twinning worker`."]


def test_health_answers_503_when_the_worker_fell_silent(client, settings, time_machine):
    settings.WORKER_SEEN_WITHIN_MINUTES = 5
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    mark_worker_seen()
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 4, tzinfo=dt.UTC))
    still_seen = client.get("/health/")
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 6, 30, tzinfo=dt.UTC))

    response = client.get("/health/")

    assert still_seen.status_code == 200
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "last_seen": "2026-03-02T09:00:00+00:00",
        "problem": "No worker seen for 6 minutes: check `twinning worker`.",
    }


def test_health_answers_503_while_a_migration_is_not_applied(client):
    mark_worker_seen()
    # The newest migration of the accounts app, as if the code had just been upgraded.
    newest = max(
        name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "accounts"
    )
    MigrationRecorder.Migration.objects.filter(app="accounts", name=newest).delete()

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["problems"] == ["1 migration is not applied: run `twinning migrate`."]


def test_health_answers_any_host_over_plain_http(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["twinning.example.org"]
    mark_worker_seen()
    # A new client builds the middleware with these settings.
    client = Client()

    probe = client.get("/health/", HTTP_HOST="10.0.0.7:8000")
    page = client.get("/", HTTP_HOST="10.0.0.7:8000")

    assert probe.status_code == 200
    assert page.status_code == 400


def test_health_refuses_a_post(client):
    response = client.post("/health/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_health_answers_503_naming_the_database_when_it_cannot_be_reached(tmp_path):
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/health/'); print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "twinning.site.settings",
        "TWINNING_DATA_DIR": str(tmp_path),
        # Nothing listens on port 1: the connection is refused at once.
        "DATABASE_URL": "postgres://twinning@127.0.0.1:1/twinning",
        "LOG_LEVEL": "CRITICAL",
    }

    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )

    status, report = json.loads(result.stdout)
    assert status == 503
    assert report["problems"] == [
        "The database cannot be reached.",
        "Not checked: no database.",
        "The cache cannot be read.",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_makes_health_see_it(client, tmp_path):
    before = client.get("/health/")

    worker = _worker(tmp_path, "--batch")
    worker.wait(timeout=120)
    after = client.get("/health/")

    assert before.status_code == 503
    assert worker.returncode == 0
    assert after.status_code == 200
    assert after.json()["checks"]["worker"]["ok"] is True
