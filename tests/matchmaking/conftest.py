from dataclasses import dataclass

import pytest

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import ParticipationFactory, matchmaking_day
from twinning.cities.enums import CityKind


@dataclass
class Setting:
    day: object
    mission: object
    minded: object
    mission_user: object
    minded_user: object
    mission_part: object
    minded_part: object


@pytest.fixture
def setting(db):
    """A day with a Mission city and a Mission-minded city registered, one person each."""
    cohort = CohortFactory()
    mission = MissionCityFactory(name="Torino", name_en="Turin")
    minded = CityFactory(name="Évora", name_en="Évora")
    RegistrationFactory(cohort=cohort, city=mission, kind=CityKind.MISSION)
    RegistrationFactory(cohort=cohort, city=minded, kind=CityKind.MISSION_MINDED)
    mission_user = UserFactory(email="marta@example.org", name="Marta Rossi")
    minded_user = UserFactory(email="joao@example.org", name="João Silva")
    MembershipFactory(user=mission_user, city=mission)
    MembershipFactory(user=minded_user, city=minded)
    day = matchmaking_day(cohort, request_cap=2)
    mission_part = ParticipationFactory(day=day, city=mission, kind=CityKind.MISSION)
    mission_part.attendees.set([mission_user])
    minded_part = ParticipationFactory(day=day, city=minded, kind=CityKind.MISSION_MINDED)
    minded_part.attendees.set([minded_user])
    return Setting(day, mission, minded, mission_user, minded_user, mission_part, minded_part)
