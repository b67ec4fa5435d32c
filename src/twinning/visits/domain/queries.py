"""Reusable reads about visits and claims."""

from __future__ import annotations

from django.db.models import Prefetch

from twinning.programme.models import TwinningMember
from twinning.visits.emissions import TripEstimate, estimate_trip
from twinning.visits.models import Delegate, ExpenseClaim, Visit


def visits_of_twinning(twinning):
    return (
        Visit.objects.filter(twinning=twinning)
        .select_related("host")
        .prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.select_related("person", "city"))
        )
        .order_by("starts_on", "id")
    )


def claims_queue():
    """All claims, for the programme team, with what their pages show loaded."""
    return ExpenseClaim.objects.select_related(
        "traveller", "visit__host", "visit__twinning__cohort"
    ).prefetch_related(
        "receipts",
        Prefetch(
            "visit__twinning__members", queryset=TwinningMember.objects.select_related("city")
        ),
    )


def visit_trip(visit) -> TripEstimate | None:
    """The return trip, per traveller, from the delegation's cities to the host city.

    The estimate is for the farthest delegation city; None without coordinates.
    """
    host = visit.host
    if host.latitude is None or host.longitude is None:
        return None
    trips = [
        estimate_trip(
            float(d.city.latitude),
            float(d.city.longitude),
            float(host.latitude),
            float(host.longitude),
        )
        for d in visit.delegates.all()
        if d.city.latitude is not None and d.city.longitude is not None
    ]
    return max(trips, key=lambda t: t.great_circle_km) if trips else None


def twinning_trip(twinning) -> TripEstimate | None:
    """The return trip between the twinning's first two cities (for visits still to plan)."""
    cities = [m.city for m in twinning.members.all() if m.city.latitude is not None]
    if len(cities) < 2:
        return None
    a, b = cities[0], cities[1]
    return estimate_trip(
        float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude)
    )
