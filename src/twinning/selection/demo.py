"""Demo preferences and a confirmed selection for cohort 5, which is in its programme year.

Loading is idempotent: preferences are updated in place, and the selection is run,
confirmed, accepted and published only once.
"""

from __future__ import annotations

from django.db import transaction

from twinning.cities.enums import RegistrationState
from twinning.cities.models import City
from twinning.cohorts.models import Cohort
from twinning.programme.domain import publish_twinnings, set_member_acceptance
from twinning.programme.enums import Acceptance
from twinning.programme.models import TwinningMember
from twinning.selection.domain.runs import (
    build_instance,
    confirm_selection_run,
    execute_run,
    normalise_options,
)
from twinning.selection.models import Preference, SelectionRun

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


__all__ = ["load_demo_selection"]
