import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MissionCityFactory,
    PartnerProjectFactory,
    RegistrationFactory,
)
from tests.factories.practices import PracticeFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.cities.enums import CityKind
from twinning.common.maps import project
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.programme.enums import MemberRole, TwinningState

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="h3"><a href="/practices/[^"]+/">(.*?)</a></h2>', html)


@pytest.fixture
def cohort():
    return CohortFactory(number=5)


def _marks(html: str) -> list[tuple[str, str, str]]:
    """(shape, kind, tooltip) of each city on the map."""
    return re.findall(r'<(circle|path) class="map-city map-(\w+)"[^>]*><title>(.*?)</title>', html)


def _twinning(cohort, mission, minded, *, published_at):
    twinning = TwinningFactory(cohort=cohort, state=TwinningState.ACTIVE, published_at=published_at)
    TwinningMemberFactory(twinning=twinning, city=mission, role=MemberRole.MISSION)
    TwinningMemberFactory(twinning=twinning, city=minded, role=MemberRole.MISSION_MINDED)
    return twinning


def _line(a, b) -> tuple[str, ...]:
    return tuple(
        str(v) for city in (a, b) for v in project(float(city.latitude), float(city.longitude))
    )


def _practice(cohort, title, *, country="IT", city=None, **kwargs):
    registration = RegistrationFactory(cohort=cohort, city=city or CityFactory(country=country))
    return PracticeFactory(registration=registration, title=title, **kwargs)


def test_catalogue_lists_published_practices_of_every_cohort_unless_one_is_asked(client, cohort):
    earlier = CohortFactory(number=4)
    _practice(cohort, "Solar schools")
    _practice(cohort, "Hidden draft", state=PracticeState.SUBMITTED)
    _practice(earlier, "Old bike lanes")

    default = client.get("/practices/").content.decode()
    everything = client.get("/practices/?cohort=all").content.decode()
    current = client.get(f"/practices/?cohort={cohort.slug}").content.decode()
    old = client.get("/practices/?cohort=cohort-4").content.decode()

    assert sorted(_titles(default)) == ["Old bike lanes", "Solar schools"]
    assert sorted(_titles(everything)) == ["Old bike lanes", "Solar schools"]
    assert _titles(current) == ["Solar schools"]
    assert _titles(old) == ["Old bike lanes"]


def test_search_finds_a_word_of_the_description(client, cohort):
    _practice(cohort, "District heating", description="A **geothermal** loop heats homes.")
    _practice(cohort, "Bike lanes", description="Protected lanes.")

    html = client.get("/practices/", {"q": "geothermal"}).content.decode()

    assert _titles(html) == ["District heating"]
    assert 'value="geothermal"' in html


def test_filters_are_in_the_address(client, cohort):
    project = PartnerProjectFactory(acronym="POCITYF")
    _practice(
        cohort,
        "Positive energy district",
        country="PT",
        partner_project=project,
        stage=PracticeStage.SCALED,
        themes=["energy-systems", "finance-funding"],
    )
    _practice(cohort, "Car-free streets", country="IT", themes=["mobility-transport"])

    def titles(**params):
        return _titles(client.get("/practices/", params).content.decode())

    assert titles(field="energy-systems") == ["Positive energy district"]
    assert titles(lever="finance-funding") == ["Positive energy district"]
    assert titles(country="IT") == ["Car-free streets"]
    assert titles(project="POCITYF") == ["Positive energy district"]
    assert titles(stage="scaled") == ["Positive energy district"]
    assert titles(field="mobility-transport", country="PT") == []


def test_sorting_by_title(client, cohort):
    for title in ["Beta", "Alpha", "Gamma"]:
        _practice(cohort, title)

    html = client.get("/practices/", {"sort": "title"}).content.decode()

    assert _titles(html) == ["Alpha", "Beta", "Gamma"]


def test_pagination_keeps_the_filters(client, cohort):
    for number in range(25):
        _practice(cohort, f"Practice {number:02d}", country="FI")

    html = client.get("/practices/", {"country": "FI", "sort": "title", "page": 2}).content.decode()

    assert _titles(html) == [f"Practice {n:02d}" for n in range(20, 25)]
    assert "country=FI&amp;sort=title&amp;page=1" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_catalogue_queries_do_not_grow_with_the_data(client, cohort):
    project = PartnerProjectFactory()
    for _ in range(2):
        _practice(
            cohort, "x", partner_project=project, themes=["energy-systems", "finance-funding"]
        )
    few = _queries(client, "/practices/")
    for _ in range(20):
        _practice(
            cohort, "y", partner_project=project, themes=["energy-systems", "finance-funding"]
        )

    assert _queries(client, "/practices/") == few
    assert _queries(client, "/practices/?q=summary&field=energy-systems") == few


def test_practice_page_renders_markdown_safely(client, cohort):
    practice = _practice(
        cohort, "Safe", description="**Bold** <script>alert(1)</script>", links="https://e.org"
    )
    practice.results.create(kind="emissions", value=120, unit="t CO2e/year")

    html = client.get(f"/practices/{practice.slug}/").content.decode()

    assert "<p><strong>Bold</strong> </p>" in html
    assert "<script>alert" not in html
    assert "Emissions avoided: <strong>120 t CO2e/year</strong>" in html


def test_an_unpublished_practice_is_not_public(client, cohort):
    practice = _practice(cohort, "Draft", state=PracticeState.SUBMITTED)

    assert client.get(f"/practices/{practice.slug}/").status_code == 404


def test_city_page_shows_profile_practices_projects_and_map(client, cohort):
    city = CityFactory(
        name="Évora", summary="A UNESCO city.", country="PT", latitude=38.57, longitude=-7.91
    )
    registration = RegistrationFactory(cohort=cohort, city=city)
    registration.partner_projects.add(PartnerProjectFactory(acronym="POCITYF", title="PEC"))
    PracticeFactory(registration=registration, title="Positive energy district")

    html = client.get(f"/cities/{city.slug}/").content.decode()

    assert "<h1>Évora (City" in html
    assert "<p>A UNESCO city.</p>" in html
    assert "<li>POCITYF: PEC</li>" in html
    # The map shows the region around the city, within the frame: Évora is near its west edge.
    assert re.findall(r'<svg viewBox="([\d. ]+)" width="1000" height="800" role="img"', html) == [
        "0 699.6 300.0 240.0"
    ]
    assert _marks(html) == [("path", "mission_minded", f"{city.display_name}, Portugal")]
    assert '<path d="M' in html  # Portugal and Spain's outlines


def test_city_page_without_coordinates_has_no_map(client, cohort):
    city = CityFactory(name="Nowhere", latitude=None, longitude=None)
    RegistrationFactory(cohort=cohort, city=city)

    html = client.get(f"/cities/{city.slug}/").content.decode()

    assert "<h1>Nowhere (City" in html
    assert "<svg" not in html


def test_city_map_places_the_cohorts_accepted_cities(client, cohort):
    RegistrationFactory(
        cohort=cohort,
        city=MissionCityFactory(name="Torino", name_en="Torino", latitude=45.07, longitude=7.69),
        kind=CityKind.MISSION,
    )
    RegistrationFactory(
        cohort=cohort,
        city=CityFactory(
            name="Oulu", name_en="Oulu", country="FI", latitude=65.01, longitude=25.47
        ),
    )
    RegistrationFactory(cohort=cohort, city=CityFactory(name="Draft city"), state="submitted")

    html = client.get("/cities/").content.decode()

    assert _marks(html) == [
        ("path", "mission_minded", "Oulu, Finland"),
        ("circle", "mission", "Torino, Italy"),
    ]
    assert "Draft city" not in html


def test_city_map_draws_europe_and_lines_between_publicly_twinned_cities(client, cohort):
    torino = MissionCityFactory(name="Torino", name_en="Torino", latitude=45.07, longitude=7.69)
    evora = CityFactory(name="Évora", name_en="Évora", country="PT", latitude=38.57, longitude=-7.9)
    oulu = CityFactory(name="Oulu", name_en="Oulu", country="FI", latitude=65.01, longitude=25.47)
    RegistrationFactory(cohort=cohort, city=torino, kind=CityKind.MISSION)
    RegistrationFactory(cohort=cohort, city=evora)
    RegistrationFactory(cohort=cohort, city=oulu)
    _twinning(cohort, torino, evora, published_at=timezone.now())
    _twinning(cohort, torino, oulu, published_at=None)  # not announced yet

    html = client.get("/cities/").content.decode()

    assert html.count('<path d="M') > 40  # the countries of Europe and around it
    assert sorted(_marks(html)) == [
        ("circle", "mission", "Torino, Italy"),
        ("path", "mission_minded", "Oulu, Finland"),
        ("path", "mission_minded", "Évora, Portugal"),
    ]
    lines = re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/>', html)
    assert lines == [_line(torino, evora)]
    assert "1 Mission city, 2 Mission-minded cities, 1 line between twinned cities." in html
    assert ">Twinning</span>" in html


def test_city_map_queries_do_not_grow_with_the_data(client, cohort):
    for _ in range(2):
        RegistrationFactory(cohort=cohort, city=CityFactory(latitude=45, longitude=7))
    few = _queries(client, "/cities/")
    for number in range(30):
        city = CityFactory(latitude=50, longitude=10 + number / 10)
        RegistrationFactory(cohort=cohort, city=city)
        _twinning(cohort, MissionCityFactory(), city, published_at=timezone.now())

    assert _queries(client, "/cities/") == few


def test_city_lists_are_paginated_and_the_map_shows_every_city(client, cohort):
    for number in range(65):
        RegistrationFactory(
            cohort=cohort,
            city=CityFactory(
                name=f"City {number:02}", name_en=f"City {number:02}", latitude=50, longitude=10
            ),
        )

    first = client.get("/cities/").content.decode()
    second = client.get("/cities/?mission_minded_page=2").content.decode()

    assert first.count('class="map-city') == 65
    assert "City 59</a>" in first
    assert "City 60</a>" not in first
    assert re.findall(r">(City \d+)</a>", second) == [
        "City 60",
        "City 61",
        "City 62",
        "City 63",
        "City 64",
    ]
    assert 'href="?mission_minded_page=2"' in first
