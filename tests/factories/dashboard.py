"""A cohort whose every figure is known, for the dashboard and the cohort report."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory, MissionCityFactory, RegistrationFactory
from tests.factories.matchmaking import MeetingRequestFactory, ParticipationFactory, matchmaking_day
from tests.factories.practices import InvitationFactory, PracticeFactory
from tests.factories.selection import (
    PreferenceFactory,
    QuickUserFactory,
    TwinningFactory,
    TwinningMemberFactory,
)
from tests.factories.year import claim_for, visit_to
from twinning.cities.domain.registration import set_registration_state
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition
from twinning.cohorts.models import Cohort
from twinning.matchmaking.models import Meeting
from twinning.plans.domain import create_plan
from twinning.practices.enums import PracticeState
from twinning.programme.domain import withdraw_twinning
from twinning.programme.enums import Acceptance, MemberRole, TwinningState
from twinning.selection.models import Preference
from twinning.themes.domain import ensure_theme_taxonomy
from twinning.themes.models import Theme
from twinning.visits.enums import VisitState

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
MISSION, MINDED = CityKind.MISSION, CityKind.MISSION_MINDED


def _at(year, month, day):
    return dt.datetime(year, month, day, 10, tzinfo=BRUSSELS)


@dataclass
class KnownCohort:
    cohort: object
    earlier: object
    cities: dict
    twinnings: dict
    day: object
    visit: object


def _twinning(cohort, state, members, *, confirmed=True):
    twinning = TwinningFactory(
        cohort=cohort, state=state, confirmed_at=timezone.now() if confirmed else None
    )
    for city, role, acceptance in members:
        TwinningMemberFactory(twinning=twinning, city=city, role=role, acceptance=acceptance)
    return twinning


def known_cohort() -> KnownCohort:
    """Cohort 5 with Mission cities M1-M4 and Mission-minded cities A-F; an earlier cohort 4.

    M4 withdrew its accepted registration; C never submitted; D was returned; E rejected.
    T1 (A, M1) is active, T2 (B, M2) was withdrawn once accepted, T3 (F, M3) is completed.
    """
    ensure_theme_taxonomy()
    earlier = CohortFactory(number=4)
    cohort = CohortFactory(number=5, time_zone="Europe/Brussels")
    cities = {
        "M1": MissionCityFactory(name="Torino", name_en="Torino", country="IT"),
        "M2": MissionCityFactory(name="Košice", name_en="Košice", country="SK"),
        "M3": MissionCityFactory(name="Pécs", name_en="Pécs", country="IT"),
        "M4": MissionCityFactory(name="Sønderborg", name_en="Sønderborg", country="DK"),
        "A": CityFactory(name="Évora", name_en="Évora", country="PT"),
        "B": CityFactory(name="Oulu", name_en="Oulu", country="FI"),
        "C": CityFactory(name="Bilbao", name_en="Bilbao", country="ES"),
        "D": CityFactory(name="Porto", name_en="Porto", country="PT"),
        "E": CityFactory(name="Tartu", name_en="Tartu", country="EE"),
        "F": CityFactory(name="Kerava", name_en="Kerava", country="FI"),
        "G": CityFactory(name="Graz", name_en="Graz", country="AT"),
        "H": CityFactory(name="Bergen", name_en="Bergen", country="NO"),
    }
    c = cities
    for name in ("A", "A", "B", "C", "D"):
        InvitationFactory(cohort=cohort, city=c[name])
    registrations = {}
    for name, kind, state, submitted in [
        ("M1", MISSION, RegistrationState.ACCEPTED, _at(2026, 2, 3)),
        ("M2", MISSION, RegistrationState.ACCEPTED, _at(2026, 2, 4)),
        ("M3", MISSION, RegistrationState.ACCEPTED, _at(2026, 2, 17)),
        ("M4", MISSION, RegistrationState.ACCEPTED, _at(2026, 2, 3)),
        ("A", MINDED, RegistrationState.ACCEPTED, _at(2025, 12, 10)),
        ("B", MINDED, RegistrationState.ACCEPTED, _at(2025, 12, 11)),
        ("C", MINDED, RegistrationState.DRAFT, None),
        ("D", MINDED, RegistrationState.RETURNED, _at(2025, 12, 12)),
        ("E", MINDED, RegistrationState.REJECTED, _at(2025, 12, 12)),
        ("F", MINDED, RegistrationState.ACCEPTED, _at(2025, 12, 10)),
    ]:
        registrations[name] = RegistrationFactory(
            cohort=cohort, city=c[name], kind=kind, state=state, submitted_at=submitted
        )
    set_registration_state(registrations["M4"], RegistrationState.WITHDRAWN, by=None)
    RegistrationFactory(cohort=earlier, city=c["M3"], kind=MISSION)
    RegistrationFactory(cohort=earlier, city=c["G"], kind=MINDED)
    _twinning(earlier, TwinningState.COMPLETED, [(c["H"], MemberRole.MISSION_MINDED, "accepted")])

    PracticeFactory(registration=registrations["A"], themes=["energy-systems", "finance-funding"])
    PracticeFactory(registration=registrations["B"], themes=["energy-systems"])
    PracticeFactory(
        registration=registrations["F"],
        state=PracticeState.DRAFT,
        published_at=None,
        themes=["mobility-transport"],
    )
    for name, code in (("M1", "energy-systems"), ("M2", "mobility-transport")):
        Ambition.objects.create(
            registration=registrations[name], theme=Theme.objects.get(code=code), text="More."
        )

    day = matchmaking_day(cohort, name="Matchmaking Day in Torino")
    for name, kind in (("M1", MISSION), ("M2", MISSION), ("A", MINDED), ("B", MINDED)):
        ParticipationFactory(day=day, city=c[name], kind=kind)
    slot = day.slots.first()
    for sender, receiver, state in (
        ("M1", "A", "accepted"),
        ("M2", "B", "accepted"),
        ("A", "M2", "declined"),
        ("B", "M1", "pending"),
    ):
        request = MeetingRequestFactory(
            day=day, from_city=c[sender], to_city=c[receiver], state=state
        )
        if state == "accepted":
            published = sender == "M1"
            Meeting.objects.create(
                request=request,
                day=day,
                published_slot=slot if published else None,
                attended=True if published else None,
            )
    PreferenceFactory(cohort=cohort, mission_city=c["M1"], mission_minded_city=c["A"], rank=1)
    PreferenceFactory(cohort=cohort, mission_city=c["M1"], mission_minded_city=c["B"], rank=2)
    PreferenceFactory(cohort=cohort, mission_city=c["M2"], mission_minded_city=c["A"], rank=1)

    yes = Acceptance.ACCEPTED
    t1 = _twinning(
        cohort,
        TwinningState.ACTIVE,
        [(c["A"], MemberRole.MISSION_MINDED, yes), (c["M1"], MemberRole.MISSION, yes)],
    )
    t2 = _twinning(
        cohort,
        TwinningState.ACCEPTED,
        [(c["B"], MemberRole.MISSION_MINDED, yes), (c["M2"], MemberRole.MISSION, yes)],
    )
    withdraw_twinning(t2, by=None, reason="The Mission city lost its team.")
    t3 = _twinning(
        cohort,
        TwinningState.COMPLETED,
        [(c["F"], MemberRole.MISSION_MINDED, yes), (c["M3"], MemberRole.MISSION, yes)],
    )
    traveller = QuickUserFactory()
    visit_to(t1, c["A"], [], state=VisitState.PLANNED)
    done = visit_to(t1, c["M1"], [], state=VisitState.DONE, days_ago=30)
    visit_to(t3, c["F"], [], state=VisitState.APPROVED)
    for amount, state in (
        ("300.00", "approved"),
        ("200.00", "paid"),
        ("150.00", "submitted"),
        ("100.00", "rejected"),
    ):
        claim_for(done, traveller, amount, state=state, with_receipt=False)
    create_plan(t1)

    return KnownCohort(cohort, earlier, cities, {"T1": t1, "T2": t2, "T3": t3}, day, done)


def add_cities(known: KnownCohort, count: int) -> None:
    """`count` more Mission-minded cities in every list of the dashboard, for query counts:
    invited, registered in both cohorts, with a practice, at the day, ranked, twinned,
    travelling; and a further cohort each time."""
    ensure_theme_taxonomy()
    t1 = known.twinnings["T1"]
    mission = known.cities["M1"]
    traveller = QuickUserFactory()
    # A number after every cohort there is, whatever the factory's sequence has reached.
    CohortFactory(number=Cohort.objects.aggregate(last=Max("number"))["last"] + 1)
    ranked = Preference.objects.filter(cohort=known.cohort, mission_city=mission).count()
    for number in range(count):
        city = CityFactory(country="SE" if number % 2 else "NO")
        InvitationFactory(cohort=known.cohort, city=city)
        registration = RegistrationFactory(
            cohort=known.cohort, city=city, kind=MINDED, submitted_at=_at(2025, 12, 20)
        )
        RegistrationFactory(cohort=known.earlier, city=city, kind=MINDED)
        PracticeFactory(registration=registration, themes=["energy-systems", "governance-policy"])
        ParticipationFactory(day=known.day, city=city, kind=MINDED)
        request = MeetingRequestFactory(
            day=known.day, from_city=mission, to_city=city, state="accepted"
        )
        Meeting.objects.create(request=request, day=known.day, attended=True)
        PreferenceFactory(
            cohort=known.cohort,
            mission_city=mission,
            mission_minded_city=city,
            rank=ranked + number + 1,
        )
        TwinningMemberFactory(
            twinning=t1, city=city, role=MemberRole.MISSION_MINDED, acceptance=Acceptance.ACCEPTED
        )
        claim_for(known.visit, traveller, f"{number + 1}.00", with_receipt=False)
        visit_to(t1, city, [], state=VisitState.CANCELLED)
