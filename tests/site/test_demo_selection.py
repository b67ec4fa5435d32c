import pytest

from tests.factories import CityFactory, CohortFactory, MissionCityFactory, RegistrationFactory
from twinning.cities.enums import CityKind
from twinning.programme.domain.queries import published_twinnings
from twinning.programme.enums import MemberRole, TwinningState
from twinning.selection.models import Preference, SelectionRun
from twinning.site.demo.selection import DEMO_PREFERENCES, load_demo_selection

pytestmark = pytest.mark.django_db


def test_demo_has_cohort_5_preferences_and_a_confirmed_run_with_published_twinnings():
    cohort = CohortFactory(number=5, twins_per_mission_minded=2)
    minded = {name for ranking in DEMO_PREFERENCES.values() for name, _text in ranking}
    for name in DEMO_PREFERENCES:
        RegistrationFactory(
            cohort=cohort, city=MissionCityFactory(name=name), kind=CityKind.MISSION
        )
    for name in sorted(minded):
        RegistrationFactory(
            cohort=cohort, city=CityFactory(name=name), kind=CityKind.MISSION_MINDED
        )

    load_demo_selection()
    load_demo_selection()  # a second load changes nothing

    run = SelectionRun.objects.get()
    twinnings = published_twinnings(cohort)
    assert run.confirmed_at is not None
    assert Preference.objects.filter(cohort=cohort).count() == 13
    assert run.matched == 5
    assert sum(1 for t in twinnings for m in t.members.all() if m.role == MemberRole.MISSION) == 5
    assert {t.state for t in twinnings} == {TwinningState.ACCEPTED}
