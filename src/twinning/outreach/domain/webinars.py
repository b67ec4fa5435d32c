"""Seats at information webinars: confirmation by e-mail, capacity, waiting list,
cancellations, reminders."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from twinning.cohorts.models import Webinar
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.calendar import CalendarEvent, build_calendar, event_uid
from twinning.common.reminders import claim_reminder, schedule_reminders
from twinning.mail.domain import Attachment, queue_mail
from twinning.outreach.enums import SeatStatus
from twinning.outreach.models import WebinarRegistration, new_token


class SeatRefused(Exception):
    """The registration could not be taken; the message says why."""


def seats_taken(webinar: Webinar) -> int:
    return webinar.registrations.filter(status=SeatStatus.CONFIRMED).count()


def webinar_calendar(webinar: Webinar, *, with_link: bool) -> bytes:
    return build_calendar(
        [
            CalendarEvent(
                uid=event_uid("webinar", webinar.pk),
                summary=webinar.title,
                starts_at=webinar.starts_at,
                ends_at=webinar.ends_at,
                time_zone=webinar.time_zone,
                sequence=webinar.revision,
                description=webinar.description,
                location=webinar.meeting_url if with_link else "",
                url=webinar.meeting_url if with_link else "",
                cancelled=webinar.is_cancelled,
            )
        ],
        name=webinar.title,
    )


def _calendar_attachment(webinar: Webinar) -> Attachment:
    return Attachment("webinar.ics", webinar_calendar(webinar, with_link=True), "text/calendar")


def confirmation_deadline(registration: WebinarRegistration) -> dt.datetime:
    """The moment after which a registration not confirmed by its link lapses."""
    return registration.created + dt.timedelta(hours=settings.WEBINAR_CONFIRMATION_HOURS)


def _lapsed(registration: WebinarRegistration) -> bool:
    return confirmation_deadline(registration) <= clock.now()


def _mail_context(registration: WebinarRegistration) -> dict:
    return {
        "registration": registration,
        "webinar": registration.webinar,
        "cancel_path": reverse_lazy("public:webinar_cancel", args=[registration.token]),
        "confirm_path": reverse_lazy("public:webinar_confirm", args=[registration.token]),
        "hours": settings.WEBINAR_CONFIRMATION_HOURS,
    }


def is_open_for_registration(webinar: Webinar) -> bool:
    """Seats are taken until the webinar starts, only while it is published and not cancelled."""
    return webinar.is_published and not webinar.is_cancelled and webinar.starts_at > clock.now()


def _refuse_when_closed(webinar: Webinar) -> None:
    if webinar.is_cancelled:
        raise SeatRefused(_("This webinar is cancelled."))
    if not is_open_for_registration(webinar):
        raise SeatRefused(_("Registration for this webinar is closed."))


def _is_full(webinar: Webinar) -> bool:
    return webinar.capacity is not None and seats_taken(webinar) >= webinar.capacity


def register_for_webinar(webinar: Webinar, **details) -> WebinarRegistration:
    """Register a visitor, awaiting confirmation by the link mailed to them.

    Nothing is held until the link is followed (`confirm_webinar_registration`).
    Registering again while awaiting confirmation mails the same link again;
    after a cancellation or a lapsed link the registration starts anew, with a
    new link.
    """
    with transaction.atomic():
        webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
        _refuse_when_closed(webinar)
        if _is_full(webinar) and not webinar.has_waiting_list:
            raise SeatRefused(_("This webinar is full."))
        existing = webinar.registrations.filter(email__iexact=details["email"]).first()
        if existing and existing.status in {SeatStatus.CONFIRMED, SeatStatus.WAITING}:
            raise SeatRefused(_("This e-mail address is already registered for this webinar."))
        if existing and existing.status == SeatStatus.PENDING and not _lapsed(existing):
            registration = existing
        else:
            try:
                with transaction.atomic():
                    registration = _start_registration(webinar, existing, details)
            except IntegrityError:
                raise SeatRefused(
                    _("This e-mail address is already registered for this webinar.")
                ) from None
            record_action("webinar.registered", registration, status=SeatStatus.PENDING)
        queue_mail(
            "webinar_confirm", registration.email, _mail_context(registration), about=registration
        )
    return registration


def _start_registration(webinar, existing, details) -> WebinarRegistration:
    if existing is None:
        return WebinarRegistration.objects.create(
            webinar=webinar, status=SeatStatus.PENDING, **details
        )
    for name, value in details.items():
        setattr(existing, name, value)
    # A new link: one mailed before (or shown to whoever typed the address) no longer works.
    existing.token = new_token()
    existing.status, existing.created = SeatStatus.PENDING, clock.now()
    existing.confirmed_at = existing.promoted_at = existing.cancelled_at = None
    existing.save()
    return existing


def confirm_webinar_registration(registration: WebinarRegistration) -> WebinarRegistration:
    """Take a seat for a registration confirmed by its link, or a waiting-list place when full.

    The webinar row is locked for the count, so concurrent confirmations never
    take one seat too many. Confirming again changes nothing.
    """
    with transaction.atomic():
        webinar = Webinar.objects.select_for_update().get(pk=registration.webinar_id)
        registration = WebinarRegistration.objects.select_related("webinar").get(pk=registration.pk)
        if registration.status in {SeatStatus.CONFIRMED, SeatStatus.WAITING}:
            return registration
        if registration.status == SeatStatus.CANCELLED:
            raise SeatRefused(_("This registration is cancelled."))
        if _lapsed(registration):
            raise SeatRefused(_("This link has expired. Please register again."))
        _refuse_when_closed(webinar)
        if not _is_full(webinar):
            status = SeatStatus.CONFIRMED
        elif webinar.has_waiting_list:
            status = SeatStatus.WAITING
        else:
            raise SeatRefused(_("This webinar is full."))
        registration.status, registration.confirmed_at = status, clock.now()
        registration.save(update_fields=["status", "confirmed_at"])
        record_action("webinar.confirmed", registration, status=status)
        if status == SeatStatus.CONFIRMED:
            queue_mail(
                "webinar_confirmed",
                registration.email,
                _mail_context(registration),
                about=registration,
                attachments=[_calendar_attachment(webinar)],
            )
        else:
            queue_mail(
                "webinar_waiting",
                registration.email,
                _mail_context(registration),
                about=registration,
            )
    return registration


def expire_unconfirmed_webinar_registrations(*, now: dt.datetime | None = None) -> int:
    """Remove registrations not confirmed in time (nothing was held); returns how many."""
    cutoff = (now or clock.now()) - dt.timedelta(hours=settings.WEBINAR_CONFIRMATION_HOURS)
    lapsed = WebinarRegistration.objects.filter(status=SeatStatus.PENDING, created__lte=cutoff)
    _, removed = lapsed.delete()
    return removed.get(WebinarRegistration._meta.label, 0)


def cancel_webinar_registration(registration: WebinarRegistration) -> WebinarRegistration:
    """Give the seat back; the first person waiting moves up and is told by e-mail."""
    with transaction.atomic():
        webinar = Webinar.objects.select_for_update().get(pk=registration.webinar_id)
        registration = WebinarRegistration.objects.get(pk=registration.pk)
        if registration.status == SeatStatus.CANCELLED:
            return registration
        had_seat = registration.status == SeatStatus.CONFIRMED
        registration.status = SeatStatus.CANCELLED
        registration.cancelled_at = clock.now()
        registration.save(update_fields=["status", "cancelled_at"])
        record_action("webinar.cancelled", registration)
        queue_mail(
            "webinar_cancelled", registration.email, _mail_context(registration), about=registration
        )
        if had_seat:
            _promote_waiting(webinar)
    return registration


def _promote_waiting(webinar: Webinar) -> None:
    if webinar.is_cancelled:
        return  # nobody gets a seat at a webinar that will not take place
    free = None if webinar.capacity is None else webinar.capacity - seats_taken(webinar)
    waiting = webinar.registrations.filter(status=SeatStatus.WAITING).order_by("confirmed_at", "id")
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        registration.status = SeatStatus.CONFIRMED
        registration.promoted_at = clock.now()
        registration.save(update_fields=["status", "promoted_at"])
        record_action("webinar.promoted", registration)
        queue_mail(
            "webinar_promoted",
            registration.email,
            _mail_context(registration),
            about=registration,
            attachments=[_calendar_attachment(webinar)],
        )


def update_webinar(webinar: Webinar, changed: list[str], *, by=None) -> Webinar:
    """Save an organiser's change; a new time or link is mailed to everyone registered.

    A cancelled webinar is not changed any more (ValidationError).
    """
    notify = bool({"starts_at", "ends_at", "time_zone", "meeting_url"} & set(changed))
    with transaction.atomic():
        if webinar.pk and Webinar.objects.filter(pk=webinar.pk, cancelled_at__isnull=False):
            raise ValidationError(_("This webinar is cancelled: it can no longer be changed."))
        if webinar.pk and notify:
            webinar.revision += 1
        is_new = webinar.pk is None
        webinar.save()
        if is_new:
            record_action("webinar.created", webinar, by=by)
        elif changed:
            record_action("webinar.changed", webinar, by=by, fields=sorted(changed))
        if not is_new and notify:
            for registration in webinar.registrations.filter(status=SeatStatus.CONFIRMED):
                queue_mail(
                    "webinar_changed",
                    registration.email,
                    _mail_context(registration),
                    about=registration,
                    attachments=[_calendar_attachment(webinar)],
                    by=by,
                )
        if {"starts_at"} & set(changed) or is_new:
            schedule_webinar_reminders(webinar)
        if not is_new and {"capacity", "has_waiting_list"} & set(changed):
            _promote_waiting(webinar)
    return webinar


def can_cancel_webinar(webinar: Webinar) -> bool:
    """A webinar can be cancelled until it starts, once."""
    return not webinar.is_cancelled and webinar.starts_at > clock.now()


def cancel_webinar(webinar: Webinar, *, reason: str = "", by=None) -> Webinar:
    """Call a webinar off: registration closes, and everyone registered, waiting or
    still to confirm is told by e-mail, with a calendar file that removes the entry.

    Refused (ValidationError) once the webinar has started or when already cancelled.
    """
    with transaction.atomic():
        webinar = Webinar.objects.select_for_update().get(pk=webinar.pk)
        if webinar.is_cancelled:
            raise ValidationError(_("This webinar is already cancelled."))
        if webinar.starts_at <= clock.now():
            raise ValidationError(_("This webinar has started: it can no longer be cancelled."))
        webinar.cancelled_at = clock.now()
        webinar.cancellation_reason = reason.strip()
        webinar.revision += 1
        webinar.save(update_fields=["cancelled_at", "cancellation_reason", "revision"])
        told = webinar.registrations.filter(
            status__in=[SeatStatus.CONFIRMED, SeatStatus.WAITING, SeatStatus.PENDING]
        )
        count = 0
        for registration in told:
            queue_mail(
                "webinar_called_off",
                registration.email,
                _mail_context(registration),
                about=registration,
                attachments=[_calendar_attachment(webinar)],
                by=by,
            )
            count += 1
        record_action(
            "webinar.called_off", webinar, by=by, reason=webinar.cancellation_reason, told=count
        )
    return webinar


def schedule_webinar_reminders(webinar: Webinar) -> None:
    """Queue the day and hour reminders; a task that finds the time changed does nothing."""
    from twinning.outreach.tasks import task_send_webinar_reminder  # noqa: PLC0415 - circle: the tasks module imports this module

    schedule_reminders(task_send_webinar_reminder, webinar)


def send_webinar_reminder(webinar_id: int, kind: str, starts_at: str) -> int:
    """Mail the reminder once per start time; returns how many people were reminded."""
    with transaction.atomic():
        webinar = claim_reminder(Webinar, webinar_id, kind, starts_at)
        if webinar is None or webinar.is_cancelled:
            return 0
        registrations = list(webinar.registrations.filter(status=SeatStatus.CONFIRMED))
        for registration in registrations:
            queue_mail(
                f"webinar_reminder_{kind}",
                registration.email,
                _mail_context(registration),
                about=registration,
            )
    return len(registrations)


def set_attendance(webinar: Webinar, attended_ids: set[int], *, by) -> int:
    """Record who attended; returns how many did."""
    with transaction.atomic():
        seats = webinar.registrations.filter(status=SeatStatus.CONFIRMED)
        seats.filter(pk__in=attended_ids).update(attended=True)
        seats.exclude(pk__in=attended_ids).update(attended=False)
        record_action("webinar.attendance", webinar, by=by, attended=len(attended_ids))
    return seats.filter(attended=True).count()
