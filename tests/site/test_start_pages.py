"""Each demo account's start page says what to do next, each step leads to a page where it
can be done, and no menu entry of any role leads to a refusal."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.site.crawl import loaded_demo
from twinning.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-data")]

TODAY = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
START = {
    "organiser@demo.twinning.eu": "/orga/",
    "facilitator@demo.twinning.eu": "/orga/",
    "mission-city@demo.twinning.eu": "/portal/",
    "mission-minded@demo.twinning.eu": "/portal/",
}


@pytest.fixture(autouse=True)
def _on_the_demo_day(time_machine):
    time_machine.move_to(TODAY)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker, at=TODAY):
        yield


def _client(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _steps(html: str) -> list[tuple[str, str]]:
    """The links of the start page's lists of steps: (href, text)."""
    found = []
    for block in re.findall(r'<ul class="next-steps">(.*?)</ul>', html, flags=re.S):
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', block, flags=re.S):
            found.append((unescape(href), _text(text).strip()))
    return found


def _menu_links(html: str) -> list[str]:
    links = []
    for nav in re.findall(r'<nav class="(?:site-nav|area-menu)[^"]*".*?</nav>', html, flags=re.S):
        links += [unescape(h) for h in re.findall(r'href="([^"]+)"', nav)]
    return links


def test_the_mission_city_is_told_to_register_for_the_online_day_rank_and_answer(demo):
    html = _client("mission-city@demo.twinning.eu").get("/portal/").content.decode()
    steps = [text for _, text in _steps(html)]

    assert "Register Torino (Turin) for Online Matchmaking Day" in steps
    assert "Rank the Mission-minded cities Torino (Turin) would like to twin with" in steps
    assert "Answer the proposed twinning of Torino (Turin) with Évora" in steps


def test_the_mission_minded_city_is_told_that_requests_wait_for_it(demo):
    html = _client("mission-minded@demo.twinning.eu").get("/portal/").content.decode()
    steps = [text for _, text in _steps(html)]

    assert any(
        re.fullmatch(r"\d+ meeting requests? waits? for the answer of Évora", s) for s in steps
    )
    assert "Matchmaking Days" in _text(html)
    assert re.search(r'Matchmaking Days <span class="count">\d+</span>', html)


def test_the_organisers_see_what_waits_for_a_decision_with_counts(demo):
    html = _client("organiser@demo.twinning.eu").get("/orga/").content.decode()
    steps = [text for _, text in _steps(html)]

    assert "Waiting for a decision" in html
    assert any(s.startswith("Cost claims to check: ") for s in steps)
    assert any(s.startswith("Joint plans to approve: ") for s in steps)


def test_the_facilitator_has_a_start_page_of_their_own(demo):
    html = _client("facilitator@demo.twinning.eu").get("/orga/").content.decode()

    assert "You do not represent a city yet" not in html
    assert "The twinnings you guide" in html
    assert "Évora – Pécs – Torino" in _text(html)
    assert _steps(html)


@pytest.mark.parametrize("email", START)
def test_every_step_of_a_start_page_leads_to_a_page_the_person_can_use(demo, email):
    client = _client(email)
    steps = _steps(client.get(START[email]).content.decode())

    assert steps, f"{email} is told nothing to do"
    for href, text in steps:
        response = client.get(href)
        assert response.status_code == 200, (text, href, response.status_code)
        page = _text(response.content.decode())
        assert "Not possible now" not in page, (text, href)


@pytest.mark.parametrize("email", [*START, None])
def test_no_menu_entry_of_any_role_answers_a_refusal(demo, email):
    client = _client(email) if email else Client()
    pages = ["/", "/portal/", "/orga/"] if email else ["/"]
    seen = set()
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            continue
        for href in _menu_links(response.content.decode()):
            path = urlsplit(href).path
            if path in seen or not path.startswith("/") or path.startswith("/accounts/logout"):
                continue
            seen.add(path)
            answer = client.get(href)
            assert answer.status_code == 200, (email, page, href, answer.status_code)
    assert seen


def test_a_newcomer_without_a_city_finds_how_to_register_and_no_refusal(demo):
    newcomer = User.objects.create_user(email="new@example.org", password="not-the-demo-one")
    client = Client()
    client.force_login(newcomer)

    html = client.get("/portal/").content.decode()

    assert "You do not represent a city yet" in html
    assert "How a city registers, and when" in html
    for href in _menu_links(html):
        if not href.startswith("/accounts/logout"):
            assert client.get(href).status_code == 200, href


def test_a_facilitator_is_not_offered_the_organisers_queues(demo):
    html = _client("facilitator@demo.twinning.eu").get("/orga/year/workshops/").content.decode()
    links = _menu_links(html)

    assert "/orga/year/workshops/" in links
    assert not any(
        link.startswith(("/orga/registrations", "/orga/outbox", "/orga/audit")) for link in links
    )
