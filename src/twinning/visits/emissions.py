"""Distance between two cities and the emissions of the trip by train and by plane.

Pure Python: coordinates in, figures out, so that delegations can choose the
lower-carbon way to travel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088

# Flights: the DESNZ methodology adds 8 % to the great-circle distance for
# indirect routes and stacking (2024 GHG conversion factors methodology paper, section on air).
FLIGHT_DISTANCE_UPLIFT = 1.08
# Rail lines are not straight: an assumed 20 % detour over the great circle
# (a stated assumption of this programme, not a published figure).
RAIL_DETOUR_FACTOR = 1.20

# kg CO2e per passenger-km, UK Government GHG Conversion Factors for Company
# Reporting 2024 (DESNZ), condensed set:
# - table "Business travel - air", short-haul (up to 3,700 km), economy class,
#   with radiative forcing (the non-CO2 effects of flying at altitude);
PLANE_KG_PER_PKM = 0.156
# - table "Business travel - land", national rail. The "international rail" row of
#   the same table is Eurostar's own figure, so the national-rail average is used
#   as the cautious European estimate.
TRAIN_KG_PER_PKM = 0.035


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance between two points given in decimal degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class TripEstimate:
    """A return trip for one traveller, in km and kg CO2e, rounded to whole units."""

    great_circle_km: int
    train_km: int
    plane_km: int
    train_kg: int
    plane_kg: int

    @property
    def lower(self) -> str:
        return "train" if self.train_kg <= self.plane_kg else "plane"

    @property
    def saving_kg(self) -> int:
        return abs(self.plane_kg - self.train_kg)


def estimate_trip(lat1: float, lon1: float, lat2: float, lon2: float) -> TripEstimate:
    """Return-trip distances and emissions per traveller, by train and by plane."""
    one_way = great_circle_km(lat1, lon1, lat2, lon2)
    train_km = 2 * one_way * RAIL_DETOUR_FACTOR
    plane_km = 2 * one_way * FLIGHT_DISTANCE_UPLIFT
    return TripEstimate(
        great_circle_km=round(one_way),
        train_km=round(train_km),
        plane_km=round(plane_km),
        train_kg=round(train_km * TRAIN_KG_PER_PKM),
        plane_kg=round(plane_km * PLANE_KG_PER_PKM),
    )
