"""The demo, loaded today and a year ahead, answers every page of every role.

A year ahead is 00:30 UTC on the night Brussels leaves summer time, so the crawl
runs across the change. Every page reached by following links from the start
pages is visited (a few of each kind), as a visitor and as each demo account.
"""

import pytest
from django.utils import timezone

from tests.shifted_clock import a_year_ahead
from tests.site.crawl import DEMO_EMAILS, client_for, crawl, loaded_demo

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

ROLES = {"visitor": None, **DEMO_EMAILS}
# Pages each role must reach by following links, so that a crawl stopped short fails.
REACHED = {
    "visitor": {"public:home", "public:practices", "public:practice", "public:city"},
    "organiser": {
        "orga:home",
        "orga:dashboard",
        "orga:year_progress",
        "orga:selection_runs",
        "portal:plan",
    },
    "facilitator": {"orga:home", "portal:workspace", "portal:plan"},
    "mission city": {"portal:home", "portal:preferences", "portal:matchmaking_city"},
    "mission-minded city": {"portal:home", "portal:workspace", "portal:twinning_answer"},
}


@pytest.fixture(scope="module", params=["today", "a year ahead"])
def demo(request, django_db_setup, django_db_blocker):
    at = a_year_ahead(timezone.now()) if request.param == "a year ahead" else None
    with loaded_demo(django_db_blocker, at=at):
        yield request.param


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_demo_answers_without_a_server_error(demo, role):
    result = crawl(client_for(ROLES[role]))

    assert result.server_errors() == {}
    assert [url for url, status in result.statuses.items() if status == 404] == []
    assert REACHED[role] - result.kinds == set()
