"""Reusable reads of the outreach app."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from twinning.cities.enums import CityKind
from twinning.cohorts.models import Webinar
from twinning.outreach.domain.webinars import confirmation_deadline
from twinning.outreach.enums import SeatStatus
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration


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


def filter_interest(
    *, kind="", country="", theme="", q="", invited=""
) -> QuerySet[InterestExpression]:
    """Expressions of interest matching the filters; `invited="no"` keeps those still
    waiting for an invitation."""
    answers = InterestExpression.objects.select_related("partner_project").prefetch_related(
        "themes"
    )
    if invited == "no":
        answers = answers.filter(invited_at__isnull=True)
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


def interest_waiting_for_invitation() -> QuerySet[InterestExpression]:
    """Mission-minded cities that expressed interest and were not invited yet: the ones
    the programme team can answer with an invitation."""
    return filter_interest(kind=CityKind.MISSION_MINDED, invited="no")


def webinar_with_counts_or_404(pk) -> Webinar:
    """A webinar, published or not, with the counts of `webinars_with_counts`."""
    return get_object_or_404(webinars_with_counts(), pk=pk)


def seat_by_token_or_404(token) -> WebinarRegistration:
    """The registration the secret link in a person's mail names, with its webinar."""
    return get_object_or_404(WebinarRegistration.objects.select_related("webinar"), token=token)


def all_seats() -> QuerySet[WebinarRegistration]:
    """Every registration for a webinar, by webinar, oldest first."""
    return WebinarRegistration.objects.order_by("webinar_id", "created", "id")


def contact_messages(*, open_only: bool) -> QuerySet[ContactMessage]:
    """Messages sent through the contact form, with who handled them; only those not
    handled yet where `open_only`."""
    contacts = ContactMessage.objects.select_related("handled_by")
    if open_only:
        contacts = contacts.filter(handled_at__isnull=True)
    return contacts


def contact_message_or_404(pk) -> ContactMessage:
    return get_object_or_404(ContactMessage, pk=pk)


def interest_expression_or_404(pk) -> InterestExpression:
    return get_object_or_404(InterestExpression, pk=pk)
