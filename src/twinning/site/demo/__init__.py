"""Demo data: cohort 5 with its real milestones, earlier cohorts, real cities, demo accounts.

Loading is idempotent: running it again updates the same rows.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from twinning.accounts.models import User
from twinning.cities.domain import get_or_create_city, load_mission_cities, read_mission_list
from twinning.cities.enums import CityKind, MembershipRole, RegistrationState
from twinning.cities.models import City, Invitation, Membership, PartnerProject, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone, Webinar
from twinning.common import clock
from twinning.matchmaking.models import MatchmakingDay
from twinning.programme.models import Twinning
from twinning.selection.models import Interest, Preference, SelectionRun
from twinning.site.demo.conversations import load_demo_conversations
from twinning.site.demo.feedback import load_demo_feedback
from twinning.site.demo.lifecycle import load_demo_lifecycle
from twinning.site.demo.matchmaking import load_demo_matchmaking, load_demo_open_matchmaking
from twinning.site.demo.outreach import load_demo_outreach
from twinning.site.demo.plans import load_demo_plans
from twinning.site.demo.practices import load_demo_practices
from twinning.site.demo.programme_page import load_demo_programme_page
from twinning.site.demo.registrations import invite, submitted_at
from twinning.site.demo.selection import (
    load_demo_ranking,
    load_demo_selection,
    load_demo_selection_stage,
)
from twinning.site.demo.visits import load_demo_year
from twinning.themes.domain import ensure_theme_taxonomy

DEMO_PASSWORD = "twinning-demo"
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("organiser@demo.twinning.eu", "Olivia Organiser", "organiser"),
    DemoAccount("facilitator@demo.twinning.eu", "Fabio Facilitator", "facilitator"),
    DemoAccount(
        "mission-city@demo.twinning.eu", "Marta Rossi", "Mission city coordinator (Torino)"
    ),
    DemoAccount(
        "mission-minded@demo.twinning.eu",
        "Miguel Silva",
        "Mission-minded city coordinator (Évora)",
    ),
]

# (acronym, title): Horizon 2020 smart city lighthouse projects whose cities share solutions.
PARTNER_PROJECTS = [
    ("POCITYF", "A Positive Energy CITY Transformation Framework"),
    ("ATELIER", "AmsTErdam BiLbao cItizen drivEn smaRt cities"),
    ("SPARCS", "Sustainable energy Positive & zero cARbon CommunitieS"),
    ("RESPONSE", "Integrated Solutions for Positive Energy and Resilient Cities"),
    ("MAKING-CITY", "Energy efficient pathway for the city transformation"),
    ("CityxChange", "Positive City Exchange"),
    ("MAtchUP", "Maximizing the upscaling and replication potential of urban solutions"),
    ("STARDUST", "Holistic and integrated urban model for smart cities"),
]

# (name, English name, country, partner project): cities that tested solutions in those projects.
MISSION_MINDED_CITIES = [
    ("Évora", "Évora", "PT", "POCITYF"),
    ("Alkmaar", "Alkmaar", "NL", "POCITYF"),
    ("Bilbao", "Bilbao", "ES", "ATELIER"),
    ("Matosinhos", "Matosinhos", "PT", "ATELIER"),
    ("Kladno", "Kladno", "CZ", "SPARCS"),
    ("Kifissia", "Kifissia", "GR", "SPARCS"),
    ("Maia", "Maia", "PT", "SPARCS"),
    ("Brașov", "Brașov", "RO", "RESPONSE"),
    ("Oulu", "Oulu", "FI", "MAKING-CITY"),
    ("Limerick", "Limerick", "IE", "CityxChange"),
    ("Písek", "Písek", "CZ", "CityxChange"),
    ("Smolyan", "Smolyan", "BG", "CityxChange"),
    ("Võru", "Võru", "EE", "CityxChange"),
    ("Oostende", "Ostend", "BE", "MAtchUP"),
    ("Kerava", "Kerava", "FI", "MAtchUP"),
    ("Antalya", "Antalya", "TR", "MAtchUP"),
    ("Pamplona", "Pamplona", "ES", "STARDUST"),
    ("Trento", "Trento", "IT", "STARDUST"),
]

# Mission cities registered in cohort 5 (names as in the Mission list).
COHORT_5_MISSION_CITIES = [
    "Torino", "Košice", "Pécs", "Sønderborg", "İzmir", "Den Haag", "Kraków", "Liepāja",
    "Guimarães", "Ioannina", "Velenje", "Cluj-Napoca", "Lappeenranta", "Kozani", "Reykjavík",
    "Eindhoven & Helmond", "Podgorica", "Dunkerque", "Tauragė", "Gabrovo",
]  # fmt: skip

# Earlier cohorts: (number, name, joint output, Mission cities, Mission-minded cities).
EARLIER_COHORTS = [
    (1, "Cohort 1", "Replication Plan", ["Sofia", "Limassol", "Liberec"], ["Kladno", "Oulu"]),
    (2, "Cohort 2", "Replication Plan", ["Rzeszów", "Gävle", "Kalamata"], ["Limerick", "Maia"]),
    (3, "Cohort 3", "Action Plan", ["Trikala", "Suceava", "Elbasan"], ["Kerava", "Oostende"]),
    (4, "Cohort 4", "Action Plan", ["Kranj", "Sarajevo", "Miskolc", "Pécs"], ["Évora", "Trento"]),
]


def _at(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


COHORT_5_MILESTONES = [
    (
        MilestoneKind.MISSION_MINDED_REGISTRATION,
        "Mission-minded cities register by invitation, with the practices they have tested.",
        _at(2025, 12, 1, 9),
        _at(2026, 1, 30, 17),
    ),
    (
        MilestoneKind.MISSION_REGISTRATION,
        "Mission cities register, state their ambitions and rank their preferred twins.",
        _at(2026, 2, 2, 9),
        _at(2026, 3, 31, 17),
    ),
    (
        MilestoneKind.MATCHMAKING,
        "Matchmaking Days online, and in person at the Cities Mission Conference in Torino "
        "on 28-29 May 2026.",
        _at(2026, 4, 1, 9),
        _at(2026, 5, 29, 18),
    ),
    (
        MilestoneKind.SELECTION,
        "Ten Mission-minded cities are selected and the twinnings confirmed.",
        _at(2026, 6, 1, 9),
        _at(2026, 6, 30, 17),
    ),
    (
        MilestoneKind.PROGRAMME,
        "Online workshops, two city visits and one joint Replication Plan.",
        _at(2026, 9, 1, 9),
        _at(2027, 9, 30, 17),
    ),
]

COHORT_5_WEBINARS = [
    ("Information webinar for Mission-minded cities", _at(2025, 12, 16, 12), _at(2025, 12, 16, 13)),
    ("Information webinar for Mission cities", _at(2026, 1, 15, 13), _at(2026, 1, 15, 14)),
]


@dataclass(frozen=True)
class StageCohort:
    """A cohort whose windows are set around the day the demo is loaded."""

    number: int
    stage: str
    mission: list[str]
    mission_minded: list[str]
    # (kind, first day, last day), in days from the day the demo is loaded
    milestones: list[tuple[str, int, int]]
    # (title, day), in days from the day the demo is loaded; from noon to one in Brussels
    webinars: list[tuple[str, int]] = ()
    # Mission-minded cities invited that did not register.
    invited_only: list[str] = ()


# Two cohorts that are always at the same stage, whenever the demo is loaded, so that
# the screens of matchmaking, ranking and selection are open to the demo accounts;
# cohort 5 keeps its real dates (it is in its programme year). Both are published:
# the public page presents the highest-numbered one, cohort 7, because its Matchmaking
# Days and ranking are open now, which is what the page is for (what is open, what next).
STAGE_COHORTS = [
    StageCohort(
        6,
        "selection",
        ["Torino", "Milano", "Grenoble", "Dresden", "Groningen", "Ljubljana", "Umeå", "Porto"],
        ["Évora", "Matosinhos", "Kifissia", "Brașov", "Písek", "Oostende", "Maia", "Kerava"],
        [
            (MilestoneKind.MISSION_MINDED_REGISTRATION, -190, -160),
            (MilestoneKind.MISSION_REGISTRATION, -155, -120),
            (MilestoneKind.MATCHMAKING, -100, -60),
            (MilestoneKind.PREFERENCES, -95, -40),
            (MilestoneKind.SELECTION, -20, 25),
            (MilestoneKind.PROGRAMME, 45, 410),
        ],
        invited_only=["Bilbao", "Oulu"],
    ),
    StageCohort(
        7,
        "matchmaking",
        ["Torino", "Bologna", "Lyon", "Leuven", "Aarhus", "Zagreb", "Valladolid", "Tampere"],
        ["Évora", "Bilbao", "Oulu", "Kladno", "Alkmaar", "Limerick", "Trento", "Pamplona"],
        [
            (MilestoneKind.MISSION_MINDED_REGISTRATION, -100, -70),
            (MilestoneKind.MISSION_REGISTRATION, -65, -30),
            (MilestoneKind.MATCHMAKING, -10, 20),
            # Closing within a week, so that a city that has not ranked is reminded by mail.
            (MilestoneKind.PREFERENCES, -7, 6),
            (MilestoneKind.SELECTION, 28, 50),
            (MilestoneKind.PROGRAMME, 120, 485),
        ],
        # A webinar still to come, with seats, so that a visitor can take one.
        [("Preparing for the Matchmaking Days: presenting a tested practice", 12)],
        invited_only=["Matosinhos", "Kifissia", "Brașov"],
    ),
]

STAGE_NAMES = {"selection": "demo: selection", "matchmaking": "demo: Matchmaking Days"}


def load_demo(today: dt.date | None = None) -> list[DemoAccount]:
    """Create or update the demo programme; returns the demo accounts.

    `today` (default: today in Brussels) is the day the stage cohorts are set around.
    Another day than today is built under a clock frozen at noon of that day, so
    that every deadline the domain checks while building agrees with the data.
    """
    if today is None or today == clock.localdate(BRUSSELS):
        return _load_demo(clock.localdate(BRUSSELS))
    with clock.frozen_at(dt.datetime.combine(today, dt.time(12), tzinfo=BRUSSELS)):
        return _load_demo(today)


@transaction.atomic
def _load_demo(day: dt.date) -> list[DemoAccount]:
    ensure_theme_taxonomy()
    # Matching the list to GeoNames takes seconds: done once, not at every `make run`.
    if City.objects.filter(is_mission_city=True).count() < len(read_mission_list()):
        load_mission_cities()
    projects = {
        acronym: PartnerProject.objects.update_or_create(
            acronym=acronym,
            defaults={"title": title, "funding_programme": "Horizon 2020", "is_active": True},
        )[0]
        for acronym, title in PARTNER_PROJECTS
    }
    mission_minded = {}
    for name, name_en, country, acronym in MISSION_MINDED_CITIES:
        city = City.objects.filter(name=name, country=country, is_mission_city=False).first()
        if city is None:
            city, _created = get_or_create_city(name, country, name_en=name_en)
        mission_minded[name] = (city, projects[acronym])
    mission = {city.name: city for city in City.objects.filter(is_mission_city=True)}

    cohort5 = _cohort5()
    for index, name in enumerate(COHORT_5_MISSION_CITIES):
        _register(
            cohort5, mission[name], CityKind.MISSION, at=(index, len(COHORT_5_MISSION_CITIES))
        )
    for index, (city, project) in enumerate(mission_minded.values()):
        _register(cohort5, city, CityKind.MISSION_MINDED, project, at=(index, len(mission_minded)))
    for number, cohort_name, output, mission_names, minded_names in EARLIER_COHORTS:
        cohort, _created = Cohort.objects.update_or_create(
            number=number,
            defaults={
                "name": cohort_name,
                "slug": f"cohort-{number}",
                "is_published": True,
                "joint_output_name": output,
            },
        )
        for name in mission_names:
            _register(cohort, mission[name], CityKind.MISSION)
        for name in minded_names:
            _register(cohort, *mission_minded[name][:1], CityKind.MISSION_MINDED)

    # The demo cities' representatives exist before the Matchmaking Days, which list
    # who comes from each city.
    users = {account.email: _account(account) for account in DEMO_ACCOUNTS}
    _member(users["mission-city@demo.twinning.eu"], mission["Torino"])
    _member(users["mission-minded@demo.twinning.eu"], mission_minded["Évora"][0])

    load_demo_outreach()
    load_demo_practices()
    load_demo_selection()
    load_demo_matchmaking()

    organiser = users["organiser@demo.twinning.eu"]
    for spec in STAGE_COHORTS:
        cohort, rebuilt = _stage_cohort(spec, day, mission, mission_minded)
        if not rebuilt:
            continue
        load_demo_practices(cohort)
        if spec.stage == "selection":
            load_demo_selection_stage(cohort, by=organiser)
        else:
            load_demo_ranking(cohort)
            load_demo_open_matchmaking(cohort, day, by=organiser)
    load_demo_plans()
    load_demo_year(day)
    load_demo_conversations(day)
    load_demo_programme_page()
    # Cohort 5's twinnings are active; one is completed and has its certificates.
    load_demo_lifecycle(day)
    # Feedback after the year's first workshop and the Matchmaking Day, some answered.
    load_demo_feedback()
    return DEMO_ACCOUNTS


def _day_at(day: dt.date, offset: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=offset), dt.time(hour), tzinfo=BRUSSELS)


def _stage_cohort(spec: StageCohort, day: dt.date, mission, mission_minded) -> tuple[Cohort, bool]:
    """The stage cohort as of `day`; rebuilt (True) when missing or loaded on another day.

    Loaded again on the same day, it is left as it is, with whatever was tried in it.
    """
    kind, first, _last = spec.milestones[0]
    cohort = Cohort.objects.filter(number=spec.number).first()
    if cohort is not None and (
        cohort.milestones.filter(kind=kind, starts_at=_day_at(day, first, 9)).exists()
    ):
        return cohort, False
    if cohort is not None:
        _clear_cohort(cohort)
    programme = next(m for m in spec.milestones if m[0] == MilestoneKind.PROGRAMME)
    year = (day + dt.timedelta(days=programme[1])).year
    cohort, _created = Cohort.objects.update_or_create(
        number=spec.number,
        defaults={
            "name": f"Cohort {spec.number}, {year}-{year + 1} ({STAGE_NAMES[spec.stage]})",
            "slug": f"cohort-{spec.number}",
            "is_published": True,
            "time_zone": "Europe/Brussels",
            "introduction": (
                "The Twinning Learning Programme pairs Mission cities with Mission-minded "
                "cities that have already tested climate solutions in EU projects. The dates "
                "of this demo cohort are set around the day the demo was loaded."
            ),
            "selection_cap": 5,
            "twins_per_mission_minded": 1,
            "programme_months": 12,
            "joint_output_name": "Action Plan",
        },
    )
    for kind, first, last in spec.milestones:
        Milestone.objects.create(
            cohort=cohort,
            kind=kind,
            starts_at=_day_at(day, first, 9),
            ends_at=_day_at(day, last, 17),
            time_zone="Europe/Brussels",
        )
    for title, offset in spec.webinars:
        Webinar.objects.create(
            cohort=cohort,
            title=title,
            starts_at=_day_at(day, offset, 12),
            ends_at=_day_at(day, offset, 13),
            time_zone="Europe/Brussels",
            capacity=100,
            description="What a good one-page presentation of a practice holds, and how "
            "the meetings of a Matchmaking Day run.",
        )
    for index, name in enumerate(spec.mission):
        _register(cohort, mission[name], CityKind.MISSION, at=(index, len(spec.mission)))
    for index, name in enumerate(spec.mission_minded):
        city, project = mission_minded[name]
        _register(
            cohort, city, CityKind.MISSION_MINDED, project, at=(index, len(spec.mission_minded))
        )
    for name in spec.invited_only:
        invite(cohort, None, mission_minded[name][0])
    return cohort, True


def _clear_cohort(cohort: Cohort) -> None:
    """Delete what a stage cohort holds, in the order its protected references need."""
    Twinning.objects.filter(cohort=cohort).delete()
    MatchmakingDay.objects.filter(cohort=cohort).delete()
    SelectionRun.objects.filter(cohort=cohort).delete()
    Preference.objects.filter(cohort=cohort).delete()
    Interest.objects.filter(cohort=cohort).delete()
    Invitation.objects.filter(cohort=cohort).delete()
    Registration.objects.filter(cohort=cohort).delete()
    cohort.milestones.all().delete()
    cohort.webinars.all().delete()


def _cohort5() -> Cohort:
    cohort, _created = Cohort.objects.update_or_create(
        number=5,
        defaults={
            "name": "Cohort 5, 2026-2027",
            "slug": "cohort-5",
            "is_published": True,
            "time_zone": "Europe/Brussels",
            "introduction": (
                "The Twinning Learning Programme pairs Mission cities with Mission-minded "
                "cities that have already tested climate solutions in EU projects. Over a "
                "year, twinned cities learn from each other in online workshops and city "
                "visits, and write a joint Replication Plan that feeds the Mission city's "
                "Climate City Contract."
            ),
            "whats_new": (
                "Matchmaking Days now take place online and in person, at the Cities Mission "
                "Conference in Torino (28-29 May 2026). Mission cities rank their preferred "
                "twins, and a Mission-minded city may twin with up to two Mission cities."
            ),
            "selection_cap": 10,
            "twins_per_mission_minded": 2,
            "programme_months": 12,
            "joint_output_name": "Replication Plan",
            "visits_per_twinning": 2,
            "visit_budget_per_representative": "900.00",
            "representatives_covered": 2,
        },
    )
    for kind, description, starts_at, ends_at in COHORT_5_MILESTONES:
        Milestone.objects.update_or_create(
            cohort=cohort,
            kind=kind,
            defaults={
                "description": description,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "time_zone": "Europe/Brussels",
            },
        )
    for title, starts_at, ends_at in COHORT_5_WEBINARS:
        Webinar.objects.update_or_create(
            cohort=cohort,
            title=title,
            defaults={
                "starts_at": starts_at,
                "ends_at": ends_at,
                "time_zone": "Europe/Brussels",
                "capacity": 150,
                "description": "How the programme works, who can join and how to register.",
            },
        )
    return cohort


def _register(cohort, city, kind, project=None, *, at=(0, 1)) -> Registration:
    """The city's accepted registration, submitted as the `at[0]`-th of `at[1]` of its kind;
    a Mission-minded city's with the invitation it registered through."""
    registration, _created = Registration.objects.update_or_create(
        cohort=cohort,
        city=city,
        defaults={
            "kind": kind,
            "state": RegistrationState.ACCEPTED,
            "submitted_at": submitted_at(cohort, kind, *at),
        },
    )
    if project is not None:
        registration.partner_projects.add(project)
    if kind == CityKind.MISSION_MINDED:
        invite(cohort, registration, city)
    return registration


def _account(account: DemoAccount) -> User:
    user, _created = User.objects.update_or_create(
        email=account.email,
        defaults={
            "name": account.name,
            "is_organiser": account.role == "organiser",
            "is_facilitator": account.role == "facilitator",
            "time_zone": "Europe/Brussels",
        },
    )
    if _created:  # hashing takes a second, and a new salt would change the row each time
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user


def _member(user, city) -> None:
    Membership.objects.update_or_create(
        user=user, city=city, defaults={"role": MembershipRole.COORDINATOR}
    )
