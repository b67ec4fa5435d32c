import datetime as dt

import factory

from tests.factories import CityFactory, CohortFactory, MissionCityFactory
from tests.factories.selection import (
    CityMemberFactory,
    QuickUserFactory,
    TwinningFactory,
    TwinningMemberFactory,
)
from twinning.plans.domain import create_plan
from twinning.plans.models import PlanAction
from twinning.programme.enums import MemberRole, TwinningState
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme


class FacilitatorFactory(QuickUserFactory):
    is_facilitator = True


def planning_twinning(*, cohort=None, facilitator=None):
    """An accepted twinning of a Mission city and a Mission-minded city, each with one
    representative, and a facilitator; returns (twinning, mission person, minded person)."""
    cohort = cohort or CohortFactory(joint_output_name="Replication Plan")
    twinning = TwinningFactory(
        cohort=cohort,
        state=TwinningState.ACCEPTED,
        facilitator=facilitator or FacilitatorFactory(),
    )
    mission = TwinningMemberFactory(twinning=twinning, city=MissionCityFactory())
    minded = TwinningMemberFactory(
        twinning=twinning, city=CityFactory(country="PT"), role=MemberRole.MISSION_MINDED
    )
    return (
        twinning,
        CityMemberFactory(city=mission.city).user,
        CityMemberFactory(city=minded.city).user,
    )


def plan_of(twinning):
    return create_plan(twinning)


def theme(kind: str) -> Theme:
    code = "energy-systems" if kind == ThemeKind.FIELD_OF_ACTION else "finance-funding"
    return Theme.objects.get_or_create(code=code, defaults={"kind": kind, "name": code})[0]


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    title = factory.Sequence(lambda n: f"Solar roofs on school {n}")
    field_of_action = factory.LazyFunction(lambda: theme(ThemeKind.FIELD_OF_ACTION))
    lever = factory.LazyFunction(lambda: theme(ThemeKind.LEVER))
    responsible_bodies = "Energy department"
    stakeholders = "Schools, energy community"
    starts_on = dt.date(2027, 1, 1)
    ends_on = dt.date(2028, 6, 30)
    cost_eur = 250000
    emission_reduction = "120.5"
