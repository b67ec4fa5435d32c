import pytest

from twinning.visits.emissions import EARTH_RADIUS_KM, estimate_trip, great_circle_km


def test_great_circle_one_degree_on_the_equator_is_a_360th_of_the_circumference():
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(
        2 * 3.141592653589793 * EARTH_RADIUS_KM / 360
    )


def test_great_circle_same_point_is_zero():
    assert great_circle_km(45.07049, 7.68682, 45.07049, 7.68682) == 0.0


def test_estimate_torino_evora_return_trip():
    trip = estimate_trip(45.07049, 7.68682, 38.56667, -7.9)

    assert trip.great_circle_km == 1477
    assert trip.train_km == 3544
    assert trip.plane_km == 3190
    assert trip.train_kg == 124
    assert trip.plane_kg == 498
    assert trip.lower == "train"
    assert trip.saving_kg == 374
