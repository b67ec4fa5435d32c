"""Reusable reads of the outreach app."""

from django.db.models import Count, Q, QuerySet

from twinning.cohorts.models import Webinar
from twinning.outreach.domain.webinars import confirmation_deadline
from twinning.outreach.enums import SeatStatus
from twinning.outreach.models import InterestExpression, WebinarRegistration


def webinars_with_counts() -> QuerySet[Webinar]:
    return (
        Webinar.objects.select_related("cohort")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
            awaiting=Count("registrations", filter=Q(registrations__status="pending")),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("-starts_at")
    )


def counted_registrations(webinar: Webinar) -> QuerySet[WebinarRegistration]:
    """Registrations confirmed by their link: seats, waiting list, cancellations."""
    return webinar.registrations.exclude(status=SeatStatus.PENDING)


def registrations_awaiting_confirmation(webinar: Webinar) -> list[WebinarRegistration]:
    """Registrations not confirmed yet, oldest first, each with `lapses_at`."""
    awaiting = list(webinar.registrations.filter(status=SeatStatus.PENDING).order_by("created"))
    for registration in awaiting:
        registration.lapses_at = confirmation_deadline(registration)
    return awaiting


def filter_interest(*, kind="", country="", theme="", q="") -> QuerySet[InterestExpression]:
    answers = InterestExpression.objects.select_related("partner_project").prefetch_related(
        "themes"
    )
    if kind:
        answers = answers.filter(kind=kind)
    if country:
        answers = answers.filter(country=country)
    if theme:
        answers = answers.filter(themes__code=theme)
    if q:
        answers = answers.filter(
            Q(city_name__icontains=q) | Q(contact_name__icontains=q) | Q(message__icontains=q)
        )
    return answers.distinct()
