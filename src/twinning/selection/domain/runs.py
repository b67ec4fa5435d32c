"""Selection runs: build the engine's input from the preferences, run it, confirm a result."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.countries import country_name
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import City, Registration
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.runs import (
    RunStatus,
    claim_run,
    fail_run,
    finish_run,
    queue_run,
    requeue_run,
)
from twinning.engine.errors import InvalidInstance
from twinning.engine.selection import parse_instance, run_json
from twinning.programme.domain import (
    LIVE_STATES,
    add_mission_city,
    confirm_twinning,
    propose_twinning,
)
from twinning.programme.enums import Acceptance, MemberRole
from twinning.programme.models import Twinning
from twinning.selection.models import Preference, SelectionRun

logger = logging.getLogger(__name__)

# The engine stops after this long and returns its best answer (marked not optimal).
RUN_TIME_LIMIT = 60
# The same options sent again this soon by the same person are a double submit.
DOUBLE_SUBMIT_WINDOW = dt.timedelta(seconds=30)


def city_key(pk: int) -> str:
    return f"city-{pk}"


def city_pk(key: str) -> int:
    return int(key.removeprefix("city-"))


def normalise_options(cohort, options: dict) -> dict:
    """The options in a stable JSON form; pairs are [Mission city id, Mission-minded city id]."""
    cap = options.get("cap")
    per_country = options.get("max_selected_per_country")
    return {
        "cap": int(cap) if cap is not None else cohort.selection_cap,
        "allow_same_country": bool(options.get("allow_same_country", True)),
        "max_selected_per_country": int(per_country) if per_country not in (None, "") else None,
        "pinned": sorted([int(a), int(b)] for a, b in options.get("pinned", [])),
        "forbidden": sorted([int(a), int(b)] for a, b in options.get("forbidden", [])),
    }


def build_instance(cohort, options: dict) -> dict:
    """The engine's input (contract JSON) from the cohort's accepted cities and preferences.

    Providers are the accepted Mission-minded cities, each with the cohort's capacity;
    seekers are the accepted Mission cities that ranked at least one of them. The
    `names` key carries the cities' names for the pages (the engine ignores it).
    """
    registrations = list(
        Registration.objects.filter(cohort=cohort, state=RegistrationState.ACCEPTED)
        .select_related("city")
        .order_by("city__name", "city_id")
    )
    minded = [r.city for r in registrations if r.kind == CityKind.MISSION_MINDED]
    mission = [r.city for r in registrations if r.kind == CityKind.MISSION]
    minded_ids = {c.pk for c in minded}
    ranking: dict[int, list[str]] = defaultdict(list)
    for preference in Preference.objects.filter(
        cohort=cohort, mission_city__in=[c.pk for c in mission]
    ).order_by("mission_city_id", "rank"):
        if preference.mission_minded_city_id in minded_ids:
            ranking[preference.mission_city_id].append(city_key(preference.mission_minded_city_id))
    seekers = [c for c in mission if ranking[c.pk]]
    return {
        "select": options["cap"],
        "defaults": {"capacity": cohort.twins_per_mission_minded},
        "rules": {
            "allow_same_country": options["allow_same_country"],
            "max_selected_per_country": options["max_selected_per_country"],
            "pinned": [[city_key(a), city_key(b)] for a, b in options["pinned"]],
            "forbidden": [[city_key(a), city_key(b)] for a, b in options["forbidden"]],
        },
        "providers": [
            {
                "id": city_key(c.pk),
                "country": c.country,
                "capacity": cohort.twins_per_mission_minded,
            }
            for c in minded
        ],
        "seekers": [
            {"id": city_key(c.pk), "country": c.country, "preferences": ranking[c.pk]}
            for c in seekers
        ],
        "names": {city_key(c.pk): c.display_name for c in minded + seekers},
    }


def check_pins(cohort, options: dict, instance: dict) -> None:
    """Refuse pinned pairs that cannot all be in a result, naming the cities: the engine
    would refuse them too, but in its own words and with its keys for the cities."""
    seekers = {s["id"]: s for s in instance["seekers"]}
    providers = {p["id"]: p for p in instance["providers"]}
    cities = City.objects.in_bulk({pk for pair in options["pinned"] for pk in pair})

    def name(pk) -> str:
        return cities[pk].display_name if pk in cities else _("a city no longer listed")

    forbidden = {tuple(pair) for pair in options["forbidden"]}
    errors, pinned_to, twice = [], defaultdict(list), []
    for mission, minded in options["pinned"]:
        seeker, provider = seekers.get(city_key(mission)), providers.get(city_key(minded))
        values = {"mission": name(mission), "minded": name(minded), "cohort": cohort.name}
        if seeker is None or provider is None or provider["id"] not in seeker["preferences"]:
            errors.append(
                _(
                    "%(mission)s cannot be pinned to %(minded)s: the pair is not among the "
                    "rankings of the cities accepted in %(cohort)s."
                )
                % values
            )
            continue
        if (mission, minded) in forbidden:
            errors.append(
                _("%(mission)s cannot be both pinned to and kept from %(minded)s.") % values
            )
        if not options["allow_same_country"] and seeker["country"] == provider["country"]:
            errors.append(
                _(
                    "%(mission)s cannot be pinned to %(minded)s: both are in %(country)s, and "
                    "twinnings within one country are not allowed."
                )
                % {**values, "country": country_name(seeker["country"])}
            )
        if any(mission in taken for taken in pinned_to.values()) and mission not in twice:
            twice.append(mission)
            errors.append(_("%(mission)s is pinned to more than one Mission-minded city.") % values)
        pinned_to[minded].append(mission)
    for minded, missions in pinned_to.items():
        capacity = providers[city_key(minded)]["capacity"]
        if len(missions) > capacity:
            errors.append(
                ngettext(
                    "%(minded)s is pinned to %(count)d Mission cities, but twins with at most "
                    "%(capacity)d.",
                    "%(minded)s is pinned to %(count)d Mission cities, but twins with at most "
                    "%(capacity)d.",
                    len(missions),
                )
                % {"minded": name(minded), "count": len(missions), "capacity": capacity}
            )
    if len(pinned_to) > options["cap"]:
        errors.append(
            ngettext(
                "The pins select %(count)d Mission-minded cities, but this run selects at "
                "most %(cap)d.",
                "The pins select %(count)d Mission-minded cities, but this run selects at "
                "most %(cap)d.",
                len(pinned_to),
            )
            % {"count": len(pinned_to), "cap": options["cap"]}
        )
    per_country = options["max_selected_per_country"]
    if per_country is not None:
        countries = defaultdict(int)
        for minded in pinned_to:
            countries[providers[city_key(minded)]["country"]] += 1
        for country, count in sorted(countries.items()):
            if count > per_country:
                errors.append(
                    ngettext(
                        "The pins select %(count)d Mission-minded cities in %(country)s, but "
                        "this run selects at most %(cap)d per country.",
                        "The pins select %(count)d Mission-minded cities in %(country)s, but "
                        "this run selects at most %(cap)d per country.",
                        count,
                    )
                    % {"count": count, "country": country_name(country), "cap": per_country}
                )
    if errors:
        raise ValidationError(errors)


def _refused(run, error: InvalidInstance) -> str:
    # The engine names cities by keys, in English: the log keeps its words for the
    # developers, the organisers read a sentence of their own.
    logger.warning("The selection engine refused a run of %s: %s", run.cohort, error)
    return _("The selection engine refused this run's input. Nothing was selected.")


@transaction.atomic
def start_selection_run(cohort, *, options: dict, by, note: str = "") -> SelectionRun:
    """Store a run with its options and input, and queue the engine.

    Raises ValidationError, naming the cities, for pinned pairs that cannot all be in a
    result; other input the engine refuses is stored as a failed run.
    """
    options = normalise_options(cohort, options)
    recent = (
        SelectionRun.objects.select_for_update()
        .filter(
            cohort=cohort,
            created_by=by,
            created__gte=clock.now() - DOUBLE_SUBMIT_WINDOW,
            status__in=(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.DONE),
        )
        .order_by("-created")
        .first()
    )
    if recent is not None and recent.options == options and recent.note == note:
        return recent
    instance = build_instance(cohort, options)
    check_pins(cohort, options, instance)
    run = SelectionRun(cohort=cohort, created_by=by, options=options, instance=instance, note=note)
    try:
        parse_instance(instance)
    except InvalidInstance as error:
        run.status = RunStatus.FAILED
        run.error = _refused(run, error)
    from twinning.selection.tasks import task_run_selection  # noqa: PLC0415 - circle: the tasks module imports this module

    return queue_run(run, by=by, task=task_run_selection, options=options, status=run.status)


def execute_run(run_id: int) -> SelectionRun:
    """Run the engine on the run's stored input and store its result (or its error)."""
    run, claimed = claim_run(SelectionRun, run_id)
    if run is None:
        raise SelectionRun.DoesNotExist(f"No selection run {run_id}.")
    if not claimed:
        return run
    try:
        result = run_json(run.instance, time_limit=RUN_TIME_LIMIT)
    except InvalidInstance as error:
        return fail_run(run, _refused(run, error))
    except Exception as error:  # the organisers see that the run failed, the log says why
        logger.exception("Selection run %s failed", run.pk)
        return fail_run(run, _("The engine stopped: %(error)s") % {"error": error})
    seconds = float(result.get("stats", {}).get("seconds") or 0)
    return finish_run(run, result, seconds=seconds, error=run.error)


def requeue_selection_run(run: SelectionRun, *, by) -> SelectionRun:
    """Queue a stuck run again with its stored options and input."""
    from twinning.selection.tasks import task_run_selection  # noqa: PLC0415 - circle: the tasks module imports this module

    return requeue_run(run, by=by, task=task_run_selection)


@transaction.atomic
def confirm_selection_run(run: SelectionRun, *, by) -> list[Twinning]:
    """Turn a finished run into confirmed twinnings and ask every city to accept.

    Pairs are grouped by Mission-minded city. Mission cities already in a live
    twinning keep it; a new Mission city for a Mission-minded city that already
    has a live twinning joins that twinning (a freed place filled again).
    """
    run = SelectionRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
    if run.status != RunStatus.DONE:
        raise ValidationError(_("Only a finished run can be confirmed."))
    if run.confirmed_at is not None:
        raise ValidationError(_("This run is already confirmed."))
    cohort = run.cohort
    result = run.result or {}
    # A run made before the engine gave codes passes its text (never shown as it is).
    explanations = result.get("explanation_codes", result.get("explanations", {}))
    live = list(
        Twinning.objects.filter(cohort=cohort, state__in=LIVE_STATES).prefetch_related("members")
    )
    held_mission, live_by_minded, seats_taken = set(), {}, defaultdict(int)
    for twinning in live:
        members = list(twinning.members.all())
        for member in members:
            if member.role == MemberRole.MISSION_MINDED:
                if member.acceptance != Acceptance.DECLINED:
                    live_by_minded[member.city_id] = twinning
                    seats_taken[member.city_id] += sum(
                        1
                        for m in members
                        if m.role == MemberRole.MISSION and m.acceptance != Acceptance.DECLINED
                    )
            elif member.acceptance != Acceptance.DECLINED:
                held_mission.add(member.city_id)
    grouped: dict[int, list[tuple[int, int, list | str]]] = defaultdict(list)
    for pair in result.get("pairs", []):
        seeker, provider = city_pk(pair["seeker"]), city_pk(pair["provider"])
        if seeker in held_mission:
            continue
        grouped[provider].append((seeker, pair["rank"], explanations.get(pair["seeker"], ())))
    cities = City.objects.in_bulk(
        {pk for pk in grouped} | {s for pairs in grouped.values() for s, _r, _e in pairs}
    )
    _check_places(cohort, grouped, seats_taken, set(live_by_minded), cities)
    touched = []
    for provider, pairs in grouped.items():
        existing = live_by_minded.get(provider)
        if existing is not None:
            for seeker, rank, explanation in pairs:
                add_mission_city(
                    existing, cities[seeker], rank=rank, explanation=explanation, by=by
                )
            touched.append(existing)
            continue
        twinning = propose_twinning(
            cohort,
            cities[provider],
            [(cities[s], rank, explanation) for s, rank, explanation in pairs],
            run=run,
            by=by,
        )
        touched.append(confirm_twinning(twinning, by=by))
    run.confirmed_at = clock.now()
    run.confirmed_by = by
    run.save(update_fields=["confirmed_at", "confirmed_by"])
    record_action("selection.run_confirmed", run, by=by, twinnings=[t.pk for t in touched])
    return touched


def _check_places(cohort, grouped, seats_taken, live_minded: set[int], cities) -> None:
    """Refuse a confirmation that would over-fill a Mission-minded city or the cohort.

    Each Mission-minded city twins with at most `twins_per_mission_minded` Mission
    cities, counting those it already holds; at most `selection_cap` Mission-minded
    cities are selected, counting those already in live twinnings. A run made with a
    pinned pair unticked, or with a higher cap to compare, can break either.
    """
    errors = []
    capacity = cohort.twins_per_mission_minded
    for provider, pairs in sorted(grouped.items(), key=lambda item: cities[item[0]].name):
        if seats_taken[provider] + len(pairs) > capacity:
            errors.append(
                ngettext(
                    "%(city)s would twin with %(count)d Mission city (%(held)d already held), "
                    "but a Mission-minded city twins with at most %(capacity)d in %(cohort)s.",
                    "%(city)s would twin with %(count)d Mission cities (%(held)d already held), "
                    "but a Mission-minded city twins with at most %(capacity)d in %(cohort)s.",
                    seats_taken[provider] + len(pairs),
                )
                % {
                    "city": cities[provider].display_name,
                    "count": seats_taken[provider] + len(pairs),
                    "held": seats_taken[provider],
                    "capacity": capacity,
                    "cohort": cohort.name,
                }
            )
    selected = len(live_minded | set(grouped))
    if selected > cohort.selection_cap:
        errors.append(
            ngettext(
                "%(count)d Mission-minded city would be selected (counting the twinnings "
                "held), but %(cohort)s selects at most %(cap)d.",
                "%(count)d Mission-minded cities would be selected (counting the twinnings "
                "held), but %(cohort)s selects at most %(cap)d.",
                selected,
            )
            % {"count": selected, "cohort": cohort.name, "cap": cohort.selection_cap}
        )
    if errors:
        errors.append(
            _("Nothing was confirmed. Start a run that keeps the twinnings held, then confirm it.")
        )
        raise ValidationError(errors)
