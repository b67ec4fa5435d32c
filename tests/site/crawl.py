"""Walk the site as a person would: from the start pages, follow every link.

The crawl visits each kind of page (a URL pattern with a given set of query
parameters) a bounded number of times, so that a demo with 112 cities and their
practices is walked in a couple of minutes while every page of every kind is
reached. It records every answer; pages are never judged by the crawler itself.
"""

import contextlib
import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import time_machine
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from twinning.accounts.models import User
from twinning.site.demo import load_demo

# Left to their own tests: the Django admin, allauth's pages (and signing out),
# the language switch, the API, and files served as they are.
SKIPPED = ("/admin/", "/accounts/", "/i18n/", "/api/", "/static/", "/media/")
DEMO_EMAILS = {
    "organiser": "organiser@demo.twinning.eu",
    "facilitator": "facilitator@demo.twinning.eu",
    "mission city": "mission-city@demo.twinning.eu",
    "mission-minded city": "mission-minded@demo.twinning.eu",
}
START_PAGES = ("/", "/portal/", "/orga/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@dataclass
class Crawl:
    """What a crawl saw: each visited URL with its status, and the failures in full."""

    statuses: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # The URLs that answered with a page of HTML, in the order they were visited.
    pages: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {page_kind(url)[0] for url in self.statuses}

    def server_errors(self) -> dict[str, str]:
        return {
            url: self.errors.get(url, str(status))
            for url, status in self.statuses.items()
            if status >= 500
        }


def page_kind(url: str) -> tuple[str, tuple[str, ...]]:
    """The page's URL name and the names of its query parameters."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    return match.view_name, tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def _same_site(base: str, href: str) -> str | None:
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, starts: Iterable[str] = START_PAGES, *, per_kind: int = 2) -> Crawl:
    """Visit the start pages and every same-site link found, `per_kind` pages of each kind."""
    seen: set[str] = set()
    visited: Counter = Counter()
    queue = deque(starts)
    result = Crawl()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            kind = page_kind(url)
        except Resolver404:
            result.statuses[url] = 404
            continue
        if visited[kind] >= per_kind:
            continue
        visited[kind] += 1
        response = client.get(url)
        result.statuses[url] = response.status_code
        if response.status_code >= 500:
            exc_info = getattr(response, "exc_info", None)
            result.errors[url] = repr(exc_info[1]) if exc_info else str(response.status_code)
        if response.status_code in (301, 302, 303, 307, 308):
            target = _same_site(url, response["Location"])
            if target:
                queue.append(target)
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            result.pages.append(url)
            parser = _Links()
            parser.feed(response.content.decode())
            queue.extend(filter(None, (_same_site(url, href) for href in parser.hrefs)))
    return result


def client_for(email: str | None) -> Client:
    """A client signed in as the person (a visitor for None) that records server errors."""
    client = Client(raise_request_exception=False)
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@contextlib.contextmanager
def loaded_demo(django_db_blocker, at: dt.datetime | None = None) -> Iterator[None]:
    """The demo loaded once for a whole module, at `at` (default: now), rolled back after.

    Tests of the module run inside this transaction (each in its own savepoint, as
    the `db` fixture makes), with the clock kept at `at` while they run.
    """
    travel = time_machine.travel(at, tick=True) if at else contextlib.nullcontext()
    with django_db_blocker.unblock(), travel, transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)
