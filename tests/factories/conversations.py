"""Cities that write to each other, and a twinning with its conversation."""

from dataclasses import dataclass

from tests.factories import CityFactory, MissionCityFactory
from tests.factories.selection import (
    CityMemberFactory,
    QuickUserFactory,
    TwinningFactory,
    TwinningMemberFactory,
)
from twinning.programme.enums import MemberRole, TwinningState


@dataclass
class Pair:
    torino: object
    evora: object
    marta: object  # represents Torino
    joana: object  # represents Évora
    twinning: object
    facilitator: object


def twinned_pair() -> Pair:
    torino = MissionCityFactory(name="Torino", name_en="Turin")
    evora = CityFactory(name="Évora", name_en="Évora")
    marta = CityMemberFactory(city=torino, user__name="Marta Rossi").user
    joana = CityMemberFactory(city=evora, user__name="Joana Silva").user
    facilitator = QuickUserFactory(name="Fabio Facilitator", is_facilitator=True)
    twinning = TwinningFactory(state=TwinningState.ACTIVE, facilitator=facilitator)
    TwinningMemberFactory(twinning=twinning, city=torino, role=MemberRole.MISSION)
    TwinningMemberFactory(twinning=twinning, city=evora, role=MemberRole.MISSION_MINDED)
    return Pair(torino, evora, marta, joana, twinning, facilitator)
