import pytest
from django.core.exceptions import ValidationError

from tests.factories import CityFactory
from tests.factories.selection import rank, selection_cohort
from twinning.selection.domain.preferences import (
    move_preference,
    save_interests,
    save_preferences,
)
from twinning.selection.models import Interest, Preference

pytestmark = pytest.mark.django_db


def _ranking(cohort, city):
    return list(
        Preference.objects.filter(cohort=cohort, mission_city=city)
        .order_by("rank")
        .values_list("mission_minded_city_id", "rank")
    )


def test_saving_a_ranking_replaces_the_previous_one(organiser):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0], minded[1]])

    save_preferences(
        cohort, mission[0], [(minded[2].pk, "Retrofits"), (minded[0].pk, "Heat")], by=organiser
    )

    assert _ranking(cohort, mission[0]) == [(minded[2].pk, 1), (minded[0].pk, 2)]


def test_saving_the_same_ranking_twice_gives_the_same_ranking(organiser):
    cohort, mission, minded = selection_cohort()
    choices = [(minded[1].pk, "Bikes"), (minded[0].pk, "Heat")]

    save_preferences(cohort, mission[0], choices, by=organiser)
    save_preferences(cohort, mission[0], choices, by=organiser)

    assert _ranking(cohort, mission[0]) == [(minded[1].pk, 1), (minded[0].pk, 2)]


def test_a_ranking_is_refused_once_the_window_has_closed(organiser):
    cohort, mission, minded = selection_cohort(open_=False)

    with pytest.raises(ValidationError, match="closed on"):
        save_preferences(cohort, mission[0], [(minded[0].pk, "Heat")], by=organiser)

    assert Preference.objects.count() == 0


def test_a_ranking_is_refused_for_a_city_not_taking_part_as_mission_city(organiser):
    cohort, _mission, minded = selection_cohort()

    with pytest.raises(ValidationError, match="Only Mission cities"):
        save_preferences(cohort, minded[0], [(minded[1].pk, "Heat")], by=organiser)


def test_a_ranking_may_only_name_mission_minded_cities_taking_part(organiser):
    cohort, mission, _minded = selection_cohort()

    with pytest.raises(ValidationError, match="Choose among"):
        save_preferences(cohort, mission[0], [(CityFactory().pk, "Heat")], by=organiser)


def test_a_ranking_is_capped_by_the_cohort_and_names_each_city_once(organiser):
    cohort, mission, minded = selection_cohort(minded=4)
    cohort.twins_ranked = 3
    cohort.save(update_fields=["twins_ranked"])

    save_preferences(cohort, mission[0], [(c.pk, "x") for c in minded[:3]], by=organiser)
    with pytest.raises(ValidationError, match="at most 3"):
        save_preferences(cohort, mission[0], [(c.pk, "x") for c in minded], by=organiser)
    with pytest.raises(ValidationError, match="only once"):
        save_preferences(
            cohort, mission[0], [(minded[0].pk, "x"), (minded[0].pk, "y")], by=organiser
        )


def test_moving_a_choice_up_swaps_it_with_the_one_above(organiser):
    cohort, mission, minded = selection_cohort()
    preferences = rank(cohort, mission[0], minded)

    move_preference(preferences[2], -1, by=organiser)

    assert _ranking(cohort, mission[0]) == [(minded[0].pk, 1), (minded[2].pk, 2), (minded[1].pk, 3)]


def test_moving_the_first_choice_up_changes_nothing(organiser):
    cohort, mission, minded = selection_cohort()
    preferences = rank(cohort, mission[0], minded[:2])

    move_preference(preferences[0], -1, by=organiser)

    assert _ranking(cohort, mission[0]) == [(minded[0].pk, 1), (minded[1].pk, 2)]


def test_interests_name_mission_cities_taking_part(organiser):
    cohort, mission, minded = selection_cohort()

    save_interests(cohort, minded[0], [mission[1].pk, mission[0].pk], by=organiser)

    assert sorted(Interest.objects.values_list("mission_city_id", flat=True)) == sorted(
        [mission[0].pk, mission[1].pk]
    )
    with pytest.raises(ValidationError, match="Only Mission-minded"):
        save_interests(cohort, mission[0], [mission[1].pk], by=organiser)
