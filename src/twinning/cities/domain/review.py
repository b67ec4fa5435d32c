"""Reads for the organisers' review of registrations."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from twinning.cities.models import Invitation, Registration
from twinning.common.models import AuditEntry
from twinning.practices.enums import PracticeState


def review_queue(
    cohort,
    *,
    kind: str = "",
    state: str = "",
    country: str = "",
    q: str = "",
    practices_to_review: bool = False,
) -> QuerySet[Registration]:
    """The cohort's registrations for review, oldest submission first, with practice counts."""
    registrations = (
        Registration.objects.filter(cohort=cohort)
        .select_related("city", "cohort")
        .annotate(
            practice_count=Count("practices", distinct=True),
            practices_to_review=Count(
                "practices", distinct=True, filter=Q(practices__state=PracticeState.SUBMITTED)
            ),
        )
    )
    if practices_to_review:
        registrations = registrations.filter(practices_to_review__gt=0)
    if kind:
        registrations = registrations.filter(kind=kind)
    if state:
        registrations = registrations.filter(state=state)
    if country:
        registrations = registrations.filter(city__country=country)
    if q:
        registrations = registrations.filter(
            Q(city__name__icontains=q) | Q(city__name_en__icontains=q)
        )
    return registrations.order_by("submitted_at", "city__name")


def registration_history(registration: Registration) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id=str(registration.pk),
        )
        .select_related("actor")
        .order_by("timestamp", "id")
    )


def invitations_of(cohort) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(cohort=cohort)
        .select_related("city", "partner_project", "accepted_by", "registration")
        .order_by("-created", "-id")
    )
