"""Browser tests: Playwright drives Debian's Chromium; axe-core checks every page visited."""

import os
import re
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

# Playwright's synchronous API runs an event loop in the test's thread; the
# database calls made by the tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM to its path."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, transactional_db):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/Rome"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page) -> None:
    """Fail with the axe-core violations of the page as it is now.

    A click on a link or a submit button starts a navigation that can still be
    under way when the check begins; the check then waits for the new page and
    runs on it, so a page is never judged half loaded.
    """
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = _axe.run(page)
            break
        except PlaywrightError as error:
            navigating = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 2:
                raise
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]
    assert violations == [], f"accessibility violations on {page.url}"
    assert_fits(page)


PHONE = {"width": 390, "height": 844}
# The elements that reach past the right edge of the window, outermost first. An
# element inside a region that scrolls or clips on its own does not widen the page,
# unless it is positioned against a block outside that region.
_STICKING_OUT = """(width) => {
  const name = (el) => {
    let text = el.localName;
    if (el.id) text += "#" + el.id;
    for (const cls of Array.from(el.classList).slice(0, 2)) text += "." + cls;
    return text;
  };
  const path = (el) => {
    const names = [];
    for (let node = el; node && node !== document.body && names.length < 4;
         node = node.parentElement) names.unshift(name(node));
    return names.join(" > ");
  };
  const widens = (el) => {
    if (el.getBoundingClientRect().right <= width + 0.5) return false;
    let position = getComputedStyle(el).position;
    if (position === "fixed") return false;
    for (let node = el.parentElement; node && node !== document.body;
         node = node.parentElement) {
      const style = getComputedStyle(node);
      const containing = style.position !== "static" || style.transform !== "none";
      if (position === "absolute" && !containing) continue;
      if (style.overflowX !== "visible" || style.position === "fixed") return false;
      position = style.position;
    }
    return true;
  };
  const wide = new Set(Array.from(document.body.querySelectorAll("*")).filter(widens));
  return Array.from(wide).filter((el) => !wide.has(el.parentElement)).slice(0, 8).map(
    (el) => `${path(el)} (${Math.round(el.getBoundingClientRect().width)} px wide,`
      + ` right edge at ${Math.round(el.getBoundingClientRect().right)} px)`
  );
}"""


def assert_fits(page) -> None:
    """Fail if the page, shown on a phone 390 px wide, scrolls sideways.

    The window is narrowed for the measure and given back its size after; the
    failure names the elements that stick out, with their width.
    """
    if re.match(r"^(/[a-z]{2})?/admin/", urlsplit(page.url).path):
        return  # Django's own admin keeps its own layout
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        culprits = [] if width <= PHONE["width"] else page.evaluate(_STICKING_OUT, PHONE["width"])
    finally:
        if size and size != PHONE:
            page.set_viewport_size(size)
    assert width <= PHONE["width"], (
        f"{page.url} is {width} px wide on a phone {PHONE['width']} px wide: " + "; ".join(culprits)
    )


def sign_in(page, email: str, password: str | None = None) -> None:
    """Sign in through the form, as a person would."""
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def sign_out(page) -> None:
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
