import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import OrganiserFactory, RegistrationFactory, WebinarFactory
from tests.factories.practices import InvitationFactory
from twinning.accounts.domain.retention import REMOVED_ADDRESS, remove_expired_personal_data
from twinning.accounts.tasks import schedule_retention, task_remove_expired_personal_data
from twinning.cities.domain.registration import set_registration_state
from twinning.common.models import AuditEntry
from twinning.outreach.models import WebinarRegistration

pytestmark = pytest.mark.django_db


def _seat(webinar, email):
    return WebinarRegistration.objects.create(
        webinar=webinar,
        name="Visitor",
        email=email,
        organisation="Town hall",
        city="Pécs",
        country="HU",
        role="mission",
        status="confirmed",
    )


def _withdrawn(days_ago, representatives="Anna Berg, mayor's office, anna@pecs.example.hu"):
    registration = RegistrationFactory(state="submitted", representatives=representatives)
    InvitationFactory(cohort=registration.cohort, city=registration.city, registration=registration)
    set_registration_state(registration, "withdrawn", by=OrganiserFactory())
    AuditEntry.objects.filter(
        action="registration.withdrawn", object_id=str(registration.pk)
    ).update(timestamp=timezone.now() - dt.timedelta(days=days_ago))
    return registration


def test_seats_of_webinars_over_for_longer_than_the_period_are_removed(settings):
    settings.RETENTION_WEBINAR_REGISTRATION_DAYS = 30
    now = timezone.now()
    old = WebinarFactory(starts_at=now - dt.timedelta(days=32), ends_at=now - dt.timedelta(days=31))
    recent = WebinarFactory(
        starts_at=now - dt.timedelta(days=29), ends_at=now - dt.timedelta(days=29)
    )
    _seat(old, "a@example.org")
    kept = _seat(recent, "b@example.org")

    report = remove_expired_personal_data()

    assert report["webinar_registrations"] == 1
    assert list(WebinarRegistration.objects.all()) == [kept]


def test_contacts_of_cities_withdrawn_for_longer_than_the_period_are_removed(settings):
    settings.RETENTION_WITHDRAWN_CITY_DAYS = 90
    old = _withdrawn(days_ago=91)
    recent = _withdrawn(days_ago=10)

    report = remove_expired_personal_data()

    assert report["withdrawn_registrations"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.representatives == ""
    assert list(old.invitations.values_list("email", flat=True)) == [REMOVED_ADDRESS]
    assert recent.representatives.startswith("Anna Berg")
    assert AuditEntry.objects.get(action="privacy.retention").data == {
        "webinar_registrations": 0,
        "unconfirmed_webinar_registrations": 0,
        "withdrawn_registrations": [old.pk],
    }


def test_a_second_run_finds_nothing_left_to_remove(settings):
    settings.RETENTION_WITHDRAWN_CITY_DAYS = 90
    _withdrawn(days_ago=100)
    remove_expired_personal_data()

    report = remove_expired_personal_data()

    assert report == {
        "unconfirmed_webinar_registrations": 0,
        "webinar_registrations": 0,
        "withdrawn_registrations": 0,
    }
    assert AuditEntry.objects.filter(action="privacy.retention").count() == 1


def test_registrations_that_are_not_withdrawn_are_kept(settings):
    settings.RETENTION_WITHDRAWN_CITY_DAYS = 0
    registration = RegistrationFactory(state="accepted", representatives="Anna Berg")

    remove_expired_personal_data()

    registration.refresh_from_db()
    assert registration.representatives == "Anna Berg"


def test_the_task_applies_the_periods(settings):
    settings.RETENTION_WEBINAR_REGISTRATION_DAYS = 1
    now = timezone.now()
    _seat(
        WebinarFactory(starts_at=now - dt.timedelta(days=5), ends_at=now - dt.timedelta(days=5)),
        "a@example.org",
    )

    result = task_remove_expired_personal_data.call()

    assert result == {
        "webinar_registrations": 1,
        "withdrawn_registrations": 0,
        "unconfirmed_webinar_registrations": 0,
    }


def test_the_worker_queues_one_daily_run_only(settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    first = schedule_retention()
    second = schedule_retention()

    assert (first, second) == (True, False)
    assert (
        DBTaskResult.objects.filter(task_path__endswith="task_remove_expired_personal_data").count()
        == 1
    )


def test_the_daily_run_removes_webinar_registrations_never_confirmed(time_machine):
    from twinning.outreach.domain.webinars import register_for_webinar

    time_machine.move_to(timezone.now(), tick=False)
    webinar = WebinarFactory(starts_at=timezone.now() + dt.timedelta(days=7))
    register_for_webinar(
        webinar,
        name="Visitor",
        email="a@example.org",
        organisation="Town hall",
        city="Pécs",
        country="HU",
        role="civil_servant",
        consent=True,
    )
    kept = _seat(webinar, "b@example.org")
    time_machine.shift(dt.timedelta(hours=49))

    result = task_remove_expired_personal_data.call()

    assert result["unconfirmed_webinar_registrations"] == 1
    assert list(WebinarRegistration.objects.all()) == [kept]
