"""Reusable reads about workshops."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopMaterial, WorkshopRegistration


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


def workshops_with_counts_for_facilitator(user):
    """The workshops with counts (see `workshops_with_counts`) a facilitator sees: the
    cohort-wide ones and those of the twinnings they guide."""
    return workshops_with_counts().filter(Q(twinning__isnull=True) | Q(twinning__facilitator=user))


def workshop_or_404(pk) -> Workshop:
    return get_object_or_404(Workshop, pk=pk)


def workshop_for_attendance_or_404(pk) -> Workshop:
    """A workshop with its cohort, twinning and materials."""
    return get_object_or_404(
        Workshop.objects.select_related("cohort", "twinning").prefetch_related("materials"), pk=pk
    )


def registrations_of_workshop(workshop: Workshop) -> list[WorkshopRegistration]:
    """Who registered for the workshop, by name, with their twinning's cities."""
    return list(
        workshop.registrations.select_related("person")
        .prefetch_related("twinning__members__city")
        .order_by("person__name", "id")
    )


def workshop_of_twinning_or_404(twinning, pk) -> Workshop:
    """One of the workshops the twinning's people may attend (see `workshops_of_twinning`)."""
    return get_object_or_404(workshops_of_twinning(twinning), pk=pk)


def own_registration_or_404(workshop: Workshop, person) -> WorkshopRegistration:
    """The person's registration for the workshop, with the workshop."""
    return get_object_or_404(
        WorkshopRegistration.objects.select_related("workshop"), workshop=workshop, person=person
    )


def material_file_or_404(workshop: Workshop, pk) -> WorkshopMaterial:
    """A material of the workshop that is an uploaded file (not a link)."""
    return get_object_or_404(workshop.materials.exclude(file=""), pk=pk)
