"""A Mission city's ranking of preferred twins, and a Mission-minded city's interests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.domain.queries import cohort_calendar
from twinning.cohorts.enums import MilestoneKind
from twinning.common.audit import record_action
from twinning.selection.models import Interest, Preference


def preferences_refusal(cohort, city) -> str | None:
    """None when the city may change its ranking now, else a sentence saying why not."""
    refusal = cohort_calendar(cohort).refusal(MilestoneKind.PREFERENCES)
    if refusal:
        return refusal
    if not Registration.objects.filter(
        cohort=cohort, city=city, kind=CityKind.MISSION, state=RegistrationState.ACCEPTED
    ).exists():
        return _("Only Mission cities taking part in %(cohort)s rank their preferred twins.") % {
            "cohort": cohort
        }
    return None


def interests_refusal(cohort, city) -> str | None:
    refusal = cohort_calendar(cohort).refusal(MilestoneKind.PREFERENCES)
    if refusal:
        return refusal
    if not Registration.objects.filter(
        cohort=cohort, city=city, kind=CityKind.MISSION_MINDED, state=RegistrationState.ACCEPTED
    ).exists():
        return _("Only Mission-minded cities taking part in %(cohort)s state their interests.") % {
            "cohort": cohort
        }
    return None


def _accepted_cities(cohort, kind):
    return Registration.objects.filter(
        cohort=cohort, kind=kind, state=RegistrationState.ACCEPTED
    ).values_list("city_id", flat=True)


@transaction.atomic
def save_preferences(
    cohort, mission_city, choices: list[tuple[int, str]], *, by
) -> list[Preference]:
    """Replace the city's ranking with `choices`: (Mission-minded city id, motivation), best first.

    Saving the same ranking twice gives the same result (a double submit changes nothing).
    """
    refusal = preferences_refusal(cohort, mission_city)
    if refusal:
        raise ValidationError(refusal)
    if len(choices) > cohort.twins_ranked:
        raise ValidationError(
            ngettext(
                "Rank at most %(count)s Mission-minded city.",
                "Rank at most %(count)s Mission-minded cities.",
                cohort.twins_ranked,
            )
            % {"count": cohort.twins_ranked}
        )
    ids = [city_id for city_id, _motivation in choices]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Each Mission-minded city can be ranked only once."))
    allowed = set(_accepted_cities(cohort, CityKind.MISSION_MINDED))
    if any(city_id not in allowed for city_id in ids):
        raise ValidationError(_("Choose among the Mission-minded cities taking part."))
    if any(not motivation.strip() for _city_id, motivation in choices):
        raise ValidationError(_("Give a short motivation for each choice."))
    Preference.objects.filter(cohort=cohort, mission_city=mission_city).delete()
    saved = [
        Preference.objects.create(
            cohort=cohort,
            mission_city=mission_city,
            mission_minded_city_id=city_id,
            rank=rank,
            motivation=motivation.strip(),
        )
        for rank, (city_id, motivation) in enumerate(choices, start=1)
    ]
    record_action("preferences.saved", mission_city, by=by, cohort=cohort.pk, ranking=ids)
    return saved


@transaction.atomic
def move_preference(preference: Preference, offset: int, *, by) -> list[Preference]:
    """Move one choice up (-1) or down (+1) in its city's ranking."""
    ranking = list(
        Preference.objects.select_for_update()
        .filter(cohort=preference.cohort, mission_city=preference.mission_city)
        .order_by("rank")
    )
    position = next(i for i, p in enumerate(ranking) if p.pk == preference.pk)
    target = position + offset
    if not 0 <= target < len(ranking):
        return ranking
    ranking[position], ranking[target] = ranking[target], ranking[position]
    return save_preferences(
        preference.cohort,
        preference.mission_city,
        [(p.mission_minded_city_id, p.motivation) for p in ranking],
        by=by,
    )


@transaction.atomic
def save_interests(cohort, mission_minded_city, mission_city_ids, *, by) -> list[Interest]:
    """Replace the Mission cities a Mission-minded city would like to work with."""
    refusal = interests_refusal(cohort, mission_minded_city)
    if refusal:
        raise ValidationError(refusal)
    ids = sorted(set(mission_city_ids))
    allowed = set(_accepted_cities(cohort, CityKind.MISSION))
    if any(city_id not in allowed for city_id in ids):
        raise ValidationError(_("Choose among the Mission cities taking part."))
    Interest.objects.filter(cohort=cohort, mission_minded_city=mission_minded_city).delete()
    saved = [
        Interest.objects.create(
            cohort=cohort, mission_minded_city=mission_minded_city, mission_city_id=city_id
        )
        for city_id in ids
    ]
    record_action("interests.saved", mission_minded_city, by=by, cohort=cohort.pk, cities=ids)
    return saved
