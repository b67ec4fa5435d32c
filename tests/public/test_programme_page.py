import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
    WebinarFactory,
    cohort_with_three_windows,
)
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.enums import MilestoneKind

pytestmark = pytest.mark.django_db


def _milestones(html: str) -> list[tuple[str, str]]:
    """(status, title) of each milestone of the timeline, as a visitor reads them."""
    items = re.findall(
        r'<li class="milestone milestone-(\w+)".*?<h3 class="milestone-title">(.*?)\n', html, re.S
    )
    return [(status, title.strip()) for status, title in items]


def test_programme_page_shows_the_current_cohort_and_its_milestones(client):
    cohort_with_three_windows(number=5, name="Cohort 5, 2026-2027", joint_output_name="Action Plan")

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<h1>Twinning Learning Programme<span class="hero-cohort">Cohort 5, 2026-2027</span></h1>'
        in html
    )
    assert _milestones(html) == [
        ("past", "Registration of Mission-minded cities"),
        ("open", "Registration of Mission cities"),
        ("upcoming", "Matchmaking Days"),
    ]
    assert html.count('aria-current="step"') == 1
    assert "One joint Action Plan" in html


def test_programme_page_shows_an_extended_window(client):
    cohort = CohortFactory()
    now = timezone.now()
    MilestoneFactory(
        cohort=cohort,
        starts_at=now - dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5),
        original_ends_at=now - dt.timedelta(days=1),
    )

    html = client.get("/").content.decode()

    assert "Extended: it was due to close on" in html


def test_programme_page_lists_only_upcoming_published_webinars(client):
    cohort = CohortFactory()
    WebinarFactory(cohort=cohort, title="Coming webinar")
    WebinarFactory(cohort=cohort, title="Hidden webinar", is_published=False)
    WebinarFactory(
        cohort=cohort,
        title="Past webinar",
        starts_at=timezone.now() - dt.timedelta(days=3),
    )

    html = client.get("/").content.decode()

    assert re.findall(r"<h3>(.*webinar)</h3>", html) == ["Coming webinar"]


def test_programme_page_figures_count_accepted_cities_since_the_first_cohort(client):
    first, current = CohortFactory(number=1), CohortFactory(number=2)
    returning = CityFactory(country="FI")
    RegistrationFactory(cohort=first, city=returning)
    RegistrationFactory(cohort=current, city=returning)
    RegistrationFactory(
        cohort=current, city=MissionCityFactory(country="IT"), kind=CityKind.MISSION
    )
    RegistrationFactory(cohort=current, city=CityFactory(), state=RegistrationState.SUBMITTED)

    html = client.get("/").content.decode()

    figures = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", html))
    assert figures == {
        "cities supported since the first cohort": "2",
        "Mission cities": "1",
        "Mission-minded cities": "1",
        "countries": "2",
        "cohorts": "2",
    }


def test_programme_page_without_a_cohort_says_so(client):
    html = client.get("/").content.decode()

    assert "The next cohort has not been announced yet." in html


def test_programme_page_serves_its_assets_itself(client):
    CohortFactory()

    html = client.get("/").content.decode()

    sources = re.findall(r'(?:src|href)="([^"#]+)"', html)
    own = "http://testserver/"  # the page's copies in other languages are on this site
    external = [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert [s for s in external if not s.startswith(own)] == []
    assert client.get("/static/twinning/css/site.css").status_code == 200


def test_programme_page_queries_do_not_grow_with_the_data(client, django_assert_max_num_queries):
    cohort = CohortFactory()
    MilestoneFactory.create_batch(2, cohort=cohort)
    WebinarFactory.create_batch(2, cohort=cohort)
    RegistrationFactory.create_batch(2, cohort=cohort)
    with django_assert_max_num_queries(20) as small:
        client.get("/")

    MilestoneFactory.create_batch(10, cohort=cohort)
    WebinarFactory.create_batch(10, cohort=cohort)
    RegistrationFactory.create_batch(20, cohort=cohort)
    with django_assert_max_num_queries(20) as large:
        client.get("/")

    assert len(large.captured_queries) == len(small.captured_queries)


def test_programme_page_sends_a_strict_content_security_policy(client):
    response = client.get("/")

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def _registration_windows(mission, mission_minded, **cohort_fields):
    """A published cohort with the two registration windows given as (start, end)."""
    cohort = CohortFactory(**cohort_fields)
    for kind, (starts_at, ends_at) in (
        (MilestoneKind.MISSION_REGISTRATION, mission),
        (MilestoneKind.MISSION_MINDED_REGISTRATION, mission_minded),
    ):
        MilestoneFactory(cohort=cohort, kind=kind, starts_at=starts_at, ends_at=ends_at)
    return cohort


def test_programme_page_says_when_mission_city_registration_opens(client, time_machine):
    time_machine.move_to(_at(2026, 1, 10, 12), tick=False)
    _registration_windows(
        mission=(_at(2026, 2, 2, 8), _at(2026, 3, 31, 15)),
        mission_minded=(_at(2025, 12, 1, 8), _at(2026, 1, 31, 16)),
    )

    html = client.get("/").content.decode()

    assert "/portal/register/mission/" not in html
    assert (
        '<p class="refusal">Registration of Mission cities opens on 2 February 2026, 09:00 CET.</p>'
        in html
    )


def test_programme_page_after_the_window_points_to_the_next_cohort(client, time_machine):
    time_machine.move_to(_at(2026, 4, 10, 12), tick=False)
    _registration_windows(
        mission=(_at(2026, 2, 2, 8), _at(2026, 3, 31, 15)),
        mission_minded=(_at(2025, 12, 1, 8), _at(2026, 1, 31, 16)),
    )

    html = client.get("/").content.decode()

    assert "/portal/register/mission/" not in html
    assert "/portal/register/mission-minded/" not in html
    assert (
        "Registration of Mission cities closed on 31 March 2026, 17:00 CEST. "
        "The next cohort will be announced on the programme&#x27;s public page."
    ) in html
    assert "Registration of Mission-minded cities closed on 31 January 2026, 17:00 CET." in html


def test_programme_page_offers_the_registration_only_while_it_is_open(client, time_machine):
    time_machine.move_to(_at(2026, 1, 10, 12), tick=False)
    _registration_windows(
        mission=(_at(2026, 1, 2, 8), _at(2026, 3, 31, 15)),
        mission_minded=(_at(2025, 12, 1, 8), _at(2026, 1, 31, 16)),
        registration_without_invitation=False,
    )

    html = client.get("/").content.decode()

    assert '<a class="button" href="/portal/register/mission/">Register a Mission city</a>' in html
    # Mission-minded cities cannot register on their own: the page says how they do.
    assert "/portal/register/mission-minded/" not in html
    assert "Registration is by invitation: the programme team e-mails" in html
