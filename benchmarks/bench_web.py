"""Web benchmark: the site served by `twinning serve` on PostgreSQL, at 10,000 practices.

    make bench-web                      # or: python benchmarks/bench_web.py --help

Steps: (1) a scratch PostgreSQL database is migrated and loaded with the demo and
the synthetic data set (`twinning load_demo --scale N`); a second one with the demo
alone; (2) the SQL queries of each page are counted on both, in this process's
Django test client; (3) `twinning serve` is started on loopback and each page gets
a bounded load at 1, 4 and 16 concurrent clients (threads with keep-alive
connections); (4) a Markdown table of p50/p95/p99, requests per second and errors.

The organiser's pages use a session made directly in the database for the demo
organiser (multi-factor sign-in switched off for the run).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The command that serves the site: the project's own production server.
SERVE = [str(BIN / "twinning"), "serve"]
TWINNING = [str(BIN / "twinning")]
ORGANISER = "organiser@demo.twinning.eu"

# (label, path, as organiser)
PAGES = [
    ("programme page", "/", False),
    ("catalogue", "/practices/", False),
    ("search, common word", "/practices/?cohort=all&q=energy", False),
    ("search, rare word + country", "/practices/?cohort=all&q=agrivoltaic&country=RS", False),
    ("a practice", "{practice}", False),
    ("cities and map", "/cities/", False),
    ("twinnings", "/twinnings/?cohort=cohort-5", False),
    ("API practices", "/api/v1/practices/", False),
    ("API search", "/api/v1/practices/?q=energy", False),
    ("dashboard", "/orga/dashboard/?cohort=cohort-5", True),
    ("XLSX export", "/orga/dashboard/cohort-5/cities.xlsx", True),
]


def _environment(database_url: str, port: int, workers: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-web-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ORGANISER_REQUIRE_MFA": "0",
        # The load comes from one address: the anonymous API limit would answer 429.
        "API_ANONYMOUS_RATE": "1000000/minute",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
    }


def _psql_admin(database_url: str, sql: str) -> None:
    base = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", base, "-q", "-c", sql], check=True)


def prepare(database_url: str, practices: int, env: dict, *, fresh: bool) -> None:
    name = database_url.rsplit("/", 1)[1]
    if fresh:
        _psql_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        _psql_admin(database_url, f'CREATE DATABASE "{name}"')
    subprocess.run([*TWINNING, "migrate", "--noinput", "-v0"], env=env, check=True)
    command = [*TWINNING, "load_demo"] + (["--scale", str(practices)] if practices else [])
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"  loaded {name} in {time.perf_counter() - started:.0f} s", flush=True)
    subprocess.run(["psql", database_url, "-q", "-c", "VACUUM ANALYZE"], check=True)


def _django_helper(mode: str, env: dict) -> dict:
    """Run this file in a child process with Django set up on `env`'s database."""
    result = subprocess.run(
        [sys.executable, __file__, "--helper", mode],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def helper(mode: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.site.settings")
    import django  # the parent process runs without Django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from twinning.accounts.models import User
    from twinning.practices.domain.queries import public_practices

    organiser = User.objects.get(email=ORGANISER)
    practice = public_practices().order_by("-published_at").first()
    if mode == "session":
        session = SessionStore()
        session[SESSION_KEY] = str(organiser.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = organiser.get_session_auth_hash()
        session.save()
        print(json.dumps({"session": session.session_key, "practice": practice.slug}))
        return
    counts = {}
    visitor, signed_in = Client(), Client()
    signed_in.force_login(organiser)
    for label, path, as_organiser in PAGES:
        client = signed_in if as_organiser else visitor
        url = path.format(practice=f"/practices/{practice.slug}/")
        client.get(url)  # a first request fills what is cached, as the load test's would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[label] = len(queries) if response.status_code == 200 else response.status_code
    print(json.dumps(counts))


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 600) -> None:
    """Wait for the server to listen; its first start hashes and compresses every asset."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped (exit code {process.returncode}).")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer within {seconds:.0f} s.")


def load(port: int, path: str, clients: int, requests: int, cookie: str | None) -> dict:
    """`requests` GETs of `path` from `clients` threads, each on one keep-alive connection."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    headers = {"Cookie": cookie} if cookie else {}

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    return {
        "p50": statistics.median(latencies) * 1000,
        "p95": pct(95),
        "p99": pct(99),
        "rps": len(latencies) / wall,
        "errors": errors[0],
        "n": len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/twinning_bench"
        ),
    )
    parser.add_argument("--requests", type=int, default=2000, help="per page and concurrency")
    parser.add_argument("--clients", default="1,4,16", help="concurrency levels")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded databases")
    parser.add_argument("--pages", default="", help="only the pages whose label contains this")
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.helper:
        helper(args.helper)
        return
    if shutil.which("psql") is None:
        raise SystemExit("psql is needed to create the scratch databases.")
    scale_url = args.database_url
    demo_url = scale_url + "_demo"
    scale_env = _environment(scale_url, args.port, args.workers)
    demo_env = _environment(demo_url, args.port, args.workers)
    print(f"Preparing {scale_url} ({args.practices} practices) and {demo_url} (demo)", flush=True)
    prepare(demo_url, 0, demo_env, fresh=not args.reuse)
    prepare(scale_url, args.practices, scale_env, fresh=not args.reuse)
    levels = [int(level) for level in args.clients.split(",")]

    # The server starts first: it collects the static files (hashed names) that the
    # pages rendered by the query counts below refer to.
    server = subprocess.Popen(SERVE, env=scale_env, cwd=ROOT)
    rows = []
    try:
        _wait_for(args.port, server)
        queries_demo = _django_helper("queries", demo_env)
        queries_scale = _django_helper("queries", scale_env)
        found = _django_helper("session", scale_env)
        cookie = f"sessionid={found['session']}"
        for label, path, as_organiser in PAGES:
            if args.pages and args.pages not in label:
                continue
            url = path.format(practice=f"/practices/{found['practice']}/")
            session = cookie if as_organiser else None
            load(args.port, url, 2, 20, session)  # warm up every worker
            results = {}
            for clients in levels:
                count = min(args.requests, 200) if clients == 1 else args.requests
                results[clients] = load(args.port, url, clients, count, session)
            rows.append((label, url, results))
            print(
                f"  {label}: "
                + ", ".join(
                    f"c={c} p50 {r['p50']:.0f} ms p95 {r['p95']:.0f} ms "
                    f"{r['rps']:.0f}/s err {r['errors']}"
                    for c, r in results.items()
                ),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    print()
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.workers} workers; "
        f"{args.practices} practices; {args.requests} requests per page at c>1."
    )
    header = "| page | queries (demo / scale) |"
    rule = "|---|---|"
    for clients in levels:
        header += f" c={clients} p50 / p95 / p99 ms | c={clients} req/s |"
        rule += "---|---|"
    print(header + " errors |")
    print(rule + "---|")
    for label, url, results in rows:
        line = f"| {label} `{url}` | {queries_demo.get(label)} / {queries_scale.get(label)} |"
        for clients in levels:
            r = results[clients]
            line += f" {r['p50']:.0f} / {r['p95']:.0f} / {r['p99']:.0f} | {r['rps']:.0f} |"
        line += f" {sum(r['errors'] for r in results.values())} |"
        print(line)


if __name__ == "__main__":
    main()
