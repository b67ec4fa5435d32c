"""Every figure of the organisers' dashboard and the cohort report, in one place.

The dashboard page, its CSV/XLSX downloads and the PDF report all read these
functions, so the three can never show different numbers. Each function runs a
fixed number of queries, whatever the size of the cohort.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from twinning.cities.countries import country_name
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition, City, Invitation, Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort
from twinning.common import l10n
from twinning.common.models import AuditEntry
from twinning.matchmaking.domain.queries import report_totals_by_day
from twinning.matchmaking.enums import ReportStatus, RequestState
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Meeting, MeetingRequest
from twinning.plans.enums import PlanState
from twinning.plans.models import JointPlan
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.programme.enums import AGREED_STATES, Acceptance, MemberRole, TwinningState
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.models import Preference
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme
from twinning.visits.domain.budget import twinning_budget_total
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import ExpenseClaim, Visit

ZERO, CENT = Decimal("0.00"), Decimal("0.01")
# Figures are kept in the shared cache until the next recorded change (every domain
# function and every admin edit writes the audit trail), and at most this long.
CACHE_SECONDS = 600
MISSION, MINDED = CityKind.MISSION.value, CityKind.MISSION_MINDED.value
T = TwinningState
# Twinnings that still hold their cities.
HOLDING_STATES = (T.PROPOSED, T.CONFIRMED, T.ACCEPTED, T.ACTIVE, T.COMPLETED, T.CLOSED)


def cached_figures(name: str, build):
    """`build()`, computed once per change of the data: the key holds the newest entry
    of the audit trail, so a recorded change makes the next reader compute afresh."""
    latest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return cache.get_or_set(f"orga-figures:{name}:{get_language()}:{latest}", build, CACHE_SECONDS)


def peek_figures(name: str):
    """What `cached_figures(name, ...)` holds for the data as it is now, or None."""
    latest = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return cache.get(f"orga-figures:{name}:{get_language()}:{latest}")


@dataclass(frozen=True)
class Table:
    """A list of figures as the page, the downloads and the report show it."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class FunnelStage:
    """One stage of a funnel: the cities that reached it, and of those the ones still in."""

    key: str
    label: str
    definition: str
    announced: int
    active: int


@dataclass(frozen=True)
class Funnel:
    """The path of one kind of city through the cohort, each stage within the one before."""

    kind: str
    title: str
    stages: list[FunnelStage]
    withdrawn: int
    # Mission-minded cities that registered without an invitation (counted as invited).
    uninvited: int = 0

    @property
    def key(self) -> str:
        return f"funnel-{self.kind.replace('_', '-')}"

    def stage(self, key: str) -> FunnelStage:
        return next(stage for stage in self.stages if stage.key == key)


# (key, label, what it counts), per kind of city, in the order a city goes through them.
# Kept next to the queries so the page states what is counted.
_REGISTERED = (
    "registered",
    gettext_lazy("Registered"),
    gettext_lazy("Cities that submitted a registration for the cohort at least once."),
)
_ACCEPTED = (
    "accepted",
    gettext_lazy("Accepted"),
    gettext_lazy("Cities whose registration the programme team accepted."),
)
_LATER_STAGES = [
    (
        "selected",
        gettext_lazy("Selected"),
        gettext_lazy("Cities in a twinning the programme team confirmed."),
    ),
    (
        "twinned",
        gettext_lazy("Twinned"),
        gettext_lazy("Cities that accepted a twinning which all its cities accepted."),
    ),
    (
        "year_started",
        gettext_lazy("Programme year started"),
        gettext_lazy("Twinned cities whose programme year has started."),
    ),
    (
        "completed",
        gettext_lazy("Programme year completed"),
        gettext_lazy("Twinned cities whose programme year is completed."),
    ),
]
FUNNEL_STAGES = {
    MINDED: [
        (
            "invited",
            gettext_lazy("Invited"),
            gettext_lazy(
                "Mission-minded cities invited to the cohort. A city that registered "
                "without an invitation, by naming a partner project, counts here too."
            ),
        ),
        _REGISTERED,
        _ACCEPTED,
        *_LATER_STAGES,
    ],
    MISSION: [
        _REGISTERED,
        _ACCEPTED,
        (
            "ranked",
            gettext_lazy("Ranked"),
            gettext_lazy("Mission cities that ranked their preferred twins."),
        ),
        *_LATER_STAGES,
    ],
}
FUNNEL_TITLES = {
    MINDED: gettext_lazy("Funnel of the Mission-minded cities"),
    MISSION: gettext_lazy("Funnel of the Mission cities"),
}

FUNNEL_DEFINITION = gettext_lazy(
    "A city counts at every stage up to the furthest it reached, so each stage holds "
    "the cities of the stage after it."
)
ANNOUNCED_DEFINITION = gettext_lazy("Announced: every city that ever reached the stage.")
ACTIVE_DEFINITION = gettext_lazy("Active: of those, the cities that have not withdrawn.")
WITHDRAWN_DEFINITION = gettext_lazy(
    "Withdrawn: cities that withdrew their registration, or whose twinning was withdrawn "
    "without another twinning taking them."
)


def _withdrawn_from(model, ids, action: str) -> dict[int, str]:
    """For objects withdrawn through the domain: the state each was in before (from the audit)."""
    if not ids:
        return {}
    entries = AuditEntry.objects.filter(
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in ids],
    ).values_list("object_id", "data")
    return {int(object_id): (data or {}).get("previous", "") for object_id, data in entries}


def _kinds(cohort) -> dict[int, str]:
    return dict(Registration.objects.filter(cohort=cohort).values_list("city_id", "kind"))


def funnel(cohort: Cohort) -> list[Funnel]:
    """The cohort's funnels, Mission-minded cities first (they are invited before Mission
    cities register), then Mission cities; announced and active figures apart."""
    kinds = _kinds(cohort)
    registrations = list(
        Registration.objects.filter(cohort=cohort).values_list(
            "pk", "city_id", "state", "submitted_at"
        )
    )
    withdrawn_registrations = [pk for pk, _c, state, _s in registrations if state == "withdrawn"]
    before_withdrawal = _withdrawn_from(
        Registration, withdrawn_registrations, "registration.withdrawn"
    )
    members = list(
        TwinningMember.objects.filter(twinning__cohort=cohort).values_list(
            "city_id",
            "role",
            "acceptance",
            "twinning_id",
            "twinning__state",
            "twinning__confirmed_at",
        )
    )
    withdrawn_twinnings = {row[3] for row in members if row[4] == T.WITHDRAWN}
    twinning_before = _withdrawn_from(Twinning, withdrawn_twinnings, "twinning.withdrawn")

    def twinning_reached(twinning_id, state) -> str:
        return twinning_before.get(twinning_id, "") if state == T.WITHDRAWN else state

    # Who reached each stage on its own, before the funnel fills in the stages before it.
    reached: dict[str, set[int]] = defaultdict(set)
    reached["invited"] = set(
        Invitation.objects.filter(cohort=cohort).values_list("city_id", flat=True)
    )
    withdrawn: set[int] = set()
    for pk, city_id, state, submitted_at in registrations:
        furthest = before_withdrawal.get(pk, "") if state == RegistrationState.WITHDRAWN else state
        if submitted_at is not None or furthest not in ("", RegistrationState.DRAFT):
            reached["registered"].add(city_id)
        if furthest == RegistrationState.ACCEPTED:
            reached["accepted"].add(city_id)
        if state == RegistrationState.WITHDRAWN:
            withdrawn.add(city_id)
    reached["ranked"] = set(
        Preference.objects.filter(cohort=cohort).values_list("mission_city_id", flat=True)
    )
    holding = set()
    for city_id, role, acceptance, twinning_id, state, confirmed_at in members:
        furthest = twinning_reached(twinning_id, state)
        kinds.setdefault(city_id, MISSION if role == MemberRole.MISSION else MINDED)
        if state in HOLDING_STATES and acceptance != Acceptance.DECLINED:
            holding.add(city_id)
        if confirmed_at is not None:
            reached["selected"].add(city_id)
        if acceptance == Acceptance.ACCEPTED and furthest in AGREED_STATES:
            reached["twinned"].add(city_id)
            if furthest in (T.ACTIVE, T.COMPLETED, T.CLOSED):
                reached["year_started"].add(city_id)
            if furthest == T.COMPLETED:
                reached["completed"].add(city_id)
    withdrawn |= {
        city_id
        for city_id, _role, acceptance, _t, state, _c in members
        if state == T.WITHDRAWN and acceptance != Acceptance.DECLINED and city_id not in holding
    }
    for city_id in reached["invited"]:
        kinds.setdefault(city_id, MINDED)
    missing = {c for cities in reached.values() for c in cities} - set(kinds)
    if missing:
        kinds.update(
            (pk, MISSION if is_mission else MINDED)
            for pk, is_mission in City.objects.filter(pk__in=missing).values_list(
                "pk", "is_mission_city"
            )
        )
    funnels = []
    for kind in (MINDED, MISSION):
        steps = FUNNEL_STAGES[kind]
        ours = {city_id for city_id, its_kind in kinds.items() if its_kind == kind}
        # A city counts at every stage up to the furthest it reached: a twinned city
        # was accepted even when its registration was made by hand in the admin.
        counted: dict[str, set[int]] = {}
        later: set[int] = set()
        for key, _label, _definition in reversed(steps):
            later = later | (reached[key] & ours)
            counted[key] = later
        funnels.append(
            Funnel(
                kind=kind,
                title=str(FUNNEL_TITLES[kind]),
                stages=[
                    FunnelStage(
                        key=key,
                        label=str(label),
                        definition=str(definition),
                        announced=len(counted[key]),
                        active=len(counted[key] - withdrawn),
                    )
                    for key, label, definition in steps
                ],
                withdrawn=len(withdrawn & counted[steps[0][0]]),
                uninvited=len(counted["registered"] - reached["invited"]) if kind == MINDED else 0,
            )
        )
    return funnels


def funnel_tables(cohort: Cohort, funnels: list[Funnel] | None = None) -> list[Table]:
    """One table per funnel: its stages, announced and active, and what each counts."""
    funnels = funnel(cohort) if funnels is None else funnels
    return [
        Table(
            one.key,
            one.title,
            [_("Stage"), _("Announced"), _("Active"), _("What it counts")],
            [
                [stage.label, stage.announced, stage.active, stage.definition]
                for stage in one.stages
            ],
        )
        for one in funnels
    ]


def key_figures(funnels: list[Funnel], cross: CrossCohort) -> list[tuple[str, int]]:
    """The few figures the dashboard and the report open with."""

    def total(key: str) -> int:
        return sum(one.stage(key).announced for one in funnels)

    return [
        (_("Mission-minded cities invited"), funnels[0].stage("invited").announced),
        (_("Cities registered"), total("registered")),
        (_("Cities accepted"), total("accepted")),
        (_("Cities twinned"), total("twinned")),
        (_("Cities withdrawn"), sum(one.withdrawn for one in funnels)),
        (_("Cities supported since the first cohort"), cross.cities_supported),
        (_("Countries since the first cohort"), cross.countries),
    ]


def week_start(moment: dt.datetime, zone) -> dt.date:
    """The Monday of the week `moment` falls in, in the cohort's time zone."""
    day = moment.astimezone(zone).date()
    return day - dt.timedelta(days=day.weekday())


REGISTRATION_WINDOWS = (
    MilestoneKind.MISSION_MINDED_REGISTRATION,
    MilestoneKind.MISSION_REGISTRATION,
)


def registrations_by_week(cohort: Cohort) -> Table:
    """Registrations first submitted per week (Monday to Sunday, cohort's time zone).

    Every week of the registration windows is listed, from the week the first one
    opens to the week the last one closes, 0 where nobody registered; a registration
    submitted outside them (a window extended, a city added by hand) widens the list.
    """
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: {MISSION: 0, MINDED: 0})
    for submitted_at, kind in Registration.objects.filter(
        cohort=cohort, submitted_at__isnull=False
    ).values_list("submitted_at", "kind"):
        counts[week_start(submitted_at, cohort.zone)][kind] += 1
    weeks = set(counts)
    for starts_at, ends_at in cohort.milestones.filter(kind__in=REGISTRATION_WINDOWS).values_list(
        "starts_at", "ends_at"
    ):
        weeks.update((week_start(starts_at, cohort.zone), week_start(ends_at, cohort.zone)))
    rows = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:
            figures = counts.get(week, {MISSION: 0, MINDED: 0})
            rows.append(
                [week, figures[MISSION], figures[MINDED], figures[MISSION] + figures[MINDED]]
            )
            week += dt.timedelta(days=7)
    return Table(
        "registrations-by-week",
        _("Registrations per week"),
        [_("Week of"), _("Mission cities"), _("Mission-minded cities"), _("All")],
        rows,
    )


def _accepted(cohort):
    return Registration.objects.filter(cohort=cohort, state=RegistrationState.ACCEPTED)


def cities_by_country(cohort: Cohort) -> Table:
    """Cities with an accepted registration, per country (most cities first)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {MISSION: 0, MINDED: 0})
    for country, kind, count in (
        _accepted(cohort)
        .order_by()
        .values("city__country", "kind")
        .annotate(cities=Count("pk"))
        .values_list("city__country", "kind", "cities")
    ):
        counts[country][kind] += count
    rows = [
        [country_name(code), figures[MISSION], figures[MINDED], figures[MISSION] + figures[MINDED]]
        for code, figures in counts.items()
    ]
    rows.sort(key=lambda row: (-row[3], row[0]))
    return Table(
        "countries",
        _("Cities by country"),
        [_("Country"), _("Mission cities"), _("Mission-minded cities"), _("All")],
        rows,
    )


def cities_by_theme(cohort: Cohort) -> Table:
    """Cities with an accepted registration, per theme of the Climate City Contract.

    A Mission-minded city counts for the themes of its published practices, a Mission
    city for the themes of its ambitions; a city counts once per theme.
    """
    cities: dict[int, dict[str, set[int]]] = defaultdict(lambda: {MISSION: set(), MINDED: set()})
    practices = Practice.objects.filter(
        registration__in=_accepted(cohort), state=PracticeState.PUBLISHED
    )
    for relation in ("fields_of_action", "levers"):
        for theme_id, city_id in practices.values_list(relation, "registration__city_id"):
            if theme_id is not None:
                cities[theme_id][MINDED].add(city_id)
    for theme_id, city_id in Ambition.objects.filter(
        registration__in=_accepted(cohort)
    ).values_list("theme_id", "registration__city_id"):
        cities[theme_id][MISSION].add(city_id)
    rows = []
    for theme in Theme.objects.order_by("kind", "position", "name"):
        mission, minded = len(cities[theme.pk][MISSION]), len(cities[theme.pk][MINDED])
        rows.append([theme.label, ThemeKind(theme.kind).label, mission, minded, mission + minded])
    return Table(
        "themes",
        _("Cities by theme"),
        [_("Theme"), _("Kind"), _("Mission cities"), _("Mission-minded cities"), _("All")],
        rows,
    )


def cohort_cities(cohort: Cohort) -> list[tuple[City, str]]:
    """The cohort's cities with an accepted registration, and how each takes part."""
    return [
        (registration.city, registration.kind)
        for registration in _accepted(cohort).select_related("city").order_by("city__name")
    ]


def cities_table(cohort: Cohort, cities: list[tuple[City, str]] | None = None) -> Table:
    cities = cohort_cities(cohort) if cities is None else cities
    return Table(
        "cities",
        _("Cities of the cohort"),
        [
            _("City"),
            _("Country"),
            _("Taking part as"),
            _("GeoNames id"),
            _("Latitude"),
            _("Longitude"),
        ],
        [
            [
                city.display_name,
                city.country_name,
                CityKind(kind).label,
                city.geonames_id,
                city.latitude,
                city.longitude,
            ]
            for city, kind in cities
        ],
    )


def matchmaking_figures(cohort: Cohort) -> Table:
    """Per Matchmaking Day: participants, meeting requests by answer, meetings and attendance."""
    days = list(MatchmakingDay.objects.filter(cohort=cohort).order_by("created", "id"))
    participants = dict(
        DayParticipation.objects.filter(day__cohort=cohort)
        .order_by()
        .values("day_id")
        .annotate(cities=Count("pk"))
        .values_list("day_id", "cities")
    )
    requests: dict[int, dict[str, int]] = defaultdict(dict)
    for day_id, state, count in (
        MeetingRequest.objects.filter(day__cohort=cohort)
        .order_by()
        .values("day_id", "state")
        .annotate(requests=Count("pk"))
        .values_list("day_id", "state", "requests")
    ):
        requests[day_id][state] = count
    meetings = {
        row["day_id"]: row
        for row in Meeting.objects.filter(day__cohort=cohort)
        .order_by()
        .values("day_id")
        .annotate(
            in_schedule=Count("pk", filter=Q(published_slot__isnull=False)),
            held=Count("pk", filter=Q(attended=True)),
            missed=Count("pk", filter=Q(attended=False)),
        )
    }
    rows = []
    for day in days:
        sent = requests[day.pk]
        held = meetings.get(day.pk, {})
        rows.append(
            [
                day.name,
                participants.get(day.pk, 0),
                sum(sent.values()),
                sent.get(RequestState.ACCEPTED, 0),
                sent.get(RequestState.DECLINED, 0),
                sent.get(RequestState.PENDING, 0),
                held.get("in_schedule", 0),
                held.get("held", 0),
                held.get("missed", 0),
            ]
        )
    return Table(
        "matchmaking",
        _("Matchmaking Days"),
        [
            _("Matchmaking Day"),
            _("Participating cities"),
            _("Requests sent"),
            _("Accepted"),
            _("Declined"),
            _("Waiting for an answer"),
            _("Meetings in the published schedule"),
            _("Meetings held"),
            _("Meetings missed"),
        ],
        rows,
    )


def matchmaking_reports(cohort: Cohort) -> Table:
    """Per Matchmaking Day: its published meetings by what the cities reported after the
    day, and the meetings the programme team ticked as held."""
    days = list(MatchmakingDay.objects.filter(cohort=cohort).order_by("created", "id"))
    totals = report_totals_by_day(days)
    empty = dict.fromkeys((*ReportStatus.values, "scheduled", "ticked_held"), 0)
    rows = [
        [
            day.name,
            counts["scheduled"],
            counts[ReportStatus.HELD_BOTH],
            counts[ReportStatus.HELD_ONE],
            counts[ReportStatus.NO_SHOW],
            counts[ReportStatus.DIFFER],
            counts[ReportStatus.UNREPORTED],
            counts["ticked_held"],
        ]
        for day in days
        for counts in [totals.get(day.pk, empty)]
    ]
    return Table(
        "matchmaking-reports",
        _("Meetings reported by the cities"),
        [
            _("Matchmaking Day"),
            _("Meetings in the published schedule"),
            _("Took place, say both cities"),
            _("Took place, says one city"),
            _("A city did not come, says the other"),
            _("Reports differ"),
            _("Not reported"),
            _("Held, ticked by the programme team"),
        ],
        rows,
    )


def selection_figures(cohort: Cohort) -> list[Table]:
    """The ranking of preferred twins and the cohort's twinnings per state."""
    preferences = list(
        Preference.objects.filter(cohort=cohort).values_list(
            "mission_city_id", "mission_minded_city_id", "rank"
        )
    )
    ranking = Table(
        "ranking",
        _("Ranking of preferred twins"),
        [_("Figure"), _("Cities or choices")],
        [
            [_("Mission cities that ranked"), len({row[0] for row in preferences})],
            [_("Choices stated"), len(preferences)],
            [_("Mission-minded cities ranked at least once"), len({row[1] for row in preferences})],
            [
                _("Mission-minded cities ranked first at least once"),
                len({row[1] for row in preferences if row[2] == 1}),
            ],
        ],
    )
    counts = dict(
        Twinning.objects.filter(cohort=cohort)
        .order_by()
        .values("state")
        .annotate(twinnings=Count("pk"))
        .values_list("state", "twinnings")
    )
    twinnings = Table(
        "twinnings",
        _("Twinnings"),
        [_("State"), _("Twinnings")],
        [[state.label, counts.get(state.value, 0)] for state in TwinningState],
    )
    return [ranking, twinnings]


@dataclass(frozen=True)
class CrossCohort:
    """Figures since the first cohort."""

    cities_supported: int
    countries: int
    returning: Table
    per_cohort: Table
    countries_table: Table


def cross_cohort() -> CrossCohort:
    """Cities supported since cohort 1, returning cities and countries.

    A city is supported in a cohort when its registration was accepted or it is in a
    twinning of the cohort that all its cities accepted.
    """
    cohorts = {c.pk: c for c in Cohort.objects.order_by("number")}
    taking_part: dict[int, set[int]] = defaultdict(set)
    kinds: dict[tuple[int, int], str] = {}
    for city_id, cohort_id, kind in Registration.objects.filter(
        state=RegistrationState.ACCEPTED
    ).values_list("city_id", "cohort_id", "kind"):
        taking_part[city_id].add(cohort_id)
        kinds[(city_id, cohort_id)] = kind
    for city_id, cohort_id, role in TwinningMember.objects.filter(
        twinning__state__in=AGREED_STATES, acceptance=Acceptance.ACCEPTED
    ).values_list("city_id", "twinning__cohort_id", "role"):
        taking_part[city_id].add(cohort_id)
        kinds.setdefault((city_id, cohort_id), MISSION if role == MemberRole.MISSION else MINDED)
    cities = {city.pk: city for city in City.objects.filter(pk__in=taking_part)}

    def cohort_names(cohort_ids) -> str:
        ordered = sorted(cohort_ids, key=lambda pk: cohorts[pk].number)
        return ", ".join(cohorts[pk].name for pk in ordered)

    returning = sorted(
        (cities[city_id] for city_id, ids in taking_part.items() if len(ids) > 1),
        key=lambda city: city.name,
    )
    per_cohort = []
    for cohort in cohorts.values():
        present = [c for c, ids in taking_part.items() if cohort.pk in ids]
        per_cohort.append(
            [
                cohort.name,
                sum(1 for c in present if kinds[(c, cohort.pk)] == MISSION),
                sum(1 for c in present if kinds[(c, cohort.pk)] == MINDED),
                len(present),
                len({cities[c].country for c in present}),
            ]
        )
    by_country: dict[str, int] = defaultdict(int)
    for city in cities.values():
        by_country[city.country] += 1
    country_rows = sorted(
        ([country_name(code), count] for code, count in by_country.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return CrossCohort(
        cities_supported=len(cities),
        countries=len(by_country),
        returning=Table(
            "returning",
            _("Returning cities"),
            [_("City"), _("Country"), _("Cohorts")],
            [
                [city.display_name, city.country_name, cohort_names(taking_part[city.pk])]
                for city in returning
            ],
        ),
        per_cohort=Table(
            "cohorts",
            _("Cities per cohort"),
            [
                _("Cohort"),
                _("Mission cities"),
                _("Mission-minded cities"),
                _("All"),
                _("Countries"),
            ],
            per_cohort,
        ),
        countries_table=Table(
            "all-countries",
            _("Cities supported per country since the first cohort"),
            [_("Country"), _("Cities")],
            country_rows,
        ),
    )


def _twinned(cohort: Cohort):
    return Twinning.objects.filter(cohort=cohort, state__in=AGREED_STATES)


def visits_by_state(cohort: Cohort) -> Table:
    """The cohort's visits per state (planned, submitted, approved, done, cancelled)."""
    counts = dict(
        Visit.objects.filter(twinning__cohort=cohort)
        .order_by()
        .values("state")
        .annotate(visits=Count("pk"))
        .values_list("state", "visits")
    )
    return Table(
        "visits",
        _("Visits"),
        [_("State"), _("Visits")],
        [[state.label, counts.get(state.value, 0)] for state in VisitState],
    )


def claims_by_state(cohort: Cohort) -> Table:
    """The cohort's expense claims per state, with their amounts in EUR."""
    sums = {
        state: (claims, (amount or ZERO).quantize(CENT))
        for state, claims, amount in ExpenseClaim.objects.filter(visit__twinning__cohort=cohort)
        .order_by()
        .values("state")
        .annotate(claims=Count("pk"), amount=Sum("amount_eur"))
        .values_list("state", "claims", "amount")
    }
    return Table(
        "claims",
        _("Expense claims"),
        [_("State"), _("Claims"), _("Amount (EUR)")],
        [[state.label, *sums.get(state.value, (0, ZERO))] for state in ClaimState],
    )


def budget_table(cohort: Cohort, claims: Table | None = None) -> Table:
    """The visit budget of the cohort's twinned twinnings: available, used, pending, left.

    Available is the twinning budget (visits/budget.py states the rule) times the
    twinnings that all their cities accepted; approved and paid claims use it,
    submitted ones are pending.
    """
    claims = claims_by_state(cohort) if claims is None else claims
    amounts = {row[0]: row[2] for row in claims.rows}
    twinnings = _twinned(cohort).count()
    available = twinning_budget_total(cohort) * twinnings
    used = amounts[ClaimState.APPROVED.label] + amounts[ClaimState.PAID.label]
    pending = amounts[ClaimState.SUBMITTED.label]
    return Table(
        "budget",
        _("Visit budget"),
        [_("Figure"), _("Amount (EUR)")],
        [
            [
                ngettext(
                    "Available for %(count)d twinning of EUR %(each)s",
                    "Available for %(count)d twinnings of EUR %(each)s",
                    twinnings,
                )
                % {"count": twinnings, "each": l10n.format_amount(twinning_budget_total(cohort))},
                available,
            ],
            [_("Used (approved and paid claims)"), used],
            [_("Pending (claims waiting for a decision)"), pending],
            [_("Left"), available - used],
        ],
    )


def plans_by_state(cohort: Cohort) -> Table:
    """The cohort's joint plans per state, and the twinned twinnings without a plan yet."""
    counts = dict(
        JointPlan.objects.filter(twinning__cohort=cohort)
        .order_by()
        .values("state")
        .annotate(plans=Count("pk"))
        .values_list("state", "plans")
    )
    without = _twinned(cohort).filter(plan__isnull=True).count()
    return Table(
        "plans",
        _("Joint plans"),
        [_("State"), _("Plans")],
        [
            *([state.label, counts.get(state.value, 0)] for state in PlanState),
            [_("Not started (twinned, no plan yet)"), without],
        ],
    )


def programme_year(cohort: Cohort) -> list[Table]:
    """Visits, expense claims, the visit budget and joint plans of the cohort."""
    claims = claims_by_state(cohort)
    return [visits_by_state(cohort), claims, budget_table(cohort, claims), plans_by_state(cohort)]
