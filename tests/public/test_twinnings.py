import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.programme.enums import MemberRole, TwinningState

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
