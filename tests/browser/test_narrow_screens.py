"""Every page of the demo fits a phone 390 px wide, for a visitor and for each demo account.

The pages are found as tests/site/crawl.py finds them, by following links from the
start pages with the Django test client (a bounded number of pages of each kind);
then a phone-sized Chromium, signed in as the same person, opens each of them and
measures the width of the document. The Django admin and the downloads (PDF, CSV,
calendars) are not pages of the site's own layout and are left out by the crawl.
"""

import time

import pytest

from tests.browser.conftest import PHONE, assert_fits, sign_in
from tests.site.crawl import DEMO_EMAILS, client_for, crawl
from twinning.site.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.browser

ROLES = {"visitor": None, **DEMO_EMAILS}
# Pages of each kind opened in the browser: the first shows the layout of the kind,
# the second one with other data (a longer name, an empty list).
PER_KIND = 2


def _too_wide(page, urls: list[str]) -> dict[str, str]:
    """The pages among `urls` that scroll sideways, with the elements that stick out."""
    failures = {}
    for url in urls:
        page.goto(url)
        try:
            assert_fits(page)
        except AssertionError as error:
            failures[url] = str(error).splitlines()[0]
    return failures


def test_every_page_of_the_demo_fits_a_phone(chromium, live_server, transactional_db):
    load_demo()
    failures: dict[str, dict[str, str]] = {}
    visited = {}
    for role, email in ROLES.items():
        started = time.perf_counter()
        urls = crawl(client_for(email), per_kind=PER_KIND).pages
        context = chromium.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            locale="en-GB",
            timezone_id="Europe/Rome",
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        if email:
            sign_in(page, email, DEMO_PASSWORD)
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        role_failures = _too_wide(page, urls)
        context.close()
        if role_failures:
            failures[role] = role_failures
        visited[role] = len(urls)
        print(f"{role}: {len(urls)} pages in {time.perf_counter() - started:.1f} s")  # pytest -s

    assert all(visited.values()), visited
    assert failures == {}, "\n".join(
        f"as {role}: {message}" for role, pages in failures.items() for message in pages.values()
    )
