"""Workshops of the programme year: scheduling, materials, registration, reminders, attendance."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from twinning.common import clock, l10n
from twinning.common.audit import record_action
from twinning.common.calendar import CalendarEvent, build_calendar, event_uid
from twinning.common.files import check_upload
from twinning.common.ranges import check_date_in_range
from twinning.common.reminders import claim_reminder, schedule_reminders
from twinning.mail.domain import Attachment, queue_mail
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopMaterial, WorkshopRegistration

# Changes that registered people must hear of, with a new calendar entry.
NOTIFIED_FIELDS = {"starts_at", "ends_at", "time_zone", "meeting_url"}


def workshop_calendar(workshop: Workshop) -> bytes:
    return build_calendar(
        [
            CalendarEvent(
                uid=event_uid("workshop", workshop.pk),
                summary=workshop.title,
                starts_at=workshop.starts_at,
                ends_at=workshop.ends_at,
                time_zone=workshop.time_zone,
                sequence=workshop.revision,
                description=workshop.description,
                location=workshop.meeting_url,
                url=workshop.meeting_url,
            )
        ],
        name=workshop.title,
    )


def _calendar(workshop: Workshop) -> Attachment:
    return Attachment("workshop.ics", workshop_calendar(workshop), "text/calendar")


def _audit_data(workshop: Workshop) -> dict:
    return {"twinning": workshop.twinning_id} if workshop.twinning_id else {}


@transaction.atomic
def save_workshop(workshop: Workshop, changed: list[str], *, by) -> Workshop:
    """Schedule a workshop or save a change; a new time or link is mailed to registered people."""
    check_date_in_range(workshop.starts_at)
    check_date_in_range(workshop.ends_at)
    if workshop.ends_at <= workshop.starts_at:
        raise ValidationError(_("A workshop must end after it starts."))
    if workshop.twinning_id and workshop.twinning.cohort_id != workshop.cohort_id:
        raise ValidationError(_("The twinning belongs to another cohort."))
    is_new = workshop.pk is None
    notify = not is_new and bool(NOTIFIED_FIELDS & set(changed))
    if notify:
        workshop.revision += 1
    if is_new:
        workshop.created_by = by
    workshop.save()
    if is_new:
        record_action("workshop.scheduled", workshop, by=by, **_audit_data(workshop))
    elif changed:
        record_action(
            "workshop.changed", workshop, by=by, fields=sorted(changed), **_audit_data(workshop)
        )
    if notify:
        for registration in workshop.registrations.select_related("person"):
            queue_mail(
                "workshop_changed",
                registration.person.email,
                {"workshop": workshop, "registration": registration},
                about=registration,
                attachments=[_calendar(workshop)],
                by=by,
            )
    if is_new or "starts_at" in changed:
        schedule_workshop_reminders(workshop)
    return workshop


@transaction.atomic
def add_material(workshop: Workshop, *, title: str, url: str = "", upload=None, by):
    """Share a link or a file (PDF or image, checked by its content) for a workshop."""
    if bool(url) == bool(upload):
        raise ValidationError(_("Give either a link or a file."))
    material = WorkshopMaterial(workshop=workshop, title=title, url=url)
    if upload is not None:
        material.content_type = check_upload(upload)
        material.size = upload.size
        material.file.save(upload.name, upload, save=False)
    material.save()
    record_action("workshop.material_added", workshop, by=by, title=title, **_audit_data(workshop))
    return material


@transaction.atomic
def register_for_workshop(workshop: Workshop, person, *, twinning=None) -> WorkshopRegistration:
    """Register a person; they get the calendar entry by e-mail."""
    if workshop.starts_at <= clock.now():
        raise ValidationError(_("This workshop has started: registration is closed."))
    try:
        with transaction.atomic():
            registration = WorkshopRegistration.objects.create(
                workshop=workshop, person=person, twinning=twinning
            )
    except IntegrityError:
        raise ValidationError(_("You are already registered for this workshop.")) from None
    record_action(
        "workshop.registered",
        workshop,
        by=person,
        twinning=twinning.pk if twinning else None,
    )
    queue_mail(
        "workshop_registered",
        person.email,
        {"workshop": workshop, "registration": registration},
        about=registration,
        attachments=[_calendar(workshop)],
    )
    return registration


@transaction.atomic
def cancel_workshop_registration(registration: WorkshopRegistration, *, by) -> None:
    if registration.workshop.starts_at <= clock.now():
        raise ValidationError(_("This workshop has started: the registration stays."))
    record_action(
        "workshop.unregistered", registration.workshop, by=by, twinning=registration.twinning_id
    )
    registration.delete()


def attendance_refusal(workshop: Workshop, *, at=None) -> str | None:
    """None when attendance may be recorded now, else from when it may be.

    The one test of the page that offers the attendance form and of
    `set_workshop_attendance`, which refuses it.
    """
    if workshop.starts_at <= (at or clock.now()):
        return None
    start = l10n.format_in_zone(workshop.starts_at, workshop.zone)
    return _("Attendance can be recorded from %(start)s, when the workshop starts.") % {
        "start": start
    }


@transaction.atomic
def set_workshop_attendance(workshop: Workshop, attended_ids: set[int], *, by) -> int:
    """Record who of the registered people attended; returns how many did."""
    refusal = attendance_refusal(workshop)
    if refusal:
        raise ValidationError(refusal)
    registrations = workshop.registrations.all()
    registrations.filter(pk__in=attended_ids).update(attendance=Attendance.ATTENDED)
    registrations.exclude(pk__in=attended_ids).update(attendance=Attendance.ABSENT)
    count = registrations.filter(attendance=Attendance.ATTENDED).count()
    record_action("workshop.attendance", workshop, by=by, attended=count, **_audit_data(workshop))
    return count


def schedule_workshop_reminders(workshop: Workshop) -> None:
    """Queue the day and hour reminders; a task that finds the time changed does nothing."""
    from twinning.workshops.tasks import task_send_workshop_reminder  # noqa: PLC0415 - circle: the tasks module imports this module

    schedule_reminders(task_send_workshop_reminder, workshop)


def send_workshop_reminder(workshop_id: int, kind: str, starts_at: str) -> int:
    """Mail the reminder once per start time; returns how many people were reminded."""
    with transaction.atomic():
        workshop = claim_reminder(Workshop, workshop_id, kind, starts_at)
        if workshop is None:
            return 0
        registrations = list(workshop.registrations.select_related("person"))
        for registration in registrations:
            queue_mail(
                f"workshop_reminder_{kind}",
                registration.person.email,
                {"workshop": workshop, "registration": registration},
                about=registration,
            )
    return len(registrations)
