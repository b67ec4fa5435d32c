import datetime as dt

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories.selection import QuickOrganiserFactory, QuickUserFactory
from tests.factories.year import (
    WorkshopFactory,
    WorkshopRegistrationFactory,
    pdf_upload,
    year_twinning,
)
from twinning.common.calendar import event_uid
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.workshops.domain import (
    add_material,
    cancel_workshop_registration,
    register_for_workshop,
    save_workshop,
    send_workshop_reminder,
    set_workshop_attendance,
    workshop_calendar,
)
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop

pytestmark = pytest.mark.django_db


def test_register_for_workshop_mails_a_calendar_entry():
    twinning, marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort)

    registration = register_for_workshop(workshop, marta, twinning=twinning)

    assert (registration.person, registration.twinning) == (marta, twinning)
    mail = OutgoingMail.objects.get(template="workshop_registered")
    assert mail.to == [marta.email]
    assert [a["filename"] for a in mail.attachments] == ["workshop.ics"]


def test_register_twice_or_after_the_start_is_refused():
    twinning, marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort)
    started = WorkshopFactory(
        cohort=twinning.cohort, starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    register_for_workshop(workshop, marta, twinning=twinning)

    with pytest.raises(ValidationError) as twice:
        register_for_workshop(workshop, marta, twinning=twinning)
    with pytest.raises(ValidationError) as late:
        register_for_workshop(started, marta, twinning=twinning)

    assert twice.value.messages == ["You are already registered for this workshop."]
    assert late.value.messages == ["This workshop has started: registration is closed."]


def test_cancel_registration_before_the_start():
    registration = WorkshopRegistrationFactory()

    cancel_workshop_registration(registration, by=registration.person)

    assert registration.workshop.registrations.count() == 0


def test_workshop_calendar_has_a_stable_uid_and_the_revision_as_sequence():
    workshop = WorkshopFactory(title="Citizen assemblies")
    workshop.revision = 3

    event = icalendar.Calendar.from_ical(workshop_calendar(workshop)).walk("VEVENT")[0]

    assert str(event["summary"]) == "Citizen assemblies"
    assert str(event["uid"]) == event_uid("workshop", workshop.pk)
    assert event["sequence"] == 3
    assert str(event["location"]) == "https://meet.example.org/workshop"


def test_save_new_workshop_records_who_scheduled_it():
    organiser = QuickOrganiserFactory()
    workshop = WorkshopFactory.build(cohort=WorkshopFactory().cohort)

    workshop = save_workshop(workshop, [], by=organiser)

    assert (workshop.created_by, workshop.revision) == (organiser, 0)
    assert AuditEntry.objects.filter(action="workshop.scheduled").count() == 1


def test_changed_time_is_mailed_to_registered_people_with_a_new_sequence():
    registration = WorkshopRegistrationFactory()
    workshop = registration.workshop
    workshop.starts_at += dt.timedelta(hours=1)
    workshop.ends_at += dt.timedelta(hours=1)

    save_workshop(workshop, ["starts_at", "ends_at"], by=QuickOrganiserFactory())

    workshop.refresh_from_db()
    assert workshop.revision == 1
    mail = OutgoingMail.objects.get(template="workshop_changed")
    assert mail.to == [registration.person.email]


def test_changed_description_is_not_mailed():
    registration = WorkshopRegistrationFactory()
    registration.workshop.description = "New words"

    save_workshop(registration.workshop, ["description"], by=QuickOrganiserFactory())

    assert OutgoingMail.objects.filter(template="workshop_changed").count() == 0


def test_workshop_that_ends_before_it_starts_is_refused():
    workshop = WorkshopFactory.build(cohort=WorkshopFactory().cohort)
    workshop.ends_at = workshop.starts_at

    with pytest.raises(ValidationError) as error:
        save_workshop(workshop, [], by=None)

    assert error.value.messages == ["A workshop must end after it starts."]


def test_reminder_is_sent_once_per_start_time():
    registration = WorkshopRegistrationFactory()
    workshop = registration.workshop
    starts = workshop.starts_at.isoformat()

    first = send_workshop_reminder(workshop.pk, "day", starts)
    second = send_workshop_reminder(workshop.pk, "day", starts)
    moved = send_workshop_reminder(workshop.pk, "hour", "2020-01-01T00:00:00+00:00")

    assert (first, second, moved) == (1, 0, 0)
    assert OutgoingMail.objects.filter(template="workshop_reminder_day").count() == 1


def test_attendance_is_recorded_per_person_after_the_start():
    workshop = WorkshopFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    came, missed = (WorkshopRegistrationFactory(workshop=workshop) for _ in range(2))

    count = set_workshop_attendance(workshop, {came.pk}, by=QuickOrganiserFactory())

    came.refresh_from_db()
    missed.refresh_from_db()
    assert (count, came.attendance, missed.attendance) == (
        1,
        Attendance.ATTENDED,
        Attendance.ABSENT,
    )


def test_attendance_before_the_start_is_refused_with_when_it_can_be_recorded(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC), tick=False)
    registration = WorkshopRegistrationFactory(
        workshop=WorkshopFactory(starts_at=dt.datetime(2026, 10, 6, 8, tzinfo=dt.UTC))
    )

    with pytest.raises(ValidationError) as error:
        set_workshop_attendance(registration.workshop, {registration.pk}, by=None)

    assert error.value.messages == [
        "Attendance can be recorded from Tuesday 6 October 2026, 10:00 CEST, "
        "when the workshop starts."
    ]


def test_material_as_a_link_or_a_checked_file():
    workshop = WorkshopFactory()
    person = QuickUserFactory()

    link = add_material(workshop, title="Slides", url="https://example.org/slides", by=person)
    file = add_material(workshop, title="Handout", upload=pdf_upload("handout.pdf"), by=person)

    assert (link.url, link.file.name) == ("https://example.org/slides", "")
    assert file.content_type == "application/pdf"


def test_material_that_is_not_really_a_pdf_or_has_neither_is_refused():
    workshop = WorkshopFactory()
    fake = SimpleUploadedFile("slides.pdf", b"plain text", content_type="application/pdf")

    with pytest.raises(ValidationError) as not_pdf:
        add_material(workshop, title="Slides", upload=fake, by=None)
    with pytest.raises(ValidationError) as neither:
        add_material(workshop, title="Slides", by=None)

    assert not_pdf.value.messages == [
        "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted."
    ]
    assert neither.value.messages == ["Give either a link or a file."]
    assert Workshop.objects.get().materials.count() == 0
