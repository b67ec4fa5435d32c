"""Reusable reads: a city's ranking, a run's report, the comparison of two runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from twinning.cities.enums import RegistrationState
from twinning.cities.models import City
from twinning.selection.domain.explanations import (
    cities_named,
    city_names,
    explain_choice,
    name_of,
    no_explanation,
)
from twinning.selection.models import Interest, Preference, SelectionRun


def ranking_of(cohort, mission_city) -> list[Preference]:
    return list(
        Preference.objects.filter(cohort=cohort, mission_city=mission_city)
        .select_related("mission_minded_city")
        .order_by("rank")
    )


def cities_taking_part(cohort, kind) -> list[City]:
    return list(
        City.objects.filter(
            registrations__cohort=cohort,
            registrations__kind=kind,
            registrations__state=RegistrationState.ACCEPTED,
        ).order_by("name", "pk")
    )


def interests_of(cohort, mission_minded_city) -> list[Interest]:
    return list(
        Interest.objects.filter(cohort=cohort, mission_minded_city=mission_minded_city)
        .select_related("mission_city")
        .order_by("mission_city__name")
    )


def all_preferences(cohort) -> list[Preference]:
    return list(
        Preference.objects.filter(cohort=cohort)
        .select_related("mission_city", "mission_minded_city")
        .order_by("mission_city__name", "mission_city_id", "rank")
    )


def all_interests(cohort) -> list[Interest]:
    return list(
        Interest.objects.filter(cohort=cohort)
        .select_related("mission_city", "mission_minded_city")
        .order_by("mission_minded_city__name", "mission_city__name")
    )


def runs_of(cohort) -> list[SelectionRun]:
    return list(
        SelectionRun.objects.filter(cohort=cohort)
        .select_related("created_by", "confirmed_by")
        .order_by("-created", "-id")
    )


@dataclass
class ProposedTwinning:
    provider: str
    seekers: list[dict] = field(default_factory=list)


@dataclass
class RunReport:
    twinnings: list[ProposedTwinning]
    unmatched: list[dict]
    matched: int
    seekers: int
    first_choices: int
    signature: list[int]
    optimal: bool


def run_report(run: SelectionRun) -> RunReport | None:
    """The proposed twinnings with the engine's explanation per Mission city, and the left
    out, in the active language and with the cities' names."""
    if not run.result:
        return None
    result = run.result
    codes = result.get("explanation_codes", {})
    keys = {key for reasons in codes.values() for key in cities_named(reasons)}
    keys.update(
        key for pair in result.get("pairs", []) for key in (pair["seeker"], pair["provider"])
    )
    keys.update(result.get("unmatched", []))
    names = city_names(keys, known=run.instance.get("names", {}))

    def explanation(seeker: str, otherwise: str) -> str:
        if codes.get(seeker):
            return explain_choice(codes[seeker], names)
        # A run made before the engine gave codes has only its English text, with keys.
        if result.get("explanations", {}).get(seeker):
            return no_explanation()
        return otherwise

    by_provider: dict[str, ProposedTwinning] = {}
    for pair in result.get("pairs", []):
        twinning = by_provider.setdefault(
            pair["provider"], ProposedTwinning(name_of(names, pair["provider"]))
        )
        twinning.seekers.append(
            {
                "name": name_of(names, pair["seeker"]),
                "rank": pair["rank"],
                "explanation": explanation(pair["seeker"], _("Its first choice.")),
            }
        )
    unmatched = [
        {
            "name": name_of(names, seeker),
            "explanation": explanation(seeker, _("No place was left among its choices.")),
        }
        for seeker in result.get("unmatched", [])
    ]
    signature = list(result.get("signature", []))
    return RunReport(
        twinnings=sorted(by_provider.values(), key=lambda t: t.provider),
        unmatched=sorted(unmatched, key=lambda u: u["name"]),
        matched=len(result.get("pairs", [])),
        seekers=len(run.instance.get("seekers", [])),
        first_choices=signature[0] if signature else 0,
        signature=signature,
        optimal=bool(result.get("optimal")),
    )


@dataclass
class ComparisonRow:
    city: str
    first: str
    first_rank: int | None
    second: str
    second_rank: int | None
    change: str


def compare_runs(first: SelectionRun, second: SelectionRun) -> list[ComparisonRow]:
    """Per Mission city: its twin and rank in each run, and whether it gains or loses."""
    names = {**first.instance.get("names", {}), **second.instance.get("names", {})}

    def pairs(run):
        return {p["seeker"]: p for p in (run.result or {}).get("pairs", [])}

    a, b = pairs(first), pairs(second)
    seekers = {s["id"] for s in first.instance.get("seekers", [])} | {
        s["id"] for s in second.instance.get("seekers", [])
    }
    rows = []
    for seeker in seekers:
        pa, pb = a.get(seeker), b.get(seeker)
        ra, rb = (pa or {}).get("rank"), (pb or {}).get("rank")
        if pa is None and pb is None:
            change = _("left out in both")
        elif pa is None:
            change = _("gains a twin")
        elif pb is None:
            change = _("loses its twin")
        elif pa["provider"] == pb["provider"]:
            change = _("same")
        elif rb < ra:
            change = _("better choice")
        elif rb > ra:
            change = _("worse choice")
        else:
            change = _("another twin, same rank")
        rows.append(
            ComparisonRow(
                city=name_of(names, seeker),
                first=name_of(names, pa["provider"]) if pa else "",
                first_rank=ra,
                second=name_of(names, pb["provider"]) if pb else "",
                second_rank=rb,
                change=str(change),
            )
        )
    return sorted(rows, key=lambda r: r.city)


def pair_choices(cohort) -> list[tuple[str, str]]:
    """Pairs organisers may pin or forbid: every preference, as ("mission-minded", label)."""
    return [
        (
            f"{p.mission_city_id}-{p.mission_minded_city_id}",
            _("%(mission)s → %(minded)s (choice %(rank)s)")
            % {
                "mission": p.mission_city.display_name,
                "minded": p.mission_minded_city.display_name,
                "rank": p.rank,
            },
        )
        for p in all_preferences(cohort)
    ]


def selection_run_or_404(pk) -> SelectionRun:
    return get_object_or_404(SelectionRun, pk=pk)


def selection_run_with_cohort_or_404(pk) -> SelectionRun:
    return get_object_or_404(SelectionRun.objects.select_related("cohort"), pk=pk)


def selection_run_with_people_or_404(pk) -> SelectionRun:
    """A run with its cohort, who started it and who confirmed it."""
    return get_object_or_404(
        SelectionRun.objects.select_related("cohort", "created_by", "confirmed_by"), pk=pk
    )


def all_selection_runs() -> QuerySet[SelectionRun]:
    """Every run, newest first, without the engine's input (it can be large)."""
    return SelectionRun.objects.order_by("-created", "-id").defer("instance")


def preference_or_404(pk) -> Preference:
    """A place in a Mission city's ranking, with the cohort and the Mission city."""
    return get_object_or_404(Preference.objects.select_related("cohort", "mission_city"), pk=pk)


def every_ranking() -> QuerySet[Preference]:
    """Every preference of every cohort, by cohort, Mission city and rank."""
    return Preference.objects.select_related("mission_city", "mission_minded_city").order_by(
        "cohort_id", "mission_city__name", "rank", "id"
    )
