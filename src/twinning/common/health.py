"""What a load balancer asks at /health/: the database, its migrations, a worker seen lately.

The answer is JSON, 200 when everything is well and 503 with what is wrong
otherwise. It names no person, reads no session and sets no cookie.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import clock

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health/"
WORKER_SEEN_KEY = "health:worker-seen"


def mark_worker_seen() -> None:
    """Note in the shared cache that a worker is alive now (it started or finished a task)."""
    cache.set(WORKER_SEEN_KEY, clock.now().isoformat(), timeout=None)


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.exception("Health check: the database cannot be reached.")
        return {"ok": False, "problem": _("The database cannot be reached.")}
    return {"ok": True}


def _check_migrations() -> dict:
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    if not pending:
        return {"ok": True}
    problem = ngettext(
        "%(count)d migration is not applied: run `twinning migrate`.",
        "%(count)d migrations are not applied: run `twinning migrate`.",
        pending,
    ) % {"count": pending}
    return {"ok": False, "pending": pending, "problem": problem}


def _check_worker() -> dict:
    try:
        seen = cache.get(WORKER_SEEN_KEY)
    except Exception:
        logger.exception("Health check: the cache cannot be read.")
        return {"ok": False, "problem": _("The cache cannot be read.")}
    if seen is None:
        return {"ok": False, "problem": _("No worker has been seen: start `twinning worker`.")}
    last_seen = dt.datetime.fromisoformat(seen)
    silent = clock.now() - last_seen
    limit = dt.timedelta(minutes=settings.WORKER_SEEN_WITHIN_MINUTES)
    if silent <= limit:
        return {"ok": True, "last_seen": seen}
    minutes = int(silent.total_seconds() // 60)
    problem = ngettext(
        "No worker seen for %(minutes)d minute: check `twinning worker`.",
        "No worker seen for %(minutes)d minutes: check `twinning worker`.",
        minutes,
    ) % {"minutes": minutes}
    return {"ok": False, "last_seen": seen, "problem": problem}


def health_report() -> dict:
    """Each check with its outcome, and the problems found (none when healthy)."""
    checks = {"database": _check_database()}
    if checks["database"]["ok"]:
        checks["migrations"] = _check_migrations()
    else:
        checks["migrations"] = {"ok": False, "problem": _("Not checked: no database.")}
    checks["worker"] = _check_worker()
    problems = [check["problem"] for check in checks.values() if not check["ok"]]
    return {"status": "unhealthy" if problems else "ok", "checks": checks, "problems": problems}


class HealthCheckMiddleware:
    """Answer /health/ before any other middleware: any Host, plain HTTP, no session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": _("Only GET and HEAD are allowed.")}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        report = health_report()
        response = JsonResponse(report, status=503 if report["problems"] else 200)
        response["Cache-Control"] = "no-store"
        return response
