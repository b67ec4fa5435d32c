"""Reusable reads about workshops."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration


def workshops_of_twinning(twinning, person=None):
    """The twinning's own workshops and its cohort's, each with `registered` for `person`."""
    queryset = (
        Workshop.objects.filter(
            Q(twinning=twinning) | Q(twinning__isnull=True, cohort_id=twinning.cohort_id)
        )
        .prefetch_related("materials")
        .order_by("starts_at", "id")
    )
    if person is not None and person.is_authenticated:
        queryset = queryset.annotate(
            registered=Exists(
                WorkshopRegistration.objects.filter(workshop=OuterRef("pk"), person=person)
            )
        )
    return queryset


def workshops_with_counts():
    """All workshops, newest first, with how many registered and attended."""
    return (
        Workshop.objects.select_related("cohort", "twinning")
        .prefetch_related("twinning__members__city")
        .annotate(
            registered_count=Count("registrations", distinct=True),
            attended_count=Count(
                "registrations",
                filter=Q(registrations__attendance=Attendance.ATTENDED),
                distinct=True,
            ),
        )
        .order_by("-starts_at", "-id")
    )
