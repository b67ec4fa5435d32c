"""Reusable reads about cities and their participation in cohorts."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import City, Invitation, Membership, Registration
from twinning.cohorts.domain.queries import published_cohorts
from twinning.cohorts.models import Cohort, Milestone
from twinning.common.models import AuditEntry

# Registrations that count as a city taking part in a cohort.
TAKING_PART = [RegistrationState.ACCEPTED]


@dataclass(frozen=True)
class ProgrammeFigures:
    cities_supported: int
    mission_cities_supported: int
    mission_minded_cities_supported: int
    countries: int
    cohorts: int
    mission_cities_listed: int
    # The year the first cohort with cities taking part opened; None before any window.
    since_year: int | None = None


def member_emails(cities) -> list[str]:
    """The e-mail addresses of the people who represent any of `cities` (cities or
    their ids), each once and sorted; a deactivated account is not written to."""
    return sorted(
        set(
            Membership.objects.filter(city__in=cities, user__is_active=True).values_list(
                "user__email", flat=True
            )
        )
    )


def public_registrations() -> QuerySet[Registration]:
    """Cities taking part in a published cohort: the participation visitors may see."""
    return Registration.objects.filter(state__in=TAKING_PART, cohort__in=published_cohorts())


def cities_taking_part(cohort=None) -> list[tuple[City, str]]:
    """The cities taking part in the cohort (in any published cohort with None), sorted by
    name, each with the kind it takes part as (its latest, over several cohorts).

    Two light queries, whatever the number of cities: what a map and a list of names need.
    """
    registrations = public_registrations()
    if cohort is not None:
        registrations = registrations.filter(cohort=cohort)
    kinds = dict(registrations.order_by("cohort__number").values_list("city_id", "kind"))
    cities = City.objects.filter(pk__in=registrations.values("city_id")).only(
        "name", "name_en", "slug", "country", "latitude", "longitude"
    )
    return [(city, kinds[city.pk]) for city in cities.order_by("name", "pk")]


def public_cities() -> QuerySet[City]:
    """Mission cities, and the cities taking part in a published cohort."""
    return City.objects.filter(
        Q(is_mission_city=True) | Q(pk__in=public_registrations().values("city_id"))
    )


def programme_figures() -> ProgrammeFigures:
    """Figures since the first cohort, from accepted registrations: no hard-coded number."""
    taking_part = public_registrations()
    totals = taking_part.aggregate(
        cities=Count("city", distinct=True),
        mission=Count("city", distinct=True, filter=Q(kind=CityKind.MISSION)),
        mission_minded=Count("city", distinct=True, filter=Q(kind=CityKind.MISSION_MINDED)),
        countries=Count("city__country", distinct=True),
        cohorts=Count("cohort", distinct=True),
    )
    return ProgrammeFigures(
        cities_supported=totals["cities"],
        mission_cities_supported=totals["mission"],
        mission_minded_cities_supported=totals["mission_minded"],
        countries=totals["countries"],
        cohorts=totals["cohorts"],
        mission_cities_listed=City.objects.filter(is_mission_city=True).count(),
        since_year=_first_year(taking_part),
    )


def _first_year(taking_part: QuerySet[Registration]) -> int | None:
    first = (
        Milestone.objects.filter(cohort__in=taking_part.values("cohort"))
        .order_by("starts_at")
        .only("starts_at", "time_zone")
        .first()
    )
    return timezone.localtime(first.starts_at, first.zone).year if first else None


def cities_of(user) -> list[City]:
    """The cities a person represents."""
    if not user.is_authenticated:
        return []
    return list(City.objects.filter(memberships__user=user).order_by("name"))


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


def registration_counts(cohort) -> list[dict]:
    """The cohort's registrations counted by kind and state: rows of `kind`, `state`, `count`."""
    return list(
        Registration.objects.filter(cohort=cohort)
        .values("kind", "state")
        .annotate(count=Count("id"))
        .order_by("kind", "state")
    )


def city_or_404(pk) -> City:
    return get_object_or_404(City, pk=pk)


def registration_or_404(pk) -> Registration:
    return get_object_or_404(Registration, pk=pk)


def registration_with_city_or_404(pk) -> Registration:
    """A registration with its city and cohort loaded."""
    return get_object_or_404(Registration.objects.select_related("city", "cohort"), pk=pk)


def live_registration(cohort, city) -> Registration | None:
    """The city's registration in the cohort, unless it was rejected or withdrawn."""
    return (
        Registration.objects.filter(cohort=cohort, city=city)
        .exclude(state__in=[RegistrationState.REJECTED, RegistrationState.WITHDRAWN])
        .first()
    )


def memberships_of(user) -> list[Membership]:
    """The cities a person represents, as memberships with their city, by city name."""
    return list(Membership.objects.filter(user=user).select_related("city").order_by("city__name"))


def members_of_city(city) -> list[Membership]:
    """The people who represent the city, as memberships with their account."""
    return list(city.memberships.select_related("user"))


def representatives_of(city_ids) -> list[Membership]:
    """The people who represent any of the cities, by city and name."""
    return list(
        Membership.objects.filter(city__in=city_ids)
        .select_related("user", "city")
        .order_by("city__name", "user__name")
    )


def represents(user, city) -> bool:
    """Whether the person is one of the city's representatives."""
    return city.memberships.filter(user=user).exists()


def invitations_of_registration(registration) -> list[Invitation]:
    """The invitations the registration came from, with who sent them."""
    return list(registration.invitations.select_related("created_by"))


def ambitions_of(registration) -> list:
    """The registration's ambitions, each with its theme."""
    return list(registration.ambitions.select_related("theme"))


def other_cohorts_taking_part(city_ids, cohort) -> QuerySet[Cohort]:
    """Published cohorts other than `cohort` in which any of the cities was accepted,
    newest first."""
    return (
        Cohort.objects.filter(
            is_published=True,
            registrations__city__in=city_ids,
            registrations__state=RegistrationState.ACCEPTED,
        )
        .exclude(pk=getattr(cohort, "pk", None))
        .distinct()
        .order_by("-number")
    )


def all_invitations() -> QuerySet[Invitation]:
    """Every invitation with its city and partner project, newest first."""
    return Invitation.objects.select_related("city", "partner_project").order_by("-created", "-id")


def find_invitation(token: str) -> Invitation | None:
    """The invitation the link's token names, with its cohort, city and partner project."""
    return (
        Invitation.objects.select_related("cohort", "city", "partner_project")
        .filter(token=token)
        .first()
    )
