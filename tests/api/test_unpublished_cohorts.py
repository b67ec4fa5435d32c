"""An unpublished cohort never shows in the public API, even when its slug is asked for."""

import pytest
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory, MilestoneFactory, RegistrationFactory
from tests.factories.practices import PracticeFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.programme.enums import MemberRole, TwinningState

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden():
    return CohortFactory(number=6, slug="cohort-6", is_published=False)


def _ids(response):
    return [item["id"] for item in response.json()["results"]]


def test_cohorts_never_answer_an_unpublished_cohort(api, hidden):
    listed = api.get("/api/v1/cohorts/")
    one = api.get(f"/api/v1/cohorts/{hidden.pk}/")

    assert (listed.status_code, _ids(listed)) == (200, [])
    assert one.status_code == 404


def test_milestones_of_an_unpublished_cohort_asked_by_slug_are_empty(api, hidden):
    milestone = MilestoneFactory(cohort=hidden)

    listed = api.get("/api/v1/milestones/", {"cohort": hidden.slug})
    one = api.get(f"/api/v1/milestones/{milestone.pk}/")

    assert (listed.status_code, _ids(listed)) == (200, [])
    assert one.status_code == 404


def test_practices_of_an_unpublished_cohort_asked_by_slug_are_empty(api, hidden):
    practice = PracticeFactory(registration=RegistrationFactory(cohort=hidden))

    listed = api.get("/api/v1/practices/", {"cohort": hidden.slug})
    one = api.get(f"/api/v1/practices/{practice.pk}/")

    assert (listed.status_code, _ids(listed)) == (200, [])
    assert one.status_code == 404


def test_a_city_only_in_an_unpublished_cohort_is_not_public(api, hidden):
    city = CityFactory()
    RegistrationFactory(cohort=hidden, city=city)

    listed = api.get("/api/v1/cities/")
    one = api.get(f"/api/v1/cities/{city.pk}/")

    assert (listed.status_code, _ids(listed)) == (200, [])
    assert one.status_code == 404


def test_twinnings_of_an_unpublished_cohort_asked_by_slug_are_empty(api, hidden):
    twinning = TwinningFactory(
        cohort=hidden, state=TwinningState.ACCEPTED, published_at=timezone.now()
    )
    TwinningMemberFactory(twinning=twinning)
    TwinningMemberFactory(twinning=twinning, city=CityFactory(), role=MemberRole.MISSION_MINDED)

    listed = api.get("/api/v1/twinnings/", {"cohort": hidden.slug})
    one = api.get(f"/api/v1/twinnings/{twinning.pk}/")

    assert (listed.status_code, _ids(listed)) == (200, [])
    assert one.status_code == 404
