"""Reusable reads about visits and claims."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from twinning.common.models import AuditEntry
from twinning.programme.enums import MemberRole
from twinning.programme.models import TwinningMember
from twinning.visits.emissions import TripEstimate, estimate_trip
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import Delegate, ExpenseClaim, Receipt, Visit


def visits_of_twinning(twinning):
    return (
        Visit.objects.filter(twinning=twinning)
        .select_related("host")
        .prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.select_related("person", "city"))
        )
        .order_by("starts_on", "id")
    )


def visit_of_twinning_or_404(twinning, pk) -> Visit:
    """One of the twinning's visits (see `visits_of_twinning`)."""
    return get_object_or_404(visits_of_twinning(twinning), pk=pk)


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


def visits_for_approval(state: str) -> QuerySet[Visit]:
    """Every visit, soonest first, with host, cohort, delegates and the twinning's cities;
    only those in `state` if it is one."""
    visits = (
        Visit.objects.select_related("host", "twinning__cohort")
        .prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.select_related("person", "city")),
            Prefetch("twinning__members", queryset=TwinningMember.objects.select_related("city")),
        )
        .order_by("starts_on", "id")
    )
    if state in VisitState.values:
        visits = visits.filter(state=state)
    return visits


def visit_or_404(pk) -> Visit:
    return get_object_or_404(Visit, pk=pk)


def claims_in_queue(state: str = "") -> QuerySet[ExpenseClaim]:
    """The claims queue (see `claims_queue`), oldest first; only those in `state` if it
    is one."""
    claims = claims_queue().order_by("created", "id")
    if state in ClaimState.values:
        claims = claims.filter(state=state)
    return claims


def claim_in_queue_or_404(pk) -> ExpenseClaim:
    return get_object_or_404(claims_queue(), pk=pk)


def receipt_of_claim_or_404(claim_id, pk) -> Receipt:
    return get_object_or_404(Receipt, pk=pk, claim_id=claim_id)


def claims_of_twinning(twinning, traveller=None) -> QuerySet[ExpenseClaim]:
    """The twinning's claims, newest first, with traveller and host; only the traveller's
    own if one is given."""
    claims = ExpenseClaim.objects.filter(visit__twinning=twinning).select_related(
        "traveller", "visit__host"
    )
    if traveller is not None:
        claims = claims.filter(traveller=traveller)
    return claims.order_by("-created", "-id")


def claims_of_visit(visit, traveller=None) -> QuerySet[ExpenseClaim]:
    """The visit's claims with traveller and receipts; only the traveller's own if one is
    given."""
    claims = visit.claims.select_related("traveller").prefetch_related("receipts")
    if traveller is not None:
        claims = claims.filter(traveller=traveller)
    return claims


def claim_of_twinning_or_404(twinning, pk) -> ExpenseClaim:
    """A claim of one of the twinning's visits, with traveller, host and twinning."""
    return get_object_or_404(
        ExpenseClaim.objects.select_related("traveller", "visit__host", "visit__twinning"),
        pk=pk,
        visit__twinning=twinning,
    )


def claim_history(claim: ExpenseClaim) -> QuerySet[AuditEntry]:
    """The claim's entries in the audit trail, in the model's order, with who acted."""
    return AuditEntry.objects.filter(
        content_type__app_label="visits",
        content_type__model="expenseclaim",
        object_id=str(claim.pk),
    ).select_related("actor")
