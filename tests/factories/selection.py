import datetime as dt

import factory
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from twinning.cities.enums import CityKind
from twinning.cohorts.enums import MilestoneKind
from twinning.programme.enums import MemberRole
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.models import Interest, Preference

# Hashing a password takes half a second; people signed in with force_login need none.
NO_PASSWORD = "!"


class QuickUserFactory(UserFactory):
    password = NO_PASSWORD


class QuickOrganiserFactory(QuickUserFactory):
    is_organiser = True


class CityMemberFactory(MembershipFactory):
    user = factory.SubFactory(QuickUserFactory)


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    cohort = factory.SubFactory(CohortFactory)
    mission_city = factory.SubFactory(MissionCityFactory)
    mission_minded_city = factory.SubFactory(CityFactory)
    rank = 1
    motivation = "Their district heating is what we need."


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    cohort = factory.SubFactory(CohortFactory)
    mission_minded_city = factory.SubFactory(CityFactory)
    mission_city = factory.SubFactory(MissionCityFactory)


class TwinningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Twinning

    cohort = factory.SubFactory(CohortFactory)


class TwinningMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwinningMember

    twinning = factory.SubFactory(TwinningFactory)
    city = factory.SubFactory(MissionCityFactory)
    role = MemberRole.MISSION


def preferences_window(cohort, *, open_=True):
    """The cohort's PREFERENCES window, open now (or closed a day ago)."""
    now = timezone.now()
    start = now - dt.timedelta(days=5 if open_ else 20)
    end = now + dt.timedelta(days=10) if open_ else now - dt.timedelta(days=1)
    return MilestoneFactory(
        cohort=cohort, kind=MilestoneKind.PREFERENCES, starts_at=start, ends_at=end
    )


def selection_cohort(*, missions=3, minded=3, open_=True, **cohort_fields):
    """A cohort with accepted Mission and Mission-minded cities, each with a coordinator.

    Returns (cohort, mission cities, mission-minded cities).
    """
    cohort = CohortFactory(**cohort_fields)
    preferences_window(cohort, open_=open_)
    mission = [MissionCityFactory(country="IT") for _ in range(missions)]
    mission_minded = [CityFactory(country="FI") for _ in range(minded)]
    for city in mission:
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION)
        CityMemberFactory(city=city)
    for city in mission_minded:
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION_MINDED)
        CityMemberFactory(city=city)
    return cohort, mission, mission_minded


def rank(cohort, mission_city, minded_cities):
    return [
        PreferenceFactory(
            cohort=cohort, mission_city=mission_city, mission_minded_city=city, rank=position
        )
        for position, city in enumerate(minded_cities, start=1)
    ]
