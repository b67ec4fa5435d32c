"""Reusable reads about visits and claims."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from twinning.programme.enums import MemberRole
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


def _estimate(origin, destination) -> TripEstimate | None:
    if None in (origin.latitude, origin.longitude, destination.latitude, destination.longitude):
        return None
    return estimate_trip(
        float(origin.latitude),
        float(origin.longitude),
        float(destination.latitude),
        float(destination.longitude),
    )


def visit_trips(visit) -> list[tuple[str, TripEstimate]]:
    """The return trip, per traveller, from each delegation city to the host city."""
    origins = {d.city_id: d.city for d in visit.delegates.all()}
    return _labelled(origins.values(), [visit.host])


def twinning_trips(twinning) -> list[tuple[str, TripEstimate]]:
    """Return trips between the Mission-minded city and each Mission city of the twinning."""
    members = list(twinning.members.all())
    minded = [m.city for m in members if m.role == MemberRole.MISSION_MINDED]
    mission = [m.city for m in members if m.role == MemberRole.MISSION]
    return _labelled(minded, mission)


def _labelled(origins, destinations) -> list[tuple[str, TripEstimate]]:
    trips = []
    for origin in origins:
        for destination in destinations:
            estimate = _estimate(origin, destination)
            if estimate is not None:
                label = _("%(origin)s – %(destination)s") % {
                    "origin": origin.display_name,
                    "destination": destination.display_name,
                }
                trips.append((label, estimate))
    return trips
