"""Demo preferences and selections: cohort 5 (in its programme year) and the stage cohorts.

Loading is idempotent: preferences are updated in place, and the selection is run,
confirmed, accepted and published only once. The stage cohorts' data is written once,
when the cohort is (re)built.
"""

from __future__ import annotations

from django.db import transaction

from twinning.cities.enums import RegistrationState
from twinning.cities.models import City
from twinning.cohorts.models import Cohort
from twinning.programme.domain import publish_twinnings, set_member_acceptance
from twinning.programme.enums import Acceptance
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.domain.runs import (
    build_instance,
    confirm_selection_run,
    execute_run,
    normalise_options,
)
from twinning.selection.models import Interest, Preference, SelectionRun

# Mission city: its ranked Mission-minded cities, each with a motivation.
DEMO_PREFERENCES = {
    "Torino": [
        ("Évora", "Solar power in a protected historic centre, as in our own centre."),
        ("Bilbao", "Citizen-driven positive energy districts in a former industrial city."),
        ("Oulu", "District heating and smart energy in a cold, growing city."),
    ],
    "Košice": [
        ("Kladno", "A Central European city that built an energy community from municipal roofs."),
        ("Brașov", "Resilient buildings and district energy in a similar climate."),
        ("Évora", "Heritage-friendly renewables for our historic core."),
    ],
    "Pécs": [
        ("Évora", "We already know the city from cohort 4 and want to go further."),
        ("Maia", "Positive energy blocks in a mid-sized city."),
    ],
    "Sønderborg": [
        ("Oulu", "Northern district heating and data-driven planning."),
        ("Alkmaar", "Neighbourhood batteries and vehicle-to-grid."),
    ],
    "Kraków": [
        ("Bilbao", "Turning an industrial district into a positive energy district."),
        ("Kladno", "Municipal energy community governance."),
        ("Matosinhos", "Citizen participation in the energy transition."),
    ],
}


@transaction.atomic
def load_demo_selection() -> SelectionRun | None:
    """Create cohort 5's demo preferences and one confirmed, accepted and published run."""
    cohort = Cohort.objects.filter(number=5).first()
    if cohort is None:
        return None
    cities = {
        city.name: city
        for city in City.objects.filter(
            registrations__cohort=cohort, registrations__state=RegistrationState.ACCEPTED
        )
    }
    for mission_name, ranking in DEMO_PREFERENCES.items():
        mission = cities.get(mission_name)
        if mission is None:
            continue
        wanted = [(cities[name], text) for name, text in ranking if name in cities]
        Preference.objects.filter(cohort=cohort, mission_city=mission).exclude(
            mission_minded_city__in=[city for city, _text in wanted]
        ).delete()
        # Ranks are unique per city: move the old ones out of the way first.
        for preference in Preference.objects.filter(cohort=cohort, mission_city=mission):
            preference.rank += 100
            preference.save(update_fields=["rank"])
        for rank, (city, text) in enumerate(wanted, start=1):
            Preference.objects.update_or_create(
                cohort=cohort,
                mission_city=mission,
                mission_minded_city=city,
                defaults={"rank": rank, "motivation": text},
            )
    existing = SelectionRun.objects.filter(cohort=cohort, confirmed_at__isnull=False).first()
    if existing is not None:
        return existing
    options = normalise_options(cohort, {})
    run = SelectionRun.objects.create(
        cohort=cohort,
        options=options,
        instance=build_instance(cohort, options),
        note="Demo selection",
    )
    run = execute_run(run.pk)
    confirm_selection_run(run, by=None)
    for member in TwinningMember.objects.filter(
        twinning__created_from_run=run, acceptance=Acceptance.PENDING
    ).order_by("pk"):
        set_member_acceptance(member, True, by=None)
    publish_twinnings(cohort, by=None)
    return run


# The cohort at selection: every Mission city has ranked (the window is closed).
SELECTION_STAGE_PREFERENCES = {
    "Torino": [
        ("Évora", "Solar power in a protected historic centre, as in our own centre."),
        ("Brașov", "Resilient district energy in a city of similar size and climate."),
        ("Kerava", "A circular-construction neighbourhood we would like to replicate."),
    ],
    "Milano": [
        ("Évora", "Heritage-friendly renewables for the historic districts."),
        ("Písek", "Smart public lighting run with the citizens."),
        ("Maia", "Positive energy blocks in a metropolitan area."),
    ],
    "Grenoble": [
        ("Brașov", "District heating from renewable sources."),
        ("Évora", "Energy communities around municipal buildings."),
        ("Kifissia", "Cooling a city in hotter summers."),
    ],
    "Dresden": [
        ("Písek", "Data platforms for a mid-sized city."),
        ("Kerava", "Circular building."),
    ],
    "Groningen": [
        ("Oostende", "Climate adaptation of a seaside city."),
        ("Maia", "Positive energy blocks with social housing."),
        ("Matosinhos", "Citizen energy labs in every neighbourhood."),
    ],
    "Ljubljana": [("Brașov", "Public transport and clean heating."), ("Písek", "Smart lighting.")],
    "Umeå": [("Kerava", "Building with wood and reused materials."), ("Oostende", "Green roofs.")],
    "Porto": [
        ("Matosinhos", "Our neighbour's citizen energy labs, at the scale of our city."),
        ("Maia", "Positive energy blocks next door."),
        ("Évora", "Renewables in a World Heritage centre like ours."),
    ],
}

# The cohort in matchmaking: some Mission cities have ranked; Torino has not yet.
RANKING_STAGE_PREFERENCES = {
    "Bologna": [
        ("Évora", "Solar power in a medieval centre."),
        ("Trento", "Smart city data shared with the residents."),
        ("Bilbao", "A positive energy district on former industrial land."),
    ],
    "Lyon": [("Alkmaar", "Neighbourhood batteries."), ("Évora", "Heritage and renewables.")],
    "Leuven": [
        ("Bilbao", "Citizen-driven urban renewal."),
        ("Oulu", "Data-driven district heating."),
        ("Kladno", "A municipal energy community."),
    ],
    "Aarhus": [("Oulu", "Northern district heating."), ("Kladno", "Energy sharing.")],
}

# Mission-minded city: the Mission cities it would like to work with.
RANKING_STAGE_INTERESTS = {"Bilbao": ["Leuven", "Valladolid"], "Oulu": ["Aarhus", "Tampere"]}
SELECTION_STAGE_INTERESTS = {"Matosinhos": ["Porto", "Groningen"], "Kerava": ["Umeå"]}

# (note, options): the runs an organiser compares before confirming the last one.
SELECTION_STAGE_RUNS = [
    ("The cohort's rules", {}),
    ("At most one Mission-minded city per country", {"max_selected_per_country": 1}),
    ("Torino with Évora", {"pinned": [("Torino", "Évora")]}),
]


def _cities(cohort) -> dict:
    return {
        city.name: city
        for city in City.objects.filter(
            registrations__cohort=cohort, registrations__state=RegistrationState.ACCEPTED
        )
    }


def _rank(cohort, cities, preferences, interests) -> None:
    Preference.objects.bulk_create(
        Preference(
            cohort=cohort,
            mission_city=cities[mission],
            mission_minded_city=cities[name],
            rank=rank,
            motivation=text,
        )
        for mission, ranking in preferences.items()
        for rank, (name, text) in enumerate(ranking, start=1)
    )
    Interest.objects.bulk_create(
        Interest(cohort=cohort, mission_minded_city=cities[minded], mission_city=cities[name])
        for minded, names in interests.items()
        for name in names
    )


def load_demo_ranking(cohort) -> None:
    """A cohort in its ranking window: some cities have ranked, the demo cities have not."""
    _rank(cohort, _cities(cohort), RANKING_STAGE_PREFERENCES, RANKING_STAGE_INTERESTS)


def load_demo_selection_stage(cohort, *, by) -> SelectionRun:
    """A cohort at selection: rankings, three runs to compare, the last one confirmed.

    One twinning is accepted by both cities; the others, Torino with Évora among them,
    wait for the cities' answers. Nothing is published yet.
    """
    cities = _cities(cohort)
    _rank(cohort, cities, SELECTION_STAGE_PREFERENCES, SELECTION_STAGE_INTERESTS)
    for note, options in SELECTION_STAGE_RUNS:
        options = dict(options)
        options["pinned"] = [(cities[a].pk, cities[b].pk) for a, b in options.get("pinned", [])]
        options = normalise_options(cohort, options)
        run = SelectionRun.objects.create(
            cohort=cohort,
            options=options,
            instance=build_instance(cohort, options),
            note=note,
            created_by=by,
        )
        run = execute_run(run.pk)
    confirm_selection_run(run, by=by)
    demo_cities = {cities["Torino"].pk, cities["Évora"].pk}
    twinning = (
        Twinning.objects.filter(created_from_run=run)
        .exclude(members__city__in=demo_cities)
        .order_by("pk")
        .first()
    )
    if twinning is not None:
        for member in twinning.members.order_by("pk"):
            set_member_acceptance(member, True, by=None)
    return run


__all__ = ["load_demo_ranking", "load_demo_selection", "load_demo_selection_stage"]
