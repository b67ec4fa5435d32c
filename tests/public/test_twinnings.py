import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.common.maps import project
from twinning.programme.enums import Acceptance, MemberRole, TwinningState

pytestmark = pytest.mark.django_db


def _published(cohort, count):
    for _ in range(count):
        twinning = TwinningFactory(
            cohort=cohort, state=TwinningState.ACCEPTED, published_at=timezone.now()
        )
        TwinningMemberFactory(twinning=twinning)
        TwinningMemberFactory(twinning=twinning, city=CityFactory(), role=MemberRole.MISSION_MINDED)


def _queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("public:twinnings"), params or {})
    assert response.status_code == 200
    return len(queries)


def test_twinnings_page_shows_the_current_cohort_by_default_and_a_chosen_earlier_one(client):
    earlier = CohortFactory(number=5, is_published=True)
    current = CohortFactory(number=6, is_published=True)
    hidden = CohortFactory(number=7, is_published=False)
    _published(earlier, 2)

    default = client.get(reverse("public:twinnings"))
    chosen = client.get(reverse("public:twinnings"), {"cohort": earlier.slug})
    unpublished = client.get(reverse("public:twinnings"), {"cohort": hidden.slug})

    assert (default.context["cohort"], len(default.context["twinnings"])) == (current, 0)
    assert (chosen.context["cohort"], len(chosen.context["twinnings"])) == (earlier, 2)
    assert unpublished.context["cohort"] == current
    assert default.context["cohorts"] == [current, earlier]


def test_twinnings_page_queries_do_not_grow_with_the_twinnings(client):
    cohort = CohortFactory(number=5, is_published=True)
    _published(cohort, 1)
    few = _queries(client)

    _published(cohort, 6)

    assert _queries(client) == few


def test_twinnings_page_maps_the_twinned_cities_with_a_line_per_pair(client):
    cohort = CohortFactory(number=5, is_published=True)
    torino = CityFactory(name="Torino", name_en="Torino", latitude=45.07, longitude=7.69)
    evora = CityFactory(name="Évora", name_en="Évora", country="PT", latitude=38.57, longitude=-7.9)
    porto = CityFactory(
        name="Porto", name_en="Porto", country="PT", latitude=41.15, longitude=-8.61
    )
    twinning = TwinningFactory(
        cohort=cohort, state=TwinningState.ACTIVE, published_at=timezone.now()
    )
    TwinningMemberFactory(twinning=twinning, city=torino)
    TwinningMemberFactory(twinning=twinning, city=evora, role=MemberRole.MISSION_MINDED)
    TwinningMemberFactory(
        twinning=twinning, city=porto, role=MemberRole.MISSION, acceptance=Acceptance.DECLINED
    )

    html = client.get(reverse("public:twinnings")).content.decode()

    assert re.findall(
        r'<(circle|path) class="map-city map-(\w+)"[^>]*><title>(.*?)</title>', html
    ) == [
        ("circle", "mission", "Torino, Italy"),
        ("path", "mission_minded", "Évora, Portugal"),
    ]
    x1, y1 = project(45.07, 7.69)
    x2, y2 = project(38.57, -7.9)
    assert re.findall(r"<line x1=[^>]*/>", html) == [
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>'
    ]
    assert html.count('<path d="M') > 40


def test_twinnings_page_without_twinnings_has_no_map(client):
    CohortFactory(number=5, is_published=True)

    html = client.get(reverse("public:twinnings")).content.decode()

    assert "The twinnings are announced here once they are confirmed." in html
    assert "<svg" not in html
