import datetime as dt
import threading

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tests.factories import WebinarFactory
from twinning.mail.models import OutgoingMail
from twinning.outreach.domain.webinars import (
    SeatRefused,
    cancel_webinar,
    cancel_webinar_registration,
    confirm_webinar_registration,
    expire_unconfirmed_webinar_registrations,
    register_for_webinar,
    seats_taken,
    send_webinar_reminder,
    update_webinar,
)
from twinning.outreach.enums import SeatStatus
from twinning.outreach.models import WebinarRegistration

pytestmark = pytest.mark.django_db


def _details(n: int = 0, **extra) -> dict:
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "Comune di Torino",
        "city": "Torino",
        "country": "IT",
        "role": "civil_servant",
        "consent": True,
        **extra,
    }


def _seated(webinar, n: int = 0, **extra) -> WebinarRegistration:
    """Register and confirm by the link, as a person does."""
    return confirm_webinar_registration(register_for_webinar(webinar, **_details(n, **extra)))


@pytest.fixture
def moving_clock(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    return time_machine


def _calendar(message) -> icalendar.Event:
    (name, content, mimetype), *_rest = message.attachments
    assert (name, mimetype) == ("webinar.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_register_for_webinar_awaits_confirmation_and_mails_the_link(
    django_capture_on_commit_callbacks,
):
    webinar = WebinarFactory(title="Information webinar", capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_webinar(webinar, **_details())

    assert registration.status == SeatStatus.PENDING
    assert registration.confirmed_at is None
    assert seats_taken(webinar) == 0
    (message,) = mail.outbox
    assert message.to == ["person0@example.org"]
    assert message.subject == "[Twinning] Please confirm your registration: Information webinar"
    assert f"http://127.0.0.1:8000/webinars/seat/{registration.token}/confirm/" in message.body
    assert "within 48 hours" in message.body
    assert message.attachments == []


def test_confirm_takes_a_seat_and_mails_a_calendar_file(django_capture_on_commit_callbacks):
    starts = (timezone.now() + dt.timedelta(days=30)).replace(microsecond=0)
    webinar = WebinarFactory(
        title="Information webinar",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        meeting_url="https://meet.example.org/abc",
    )
    registration = register_for_webinar(webinar, **_details())

    with django_capture_on_commit_callbacks(execute=True):
        registration = confirm_webinar_registration(registration)

    assert registration.status == SeatStatus.CONFIRMED
    assert registration.confirmed_at is not None
    assert seats_taken(webinar) == 1
    (message,) = mail.outbox
    assert message.subject == "[Twinning] You are registered: Information webinar"
    assert "https://meet.example.org/abc" in message.body
    assert f"/webinars/seat/{registration.token}/cancel/" in message.body
    event = _calendar(message)
    assert str(event["uid"]) == f"webinar-{webinar.pk}@127.0.0.1"
    assert event["sequence"] == 0
    assert event.decoded("dtstart") == starts
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"


def test_confirm_twice_changes_nothing_more():
    registration = _seated(WebinarFactory())

    again = confirm_webinar_registration(registration)

    assert again.status == SeatStatus.CONFIRMED
    assert OutgoingMail.objects.filter(template="webinar_confirmed").count() == 1


def test_confirm_after_the_deadline_is_refused(moving_clock):
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=7))
    registration = register_for_webinar(webinar, **_details())
    moving_clock.shift(dt.timedelta(hours=48, seconds=1))

    with pytest.raises(SeatRefused, match=r"^This link has expired\. Please register again\.$"):
        confirm_webinar_registration(registration)

    registration.refresh_from_db()
    assert registration.status == SeatStatus.PENDING


def test_confirm_just_before_the_deadline_takes_the_seat(moving_clock):
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=7))
    registration = register_for_webinar(webinar, **_details())
    moving_clock.shift(dt.timedelta(hours=47, minutes=59))

    assert confirm_webinar_registration(registration).status == SeatStatus.CONFIRMED


def test_confirm_after_the_webinar_started_is_refused(moving_clock):
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(hours=2))
    registration = register_for_webinar(webinar, **_details())
    moving_clock.shift(dt.timedelta(hours=3))

    with pytest.raises(SeatRefused, match=r"^Registration for this webinar is closed\.$"):
        confirm_webinar_registration(registration)


def test_confirm_a_cancelled_registration_is_refused():
    registration = register_for_webinar(WebinarFactory(), **_details())
    cancel_webinar_registration(registration)

    with pytest.raises(SeatRefused, match=r"^This registration is cancelled\.$"):
        confirm_webinar_registration(registration)


def test_unconfirmed_registrations_take_no_seat():
    webinar = WebinarFactory(capacity=1)
    register_for_webinar(webinar, **_details(1))

    second = _seated(webinar, 2)

    assert second.status == SeatStatus.CONFIRMED


def test_confirm_for_a_full_webinar_puts_people_on_the_waiting_list():
    webinar = WebinarFactory(capacity=1)
    _seated(webinar, 1)

    waiting = _seated(webinar, 2)

    assert waiting.status == SeatStatus.WAITING
    assert OutgoingMail.objects.filter(template="webinar_waiting").count() == 1


def test_register_for_a_full_webinar_without_waiting_list_is_refused():
    webinar = WebinarFactory(capacity=1, has_waiting_list=False)
    _seated(webinar, 1)

    with pytest.raises(SeatRefused, match=r"^This webinar is full\.$"):
        register_for_webinar(webinar, **_details(2))


def test_confirm_for_a_webinar_filled_meanwhile_without_waiting_list_is_refused():
    webinar = WebinarFactory(capacity=1, has_waiting_list=False)
    late = register_for_webinar(webinar, **_details(1))
    _seated(webinar, 2)

    with pytest.raises(SeatRefused, match=r"^This webinar is full\.$"):
        confirm_webinar_registration(late)

    late.refresh_from_db()
    assert late.status == SeatStatus.PENDING


def test_register_twice_with_one_address_is_refused():
    webinar = WebinarFactory()
    _seated(webinar, 1)

    with pytest.raises(SeatRefused, match="already registered"):
        register_for_webinar(webinar, **_details(1, email="PERSON1@example.org"))

    assert WebinarRegistration.objects.count() == 1


def test_register_again_while_awaiting_confirmation_sends_the_same_link_again():
    webinar = WebinarFactory()
    first = register_for_webinar(webinar, **_details(1))

    again = register_for_webinar(webinar, **_details(1, name="Someone Else"))

    assert (again.pk, again.token, again.name) == (first.pk, first.token, "Person 1")
    assert OutgoingMail.objects.filter(template="webinar_confirm").count() == 2


def test_register_again_after_the_deadline_starts_anew_with_a_new_link(moving_clock):
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=7))
    first = register_for_webinar(webinar, **_details(1))
    moving_clock.shift(dt.timedelta(hours=49))

    again = register_for_webinar(webinar, **_details(1, name="Person One"))

    assert again.pk == first.pk
    assert again.token != first.token
    assert (again.name, again.status) == ("Person One", SeatStatus.PENDING)
    assert confirm_webinar_registration(again).status == SeatStatus.CONFIRMED


def test_register_again_after_cancelling_gets_a_new_link():
    webinar = WebinarFactory()
    first = _seated(webinar, 1)
    cancel_webinar_registration(first)

    again = register_for_webinar(webinar, **_details(1))

    assert (again.pk, again.status, again.confirmed_at) == (first.pk, SeatStatus.PENDING, None)
    assert again.token != first.token


def test_register_for_a_past_webinar_is_refused():
    webinar = WebinarFactory(starts_at=timezone.now() - dt.timedelta(hours=2))

    with pytest.raises(SeatRefused, match=r"^Registration for this webinar is closed\.$"):
        register_for_webinar(webinar, **_details())


def test_cancel_moves_the_first_person_waiting_up_with_an_email(
    django_capture_on_commit_callbacks,
):
    webinar = WebinarFactory(capacity=1)
    seated = _seated(webinar, 1)
    first = _seated(webinar, 2)
    second = _seated(webinar, 3)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_webinar_registration(seated)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SeatStatus.CONFIRMED, SeatStatus.WAITING)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["person1@example.org"], f"[Twinning] Cancelled: {webinar.title}"),
        (["person2@example.org"], f"[Twinning] A seat is free for you: {webinar.title}"),
    ]
    assert _calendar(mail.outbox[1])["uid"] == f"webinar-{webinar.pk}@127.0.0.1"


def test_waiting_list_moves_up_in_the_order_of_confirmation():
    webinar = WebinarFactory(capacity=1)
    seated = _seated(webinar, 1)
    registered_first = register_for_webinar(webinar, **_details(2))
    confirmed_first = _seated(webinar, 3)
    confirm_webinar_registration(registered_first)

    cancel_webinar_registration(seated)

    assert list(webinar.registrations.order_by("email").values_list("email", "status")) == [
        ("person1@example.org", "cancelled"),
        ("person2@example.org", "waiting"),
        ("person3@example.org", "confirmed"),
    ]
    assert confirmed_first.pk


def test_cancel_moves_nobody_awaiting_confirmation_up():
    webinar = WebinarFactory(capacity=1)
    seated = _seated(webinar, 1)
    pending = register_for_webinar(webinar, **_details(2))

    cancel_webinar_registration(seated)

    pending.refresh_from_db()
    assert pending.status == SeatStatus.PENDING
    assert OutgoingMail.objects.filter(template="webinar_promoted").count() == 0


def test_cancel_twice_changes_nothing_more():
    webinar = WebinarFactory(capacity=1)
    seated = _seated(webinar, 1)
    waiting = _seated(webinar, 2)
    cancel_webinar_registration(seated)
    _seated(webinar, 3)

    cancel_webinar_registration(seated)

    assert list(webinar.registrations.values_list("email", "status")) == [
        ("person1@example.org", "cancelled"),
        ("person2@example.org", "confirmed"),
        ("person3@example.org", "waiting"),
    ]
    assert waiting.pk


def test_changed_time_is_mailed_with_a_calendar_file_that_replaces_the_entry(
    django_capture_on_commit_callbacks, organiser
):
    webinar = WebinarFactory()
    _seated(webinar, 1)
    cancelled = _seated(webinar, 2)
    cancel_webinar_registration(cancelled)
    register_for_webinar(webinar, **_details(3))
    webinar.starts_at += dt.timedelta(hours=2)
    webinar.ends_at += dt.timedelta(hours=2)

    with django_capture_on_commit_callbacks(execute=True):
        update_webinar(webinar, ["starts_at", "ends_at"], by=organiser)

    (message,) = [m for m in mail.outbox if "Changed" in m.subject]
    assert message.to == ["person1@example.org"]
    event = _calendar(message)
    assert (str(event["uid"]), event["sequence"]) == (f"webinar-{webinar.pk}@127.0.0.1", 1)
    assert event.decoded("dtstart") == webinar.starts_at.replace(microsecond=0)


def test_reminder_goes_once_per_start_time_to_confirmed_people_only():
    webinar = WebinarFactory()
    _seated(webinar, 1)
    register_for_webinar(webinar, **_details(2))
    start = webinar.starts_at.isoformat()

    first = send_webinar_reminder(webinar.pk, "day", start)
    second = send_webinar_reminder(webinar.pk, "day", start)

    assert (first, second) == (1, 0)
    assert list(
        OutgoingMail.objects.filter(template="webinar_reminder_day").values_list("to", flat=True)
    ) == [["person1@example.org"]]


def test_reminder_for_a_moved_webinar_is_not_sent():
    webinar = WebinarFactory()
    _seated(webinar, 1)
    old_start = webinar.starts_at.isoformat()
    webinar.starts_at += dt.timedelta(days=1)
    webinar.ends_at += dt.timedelta(days=1)
    webinar.save()

    assert send_webinar_reminder(webinar.pk, "hour", old_start) == 0


def test_unconfirmed_registrations_are_removed_after_the_deadline(moving_clock):
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=7))
    old = register_for_webinar(webinar, **_details(1))
    seated = _seated(webinar, 2)
    moving_clock.shift(dt.timedelta(hours=25))
    recent = register_for_webinar(webinar, **_details(3))
    moving_clock.shift(dt.timedelta(hours=24))

    removed = expire_unconfirmed_webinar_registrations()

    assert removed == 1
    assert not WebinarRegistration.objects.filter(pk=old.pk).exists()
    assert sorted(webinar.registrations.values_list("pk", flat=True)) == [seated.pk, recent.pk]


def test_unconfirmed_registrations_never_get_a_promotion_or_a_reminder_after_a_change(
    organiser,
):
    webinar = WebinarFactory(capacity=1)
    register_for_webinar(webinar, **_details(1))
    webinar.capacity = 5

    update_webinar(webinar, ["capacity"], by=organiser)

    assert list(webinar.registrations.values_list("status", flat=True)) == ["pending"]


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_confirmations_for_thirty_seats_confirm_exactly_thirty():
    webinar = WebinarFactory(capacity=30)
    registered, confirming = threading.Barrier(50, timeout=60), threading.Barrier(50, timeout=60)
    errors = []

    def register_and_confirm(n):
        try:
            registered.wait()
            registration = register_for_webinar(webinar, **_details(n))
            confirming.wait()
            confirm_webinar_registration(registration)
        except Exception as error:  # collected, so that the test shows it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_and_confirm, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = list(webinar.registrations.values_list("status", flat=True))
    assert errors == []
    assert (statuses.count("confirmed"), statuses.count("waiting")) == (30, 20)


def test_cancel_webinar_twice_is_refused(moving_clock):
    webinar = WebinarFactory()
    cancel_webinar(webinar, reason="The speaker is ill.")

    with pytest.raises(ValidationError, match=r"already cancelled"):
        cancel_webinar(webinar, reason="Again.")

    webinar.refresh_from_db()
    assert webinar.cancellation_reason == "The speaker is ill."


def test_cancel_webinar_mails_a_calendar_file_that_removes_the_entry(
    django_capture_on_commit_callbacks,
):
    webinar = WebinarFactory()
    _seated(webinar, 1)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_webinar(webinar, reason="")

    (message,) = [m for m in mail.outbox if "Called off" in m.subject]
    event = _calendar(message)
    assert (str(event["status"]), event["sequence"]) == ("CANCELLED", 1)


def test_a_seat_given_back_after_the_webinar_is_called_off_moves_nobody_up(
    django_capture_on_commit_callbacks,
):
    webinar = WebinarFactory(capacity=1)
    seated = _seated(webinar, 1)
    waiting = _seated(webinar, 2)
    cancel_webinar(webinar, reason="The speaker is ill.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_webinar_registration(seated)

    waiting.refresh_from_db()
    assert waiting.status == SeatStatus.WAITING
    assert not any("A seat is free" in m.subject for m in mail.outbox)
