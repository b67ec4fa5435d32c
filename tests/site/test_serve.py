import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from twinning.site.management.commands.serve import server_config

TWINNING = [sys.executable, "-m", "twinning"]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 64 + "a-production-secret-with-enough-variety-1234567890",
    "ALLOWED_HOSTS": "twinning.example.org",
}


def _serve(tmp_path, *args, **env):
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [*TWINNING, "serve", *args],
        capture_output=True,
        text=True,
        env={**inherited, **PRODUCTION, "TWINNING_DATA_DIR": str(tmp_path), **env},
        timeout=120,
        check=False,
    )


def test_server_defaults_suit_two_cores_with_eight_database_connections_at_most():
    config = server_config({})

    assert config["bind"] == ["127.0.0.1:8000"]
    assert (config["workers"], config["threads"], config["worker_class"]) == (2, 4, "gthread")
    assert config["timeout"] == 30
    # One connection per thread: far below PostgreSQL's 100, with the workers' and a shell's.
    assert config["workers"] * config["threads"] == 8


def test_server_takes_host_port_processes_and_threads_from_the_environment():
    config = server_config(
        {"HOST": "::", "PORT": "9000", "WEB_CONCURRENCY": "3", "WEB_THREADS": "1"}
    )

    assert config["bind"] == ["[::]:9000"]
    assert (config["workers"], config["threads"], config["worker_class"]) == (3, 1, "sync")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PORT", "eighty", "PORT must be a whole number from 1 to 65535, not 'eighty'."),
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY must be a whole number from 1 to 64, not '0'."),
        ("WEB_THREADS", "1.5", "WEB_THREADS must be a whole number from 1 to 64, not '1.5'."),
    ],
)
def test_serve_refuses_a_bad_setting_with_one_line(tmp_path, variable, value, message):
    result = _serve(tmp_path, **{variable: value})

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"CommandError: {message}"]


def test_serve_without_collectstatic_refuses_when_no_assets_were_collected(tmp_path):
    result = _serve(tmp_path, "--no-collectstatic")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"CommandError: No static files collected in {tmp_path / 'static'}: run "
        "`twinning collectstatic --noinput`, or `twinning serve` without --no-collectstatic."
    ]


def _statement_timeout_in_a_process(script: str, tmp_path) -> subprocess.CompletedProcess:
    """Run `script` in a new Python process on the test database, STATEMENT_TIMEOUT_MS=300.

    A process of its own: a test process that served pages has loaded the web entry point.
    """
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "twinning.site.settings",
        "TWINNING_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "STATEMENT_TIMEOUT_MS": "300",
    }
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_the_web_entry_point_cancels_a_statement_running_too_long(tmp_path):
    result = _statement_timeout_in_a_process(
        "import twinning.site.wsgi; from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SHOW statement_timeout'); print(c.fetchone()[0])\n"
        "    try: c.execute('SELECT pg_sleep(2)'); print('finished')\n"
        "    except Exception as error: print(type(error.__cause__).__name__)\n",
        tmp_path,
    )

    assert result.stdout.split() == ["300ms", "QueryCanceled"], result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_the_worker_runs_without_a_statement_timeout(tmp_path):
    result = _statement_timeout_in_a_process(
        "import django; django.setup()\n"
        "from twinning.site.management.commands import worker\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SHOW statement_timeout'); print(c.fetchone()[0])\n",
        tmp_path,
    )

    assert result.stdout.split() == ["0"], result.stderr


def test_deploy_check_refuses_a_cache_private_to_each_process(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [*TWINNING, "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={
            **inherited,
            **PRODUCTION,
            "TWINNING_DATA_DIR": str(tmp_path),
            "SITE_URL": "https://twinning.example.org",
            "CACHE_URL": "locmemcache://",
        },
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert re.search(
        r"\(twinning\.E002\) The cache \(\S+LocMemCache\) is not shared", result.stderr
    )


def test_production_names_assets_by_their_hash(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [
            *TWINNING,
            "shell",
            "-c",
            "from django.conf import settings as s; "
            "print(s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_USE_FINDERS)",
        ],
        capture_output=True,
        text=True,
        env={**inherited, **PRODUCTION, "TWINNING_DATA_DIR": str(tmp_path)},
        timeout=120,
        check=False,
    )

    assert result.stdout.split()[-2:] == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
    ]
    assert Path(tmp_path / "static").is_dir()
