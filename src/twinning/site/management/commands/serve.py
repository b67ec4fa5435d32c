"""`twinning serve`: the site under gunicorn, in the foreground until SIGTERM or SIGINT."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

# What each variable may be, and its default: two processes of four threads suit two
# cores, and hold at most eight database connections (one per thread).
LIMITS = {
    "PORT": (1, 65535, 8000),
    "WEB_CONCURRENCY": (1, 64, 2),
    "WEB_THREADS": (1, 64, 4),
    "WEB_TIMEOUT": (1, 3600, 30),
}


def _whole_number(environ: Mapping[str, str], name: str) -> int:
    low, high, default = LIMITS[name]
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise CommandError(
            f"{name} must be a whole number from {low} to {high}, not {text!r}.", returncode=2
        )
    return value


def server_config(environ: Mapping[str, str]) -> dict:
    """gunicorn's settings from HOST, PORT, WEB_CONCURRENCY, WEB_THREADS and WEB_TIMEOUT."""
    host = environ.get("HOST", "").strip() or "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    threads = _whole_number(environ, "WEB_THREADS")
    timeout = _whole_number(environ, "WEB_TIMEOUT")
    config = {
        "bind": [f"{host}:{_whole_number(environ, 'PORT')}"],
        "workers": _whole_number(environ, "WEB_CONCURRENCY"),
        "threads": threads,
        # One thread: the sync worker, where WEB_TIMEOUT ends any request running longer.
        # Several: requests share a process, and a process silent for WEB_TIMEOUT is
        # replaced; the database part of every request is bounded by STATEMENT_TIMEOUT_MS.
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": timeout,
        "keepalive": 5,
        # A process is replaced after about a thousand requests, so that no leak grows.
        "max_requests": 1000,
        "max_requests_jitter": 100,
        # Django is loaded once, before the processes fork: they start fast and share memory.
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": str(settings.LOGGING["root"]["level"]).lower(),
        "proc_name": "twinning",
        "control_socket_disable": True,
    }
    if Path("/dev/shm").is_dir():
        # The processes' heartbeat files: in memory, not on a container's slow disk.
        config["worker_tmp_dir"] = "/dev/shm"
    return config


def static_sources_fingerprint() -> str:
    """A digest of every asset collectstatic would take (name, size, time) and of the storage."""
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(apps.get_app_config("staticfiles").ignore_patterns):
            stat = os.stat(storage.path(path))
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def collect_static_files() -> bool:
    """Run collectstatic unless the assets have not changed since the last run; True when run.

    Hashing and compressing every asset takes most of a minute, so a restart
    of the server with the same code does not do it again.
    """
    stamp = Path(settings.STATIC_ROOT).parent / f".{Path(settings.STATIC_ROOT).name}-sources"
    fingerprint = static_sources_fingerprint()
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    collected = manifest is None or staticfiles_storage.exists(manifest)
    if collected and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


class Server(BaseApplication):
    """gunicorn with its settings given here rather than read from its command line."""

    def __init__(self, config: dict):
        self.config = config
        super().__init__()

    def load_config(self):
        for key, value in self.config.items():
            self.cfg.set(key, value)

    def load(self):
        from twinning.site.wsgi import application  # noqa: PLC0415 - loaded by gunicorn when it starts, not when the command is listed

        return application


class Command(BaseCommand):
    help = (
        "Serve the site in production with gunicorn: WEB_CONCURRENCY processes (2) of "
        "WEB_THREADS threads (4) on HOST (127.0.0.1) and PORT (8000), until SIGTERM or "
        "SIGINT. Collects the static files first when they changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="the static files were collected when the image was built: check that they were",
        )

    def handle(self, *args, **options):
        config = server_config(os.environ)
        if options["no_collectstatic"]:
            self._check_collected()
        elif collect_static_files():
            self.stdout.write(f"Static files collected in {settings.STATIC_ROOT}.")
        # Names the server's connections in PostgreSQL's pg_stat_activity.
        os.environ.setdefault("PGAPPNAME", "twinning serve")
        # The processes fork from this one: none may inherit an open connection.
        connections.close_all()
        self.stdout.write(
            f"Serving http://{config['bind'][0]}/ with {config['workers']} processes of "
            f"{config['threads']} threads (SIGTERM or Ctrl+C stops)."
        )
        self.stdout.flush()
        Server(config).run()

    def _check_collected(self) -> None:
        manifest = getattr(staticfiles_storage, "manifest_name", None)
        if manifest and not staticfiles_storage.exists(manifest):
            raise CommandError(
                f"No static files collected in {settings.STATIC_ROOT}: run "
                "`twinning collectstatic --noinput`, "
                "or `twinning serve` without --no-collectstatic.",
                returncode=2,
            )
