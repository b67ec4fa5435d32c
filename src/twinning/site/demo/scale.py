"""A synthetic programme at scale, next to the demo: for load tests and query-count tests.

`load_scale(10_000)` adds 10,000 published practices (texts of 200 to 800 words)
of about 2,000 invented cities in 30 countries, their registrations in the demo's
cohorts, partner projects and twinnings. Rows are written in bulk, in the states
the domain functions would leave them in: practices are published only in
accepted registrations and carry at least one field of action, published and
submission dates follow the cohort's windows, a twinning's cities have all
accepted it. On PostgreSQL the database's triggers fill the search vectors.

The invented cities' addresses end in "-synthetic", which is how a second load
finds and replaces them. Loading again with the same size changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from twinning.cities.enums import AuthorityType, CityKind, RegistrationState
from twinning.cities.models import City, PartnerProject, Registration
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.practices.enums import UNKNOWN_LANGUAGE, PracticeStage, PracticeState, ResultKind
from twinning.practices.models import Practice, PracticeResult
from twinning.programme.enums import Acceptance, MemberRole, TwinningState
from twinning.programme.models import Twinning, TwinningMember
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme

SUFFIX = "-synthetic"
BATCH = 1000

# (code, latitude, longitude): a middle point of each country; cities are spread around it.
COUNTRIES = [
    ("AT", 47.6, 14.1), ("BE", 50.6, 4.6), ("BG", 42.7, 25.3), ("HR", 45.3, 16.0),
    ("CZ", 49.8, 15.5), ("DK", 56.0, 9.5), ("EE", 58.7, 25.5), ("FI", 62.5, 25.8),
    ("FR", 46.6, 2.4), ("DE", 51.1, 10.4), ("GR", 39.3, 22.0), ("HU", 47.2, 19.4),
    ("IE", 53.2, -8.0), ("IT", 42.8, 12.6), ("LV", 56.9, 24.6), ("LT", 55.3, 23.9),
    ("NL", 52.2, 5.5), ("PL", 52.0, 19.1), ("PT", 39.6, -8.0), ("RO", 45.9, 24.9),
    ("SK", 48.7, 19.6), ("SI", 46.1, 14.8), ("ES", 40.2, -3.6), ("SE", 60.1, 15.6),
    ("NO", 61.0, 9.5), ("CH", 46.8, 8.2), ("RS", 44.0, 20.9), ("TR", 39.0, 32.0),
    ("UA", 49.0, 31.4), ("GB", 52.8, -1.6),
]  # fmt: skip

SYLLABLES = [
    "ber", "va", "lo", "mar", "sen", "ti", "ko", "dra", "nel", "ru", "sa", "gor", "li",
    "an", "te", "bur", "vik", "zo", "pa", "mi", "ost", "len", "ca", "del", "ri", "hav",
]  # fmt: skip

PROJECT_WORDS = [
    "GREEN", "CLIMA", "URBAN", "SMART", "RENEW", "CIRCULAR", "MOBI", "HEAT", "BLUE",
    "AIR", "SOLAR", "WATER", "NATURE", "ZERO", "POSITIVE", "COOL",
]  # fmt: skip

# Sentences with slots; filled from the lists below they read like a city's report.
SENTENCES = [
    "The city tested {topic} in {place} together with {partner}.",
    "In the first year, {topic} reached {number} households and cut {metric} by "
    "{percent} per cent.",
    "Residents were invited to workshops where they discussed {topic} and proposed "
    "changes to {place}.",
    "The municipal team learned that {lesson}.",
    "Funding came from {funding}, with a contribution from the municipal budget.",
    "A monitoring plan follows {metric} every month and publishes the data openly.",
    "{partner} ran the procurement, which took longer than planned because {lesson}.",
    "The pilot in {place} is now being extended to three more districts.",
    "Energy use in the buildings concerned fell after the retrofit, and comfort improved "
    "in winter and in summer.",
    "Local businesses joined the scheme once the first results of {topic} were visible.",
    "The council adopted {topic} as part of its climate action plan for the next decade.",
    "Schools took part with lessons on climate, mobility and the energy transition.",
]

TOPICS = [
    "heat pumps in social housing", "a district heating network fed by waste heat",
    "solar panels on school roofs", "a neighbourhood battery", "protected cycling lanes",
    "electric buses on the busiest lines", "a low-emission zone", "green roofs",
    "tree planting in paved streets", "rainwater gardens against flooding",
    "a repair café and reuse centre", "separate collection of organic waste",
    "deep renovation of public buildings", "an energy community", "car-free school streets",
    "shared electric cars", "smart street lighting", "a one-stop shop for home renovation",
    "biogas from wastewater", "nature-based cooling of squares", "a circular construction hub",
    "on-demand public transport", "a local food strategy", "energy advice for residents",
]  # fmt: skip

PLACES = [
    "the historic centre", "a former industrial area", "the harbour district",
    "a large housing estate", "the university campus", "the old town", "a new neighbourhood",
    "the business park", "the riverside", "the market square",
]  # fmt: skip

PARTNERS = [
    "the municipal utility", "a housing cooperative", "the regional energy agency",
    "a local university", "the public transport operator", "a citizens' association",
    "the grid operator", "a social enterprise",
]  # fmt: skip

LESSONS = [
    "contracts between partners take longer than the technology",
    "residents trust neighbours more than brochures",
    "data from the first months convinced the council",
    "the permits needed early talks with the heritage office",
    "maintenance must be planned from the start",
    "small visible results keep people engaged",
]  # fmt: skip

FUNDING = [
    "Horizon 2020", "Horizon Europe", "the European Regional Development Fund",
    "the LIFE programme", "a national climate fund", "a green bond",
]  # fmt: skip

METRICS = ["energy use", "CO2 emissions", "car traffic", "heat in summer", "waste", "costs"]

# A word rare enough for a search with few answers (about one practice in 200).
RARE_TOPIC = "agrivoltaic panels over community gardens"


@dataclass(frozen=True)
class ScaleSummary:
    cities: int
    registrations: int
    practices: int
    twinnings: int


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def _sentence(rng: random.Random, topic: str) -> str:
    return rng.choice(SENTENCES).format(
        topic=topic,
        place=rng.choice(PLACES),
        partner=rng.choice(PARTNERS),
        lesson=rng.choice(LESSONS),
        funding=rng.choice(FUNDING),
        metric=rng.choice(METRICS),
        number=rng.randint(50, 5000),
        percent=rng.randint(5, 40),
    )


def _description(rng: random.Random, topic: str) -> str:
    """Paragraphs of 200 to 800 words in all."""
    words, paragraphs = rng.randint(200, 800), []
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(" ".join(_sentence(rng, topic) for _ in range(rng.randint(3, 6))))
    return "\n\n".join(paragraphs)


def _clear() -> None:
    """Remove a previous synthetic load, in the order its protected references need."""
    cities = City.objects.filter(slug__endswith=SUFFIX)
    Twinning.objects.filter(members__city__in=cities).delete()
    practices = Practice.objects.filter(registration__city__in=cities)
    PracticeResult.objects.filter(practice__in=practices).delete()
    Practice.fields_of_action.through.objects.filter(practice__in=practices).delete()
    Practice.levers.through.objects.filter(practice__in=practices).delete()
    practices.delete()
    Registration.partner_projects.through.objects.filter(registration__city__in=cities).delete()
    Registration.objects.filter(city__in=cities).delete()
    cities.delete()
    PartnerProject.objects.filter(acronym__endswith=SUFFIX.upper()).delete()


@transaction.atomic
def load_scale(practices: int, *, seed: int = 2026) -> ScaleSummary:
    """Add `practices` published practices and the cities, registrations and twinnings
    around them (one city for five practices, in 30 countries) to the loaded demo."""
    cohorts = list(Cohort.objects.filter(number__in=[5, 6, 7]).order_by("number"))
    if not cohorts:
        raise ValueError("Load the demo first: the synthetic cities register in its cohorts.")
    existing = Practice.objects.filter(
        registration__city__slug__endswith=SUFFIX, state=PracticeState.PUBLISHED
    ).count()
    if existing == practices:
        return _summary()
    _clear()
    rng = random.Random(seed)
    now = clock.now()
    projects = _projects(rng)
    cities = _cities(rng, max(practices // 5, 10))
    registrations = _registrations(rng, cohorts, cities, projects)
    _practices(rng, practices, registrations, now)
    _twinnings(rng, cohorts, registrations, now)
    return _summary()


def _summary() -> ScaleSummary:
    cities = City.objects.filter(slug__endswith=SUFFIX)
    return ScaleSummary(
        cities=cities.count(),
        registrations=Registration.objects.filter(city__in=cities).count(),
        practices=Practice.objects.filter(
            registration__city__in=cities, state=PracticeState.PUBLISHED
        ).count(),
        twinnings=Twinning.objects.filter(members__city__in=cities).distinct().count(),
    )


def _projects(rng: random.Random) -> list[PartnerProject]:
    acronyms = sorted({f"{rng.choice(PROJECT_WORDS)}{rng.randint(2, 99)}" for _ in range(40)})
    return PartnerProject.objects.bulk_create(
        PartnerProject(
            acronym=f"{acronym}{SUFFIX.upper()}",
            title=f"{acronym.title()}: a synthetic EU project on climate-neutral cities",
        )
        for acronym in acronyms
    )


def _cities(rng: random.Random, count: int) -> list[City]:
    taken: set[str] = set()
    cities = []
    for number in range(count):
        code, latitude, longitude = COUNTRIES[number % len(COUNTRIES)]
        name = _name(rng, taken)
        cities.append(
            City(
                name=name,
                slug=f"{name.lower()}{SUFFIX}",
                country=code,
                latitude=round(latitude + rng.uniform(-2.0, 2.0), 5),
                longitude=round(longitude + rng.uniform(-3.0, 3.0), 5),
                population=rng.randint(20_000, 900_000),
                # About one city in seven is a Mission city, as in the programme.
                is_mission_city=number % 7 == 0,
                mission_source="synthetic" if number % 7 == 0 else "",
                summary=f"{name} is a synthetic city of the load tests.",
            )
        )
    return City.objects.bulk_create(cities, batch_size=BATCH)


def _registrations(rng, cohorts, cities, projects) -> list[Registration]:
    """Each city in one or two cohorts; most registrations accepted, a few still open."""
    registrations, links = [], []
    starts = {
        cohort.pk: cohort.milestones.order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
        for cohort in cohorts
    }
    states = [RegistrationState.ACCEPTED] * 8 + [
        RegistrationState.SUBMITTED,
        RegistrationState.RETURNED,
    ]
    for city in cities:
        for cohort in rng.sample(cohorts, rng.choice([1, 1, 2])):
            registrations.append(
                Registration(
                    cohort=cohort,
                    city=city,
                    kind=CityKind.MISSION if city.is_mission_city else CityKind.MISSION_MINDED,
                    state=rng.choice(states),
                    submitted_at=starts[cohort.pk],
                    authority_type="" if city.is_mission_city else AuthorityType.LOCAL_AUTHORITY,
                    hours_per_month=rng.choice([8, 16, 24]),
                    representatives_committed=rng.choice([1, 2, 3]),
                )
            )
    registrations = Registration.objects.bulk_create(registrations, batch_size=BATCH)
    for registration in registrations:
        if registration.kind == CityKind.MISSION_MINDED:
            links.append(
                Registration.partner_projects.through(
                    registration_id=registration.pk, partnerproject_id=rng.choice(projects).pk
                )
            )
    Registration.partner_projects.through.objects.bulk_create(links, batch_size=BATCH)
    return registrations


def _practices(rng, count, registrations, now) -> None:
    """`count` published practices over the accepted Mission-minded registrations, and a
    draft or a submitted one here and there (about one in twenty)."""
    holders = [
        r
        for r in registrations
        if r.kind == CityKind.MISSION_MINDED and r.state == RegistrationState.ACCEPTED
    ]
    projects = dict(
        Registration.partner_projects.through.objects.filter(registration__in=holders).values_list(
            "registration_id", "partnerproject_id"
        )
    )
    fields = list(Theme.objects.filter(kind=ThemeKind.FIELD_OF_ACTION).values_list("pk", flat=True))
    levers = list(Theme.objects.filter(kind=ThemeKind.LEVER).values_list("pk", flat=True))
    made = serial = 0
    while made < count:
        batch = []
        for _ in range(min(BATCH, count - made)):
            serial += 1
            registration = holders[serial % len(holders)]
            topic = RARE_TOPIC if serial % 200 == 7 else rng.choice(TOPICS)
            title = f"{topic[0].upper()}{topic[1:]} in {registration.city.name} ({serial})"
            state = PracticeState.PUBLISHED
            published_at = now - dt.timedelta(days=rng.randint(1, 900), minutes=serial)
            if serial % 20 == 0:
                state, published_at = (
                    rng.choice([PracticeState.DRAFT, PracticeState.SUBMITTED]),
                    None,
                )
            else:
                made += 1
            batch.append(
                Practice(
                    registration=registration,
                    title=title,
                    slug=f"{slugify(title)}{SUFFIX}",
                    summary=" ".join(_sentence(rng, topic) for _ in range(2))[:600],
                    description=_description(rng, topic),
                    partner_project_id=projects.get(registration.pk),
                    stage=rng.choice(PracticeStage.values),
                    # One in ten without a known language: searched word for word.
                    language=rng.choice(["en"] * 9 + [UNKNOWN_LANGUAGE]),
                    replication_needs=f"{rng.choice(PARTNERS)}; {rng.choice(FUNDING)}.",
                    state=state,
                    published_at=published_at,
                )
            )
        batch = Practice.objects.bulk_create(batch)
        themes, results = [], []
        for practice in batch:
            for theme in rng.sample(fields, rng.randint(1, 3)):
                themes.append(
                    Practice.fields_of_action.through(practice_id=practice.pk, theme_id=theme)
                )
            for theme in rng.sample(levers, rng.randint(0, 2)):
                themes.append(Practice.levers.through(practice_id=practice.pk, theme_id=theme))
            if rng.random() < 0.3:
                results.append(
                    PracticeResult(
                        practice=practice,
                        kind=ResultKind.EMISSIONS_AVOIDED,
                        value=rng.randint(10, 5000),
                        unit="t CO2e/year",
                        note="Synthetic figure of the load tests.",
                    )
                )
        Practice.fields_of_action.through.objects.bulk_create(
            [t for t in themes if isinstance(t, Practice.fields_of_action.through)]
        )
        Practice.levers.through.objects.bulk_create(
            [t for t in themes if isinstance(t, Practice.levers.through)]
        )
        PracticeResult.objects.bulk_create(results)


def _twinnings(rng, cohorts, registrations, now) -> None:
    """Published, accepted twinnings in the programme-year cohort (5), confirmed ones
    waiting for the cities' answers in the selection cohort (6)."""
    twinnings, members = [], []
    for cohort, state, count in (
        (cohorts[0], TwinningState.ACCEPTED, 60),
        (cohorts[1], TwinningState.CONFIRMED, 40),
    ):
        accepted = [
            r
            for r in registrations
            if r.cohort_id == cohort.pk and r.state == RegistrationState.ACCEPTED
        ]
        mission = [r.city for r in accepted if r.kind == CityKind.MISSION]
        minded = [r.city for r in accepted if r.kind == CityKind.MISSION_MINDED]
        pairs = list(
            zip(
                rng.sample(minded, min(count, len(minded))),
                rng.sample(mission, min(count, len(mission))),
                strict=False,
            )
        )
        agreed = state == TwinningState.ACCEPTED
        for minded_city, mission_city in pairs:
            twinning = Twinning(
                cohort=cohort,
                state=state,
                confirmed_at=now - dt.timedelta(days=30),
                published_at=now - dt.timedelta(days=20) if agreed else None,
            )
            twinnings.append((twinning, minded_city, mission_city))
    created = Twinning.objects.bulk_create([t for t, _minded, _mission in twinnings])
    acceptance = {True: Acceptance.ACCEPTED, False: Acceptance.PENDING}
    for twinning, (_t, minded_city, mission_city) in zip(created, twinnings, strict=True):
        agreed = twinning.state == TwinningState.ACCEPTED
        for city, role in (
            (minded_city, MemberRole.MISSION_MINDED),
            (mission_city, MemberRole.MISSION),
        ):
            members.append(
                TwinningMember(
                    twinning=twinning,
                    city=city,
                    role=role,
                    acceptance=acceptance[agreed],
                    decided_at=now - dt.timedelta(days=25) if agreed else None,
                )
            )
    TwinningMember.objects.bulk_create(members, batch_size=BATCH)
