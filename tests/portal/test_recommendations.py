import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CohortFactory, MissionCityFactory, RegistrationFactory
from tests.factories.recommendations import minded_city, mission_city
from tests.factories.selection import CityMemberFactory, PreferenceFactory, QuickOrganiserFactory
from twinning.cities.enums import CityKind

pytestmark = pytest.mark.django_db

HOUSING = "Renovate our public housing faster, with tenants on board."


@pytest.fixture
def torino(db):
    cohort = CohortFactory(name="Cohort 5")
    city = mission_city(cohort, "Torino", [("built-environment", HOUSING)], population=850_000)
    minded_city(
        cohort,
        "Trento",
        [
            (
                "Social housing retrofit",
                "Deep retrofit of social housing towers, tenants stay at home.",
                ["built-environment", "finance-funding"],
            )
        ],
        population=120_000,
        country="IT",
    )
    return city


def _url(city):
    return reverse("portal:recommendations", args=[city.pk])


def _headings(response) -> list[str]:
    return [
        unescape(h) for h in re.findall(r'<h2 id="recommendation-\d+">(.*?)</h2>', _html(response))
    ]


def _reasons(response) -> list[list[str]]:
    blocks = re.findall(r'<ul class="recommendation-reasons">(.*?)</ul>', _html(response), re.S)
    return [[unescape(li) for li in re.findall(r"<li>(.*?)</li>", block)] for block in blocks]


def _html(response) -> str:
    return response.content.decode()


def test_a_representative_sees_the_recommended_twins_with_their_reasons(client, torino):
    member = CityMemberFactory(city=torino).user
    client.force_login(member)

    response = client.get(_url(torino))

    assert response.status_code == 200
    assert _headings(response) == ["Trento"]
    assert _reasons(response) == [
        [
            "Practice “Social housing retrofit” answers your challenge “Renovate our public "
            "housing faster, with tenants on board.” (“housing”, “tenants”)",
            "Shared field of action: Built environment",
            "Same country: Italy",
        ]
    ]
    html = _html(response)
    assert '<span class="badge fit-good">Good fit</span>' in html
    assert f'href="{reverse("public:practice", args=["trento-social-housing-retrofit"])}"' in html
    assert f'href="{reverse("portal:preferences", args=[torino.pk])}"' in html


def test_the_programme_team_sees_any_city_s_recommendations(client, torino):
    client.force_login(QuickOrganiserFactory())

    response = client.get(_url(torino))

    assert response.status_code == 200
    assert _headings(response) == ["Trento"]


def test_a_representative_of_another_city_is_refused(client, torino):
    client.force_login(CityMemberFactory(city=MissionCityFactory()).user)

    response = client.get(_url(torino))

    assert response.status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, torino):
    response = client.get(_url(torino))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={_url(torino)}"


def test_a_city_without_ambitions_is_told_where_to_state_them(client):
    cohort = CohortFactory()
    city = mission_city(cohort, "Pécs", [])
    client.force_login(CityMemberFactory(city=city).user)

    response = client.get(_url(city))

    assert response.status_code == 200
    assert response.context["recommendations"] == []
    assert "State your ambitions in your registration" in _html(response)


def test_a_city_not_taking_part_in_the_cohort_is_told_so(client, torino):
    other = MissionCityFactory(name="Sofia", name_en="Sofia")
    client.force_login(CityMemberFactory(city=other).user)

    response = client.get(_url(other))

    assert response.status_code == 200
    assert "Sofia does not take part in Cohort 5" in _html(response)


def test_the_portal_home_links_to_each_city_s_recommendations(client, torino):
    client.force_login(CityMemberFactory(city=torino).user)

    response = client.get(reverse("portal:home"))

    assert f'<a href="{_url(torino)}">Recommended twins for Torino</a>' in _html(response)


def _add_cities(cohort, count, start):
    for n in range(start, start + count):
        city = minded_city(
            cohort,
            f"Minded {n}",
            [
                (f"Housing {n}", "Retrofit of public housing with tenants.", ["built-environment"]),
                (f"Heat {n}", "District heating with EU funds.", ["finance-funding"]),
            ],
            population=100_000 + n,
        )
        PreferenceFactory(
            cohort=cohort, mission_city=cohort.torino, mission_minded_city=city, rank=n
        )
    for _ in range(count):
        other = MissionCityFactory()
        RegistrationFactory(cohort=cohort, city=other, kind=CityKind.MISSION)


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), len(response.context["recommendations"])


def test_the_page_runs_as_many_queries_for_many_cities_as_for_few(client, torino):
    cohort = torino.registrations.get().cohort
    cohort.torino = torino
    client.force_login(CityMemberFactory(city=torino).user)
    _add_cities(cohort, 2, 1)
    few, shown_few = _queries(client, _url(torino))
    _add_cities(cohort, 8, 3)

    many, shown_many = _queries(client, _url(torino))

    assert (shown_few, shown_many) == (3, 11)
    assert many == few


def test_a_mission_minded_city_sees_the_mission_cities_its_practices_answer(client, torino):
    trento = torino.registrations.get().cohort.registrations.get(city__name="Trento").city
    client.force_login(CityMemberFactory(city=trento).user)

    response = client.get(_url(trento))

    assert response.status_code == 200
    assert _headings(response) == ["Torino"]
    assert _reasons(response) == [
        [
            "Your practice “Social housing retrofit” answers their challenge “Renovate our "
            "public housing faster, with tenants on board.” (“housing”, “tenants”)",
            "Shared field of action: Built environment",
            "Same country: Italy",
        ]
    ]
    assert f'href="{reverse("portal:interests", args=[trento.pk])}"' in _html(response)


def test_the_preferences_page_links_to_the_recommendations(client, torino):
    client.force_login(CityMemberFactory(city=torino).user)

    response = client.get(reverse("portal:preferences", args=[torino.pk]))

    assert response.status_code == 200
    assert f'<a href="{_url(torino)}">See recommended twins, with the reasons they fit</a>' in (
        _html(response)
    )
