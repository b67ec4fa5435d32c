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
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from twinning.cities.countries import country_name
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition, City, Invitation, Registration
from twinning.cohorts.models import Cohort
from twinning.common.models import AuditEntry
from twinning.matchmaking.enums import RequestState
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
HOLDING_STATES = (T.PROPOSED, T.CONFIRMED, T.ACCEPTED, T.ACTIVE, T.COMPLETED)


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
    key: str
    label: str
    definition: str
    announced: dict[str, int]
    active: dict[str, int] | None

    @property
    def announced_total(self) -> int:
        return sum(self.announced.values())

    @property
    def active_total(self) -> int | None:
        return None if self.active is None else sum(self.active.values())


# (key, label, what it counts). Kept next to the queries so the page states what is counted.
STAGES = [
    (
        "invited",
        gettext_lazy("Invited"),
        gettext_lazy("Mission-minded cities that received an invitation for the cohort."),
    ),
    (
        "registered",
        gettext_lazy("Registered"),
        gettext_lazy("Cities that submitted a registration for the cohort at least once."),
    ),
    (
        "accepted",
        gettext_lazy("Accepted"),
        gettext_lazy("Cities whose registration the programme team accepted."),
    ),
    (
        "matchmaking",
        gettext_lazy("In matchmaking"),
        gettext_lazy("Cities registered for at least one of the cohort's Matchmaking Days."),
    ),
    (
        "ranked",
        gettext_lazy("Ranked"),
        gettext_lazy(
            "Mission cities that ranked their preferred twins; Mission-minded cities that "
            "at least one Mission city ranked."
        ),
    ),
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
        "active",
        gettext_lazy("Active"),
        gettext_lazy("Twinned cities whose programme year has started."),
    ),
    (
        "completed",
        gettext_lazy("Completed"),
        gettext_lazy("Twinned cities whose programme year is completed."),
    ),
    (
        "withdrawn",
        gettext_lazy("Withdrawn"),
        gettext_lazy(
            "Cities that withdrew their registration, or whose twinning was withdrawn "
            "without another twinning taking them."
        ),
    ),
]

ANNOUNCED_DEFINITION = gettext_lazy("Announced: every city that ever reached the stage.")
ACTIVE_DEFINITION = gettext_lazy("Active: of those, the cities that have not withdrawn.")


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


def funnel(cohort: Cohort) -> list[FunnelStage]:
    """The cohort's funnel, per city and city kind: announced and active figures apart."""
    kinds = _kinds(cohort)
    registrations = list(
        Registration.objects.filter(cohort=cohort).values_list("pk", "city_id", "state")
    )
    withdrawn_registrations = [pk for pk, _c, state in registrations if state == "withdrawn"]
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

    stages: dict[str, set[int]] = {key: set() for key, _l, _d in STAGES}
    stages["invited"] = set(
        Invitation.objects.filter(cohort=cohort).values_list("city_id", flat=True)
    )
    registrations_before = []
    for pk, city_id, state in registrations:
        reached = before_withdrawal.get(pk, "") if state == RegistrationState.WITHDRAWN else state
        registrations_before.append((city_id, state, reached))
    stages["registered"] = {
        city_id
        for city_id, _s, reached in registrations_before
        if reached not in ("", RegistrationState.DRAFT)
    } | set(
        Registration.objects.filter(cohort=cohort, submitted_at__isnull=False).values_list(
            "city_id", flat=True
        )
    )
    stages["accepted"] = {
        city_id
        for city_id, _s, reached in registrations_before
        if reached == RegistrationState.ACCEPTED
    }
    stages["matchmaking"] = set(
        DayParticipation.objects.filter(day__cohort=cohort).values_list("city_id", flat=True)
    )
    ranked = Preference.objects.filter(cohort=cohort).values_list(
        "mission_city_id", "mission_minded_city_id"
    )
    for mission_id, minded_id in ranked:
        stages["ranked"].update((mission_id, minded_id))
    holding = set()
    for city_id, role, acceptance, twinning_id, state, confirmed_at in members:
        reached = twinning_reached(twinning_id, state)
        kinds.setdefault(city_id, MISSION if role == MemberRole.MISSION else MINDED)
        if state in HOLDING_STATES and acceptance != Acceptance.DECLINED:
            holding.add(city_id)
        if confirmed_at is not None:
            stages["selected"].add(city_id)
        if acceptance == Acceptance.ACCEPTED and reached in AGREED_STATES:
            stages["twinned"].add(city_id)
            if reached in (T.ACTIVE, T.COMPLETED):
                stages["active"].add(city_id)
            if reached == T.COMPLETED:
                stages["completed"].add(city_id)
    stages["withdrawn"] = {
        city_id for city_id, state, _r in registrations_before if state == "withdrawn"
    } | {
        city_id
        for city_id, _role, acceptance, _t, state, _c in members
        if state == T.WITHDRAWN and acceptance != Acceptance.DECLINED and city_id not in holding
    }
    for city_id in stages["invited"]:
        kinds.setdefault(city_id, MINDED)
    missing = {c for cities in stages.values() for c in cities} - set(kinds)
    if missing:
        kinds.update(
            (pk, MISSION if is_mission else MINDED)
            for pk, is_mission in City.objects.filter(pk__in=missing).values_list(
                "pk", "is_mission_city"
            )
        )
    withdrawn = stages["withdrawn"]

    def by_kind(cities) -> dict[str, int]:
        counts = {MISSION: 0, MINDED: 0}
        for city_id in cities:
            counts[kinds[city_id]] += 1
        return counts

    return [
        FunnelStage(
            key=key,
            label=str(label),
            definition=str(definition),
            announced=by_kind(stages[key]),
            active=None if key == "withdrawn" else by_kind(stages[key] - withdrawn),
        )
        for key, label, definition in STAGES
    ]


def funnel_table(cohort: Cohort, stages: list[FunnelStage] | None = None) -> Table:
    stages = funnel(cohort) if stages is None else stages
    return Table(
        "funnel",
        _("Funnel"),
        [
            _("Stage"),
            _("Announced: Mission cities"),
            _("Announced: Mission-minded cities"),
            _("Announced: all"),
            _("Active: Mission cities"),
            _("Active: Mission-minded cities"),
            _("Active: all"),
            _("What it counts"),
        ],
        [
            [
                stage.label,
                stage.announced[MISSION],
                stage.announced[MINDED],
                stage.announced_total,
                None if stage.active is None else stage.active[MISSION],
                None if stage.active is None else stage.active[MINDED],
                stage.active_total,
                stage.definition,
            ]
            for stage in stages
        ],
    )


def week_start(moment: dt.datetime, zone) -> dt.date:
    """The Monday of the week `moment` falls in, in the cohort's time zone."""
    day = moment.astimezone(zone).date()
    return day - dt.timedelta(days=day.weekday())


def registrations_by_week(cohort: Cohort) -> Table:
    """Registrations first submitted per week (Monday to Sunday, cohort's time zone).

    Weeks between the first and the last one with no registration are listed with 0.
    """
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: {MISSION: 0, MINDED: 0})
    for submitted_at, kind in Registration.objects.filter(
        cohort=cohort, submitted_at__isnull=False
    ).values_list("submitted_at", "kind"):
        counts[week_start(submitted_at, cohort.zone)][kind] += 1
    rows = []
    if counts:
        week, last = min(counts), max(counts)
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
        rows.append([theme.name, ThemeKind(theme.kind).label, mission, minded, mission + minded])
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
                _("Available for %(count)d twinnings of EUR %(each)s")
                % {"count": twinnings, "each": twinning_budget_total(cohort)},
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
