import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, MembershipFactory, UserFactory, WebinarFactory
from twinning.cohorts.models import Webinar
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.outreach.domain.webinars import (
    SeatRefused,
    confirm_webinar_registration,
    register_for_webinar,
    send_webinar_reminder,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
ROME = zoneinfo.ZoneInfo("Europe/Rome")
STARTS = dt.datetime(2026, 2, 10, 11, 0, tzinfo=ROME)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def webinar():
    return WebinarFactory(
        cohort=CohortFactory(name="Cohort 5, 2026-2027"),
        title="How twinning works",
        starts_at=STARTS,
        ends_at=STARTS + dt.timedelta(hours=1),
        time_zone="Europe/Rome",
        capacity=1,
    )


def _register(webinar, n: int, *, confirm: bool = True):
    registration = register_for_webinar(
        webinar,
        name=f"Person {n}",
        email=f"person{n}@example.org",
        organisation="Comune di Torino",
        city="Torino",
        country="IT",
        role="civil_servant",
        consent=True,
    )
    return confirm_webinar_registration(registration) if confirm else registration


def _webinar_form(webinar_or_cohort, **changes) -> dict:
    cohort = getattr(webinar_or_cohort, "cohort", webinar_or_cohort)
    data = {
        "cohort": str(cohort.pk),
        "title": "How twinning works",
        "description": "",
        "starts_at": "2026-02-10T11:00",
        "ends_at": "2026-02-10T12:00",
        "time_zone": "Europe/Rome",
        "capacity": "1",
        "has_waiting_list": "on",
        "meeting_url": "",
        "is_published": "on",
    }
    return {**data, **changes}


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_create_a_webinar_in_its_time_zone_and_log_it(organiser_client, organiser):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:webinar_new"), _webinar_form(cohort, meeting_url="meet.example.org/x")
    )

    webinar = Webinar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orga:webinar_detail", args=[webinar.pk])
    assert (webinar.starts_at, webinar.meeting_url) == (STARTS, "https://meet.example.org/x")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor) == ("webinar.created", organiser)


def test_create_a_webinar_ending_before_it_starts_keeps_what_was_typed(organiser_client):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:webinar_new"),
        _webinar_form(cohort, title="Typed title", ends_at="2026-02-10T10:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == ["A webinar must end after it starts."]
    assert 'value="Typed title"' in response.text
    assert Webinar.objects.count() == 0


def test_move_a_webinar_mails_the_people_with_a_seat(organiser_client, webinar):
    _register(webinar, 1)

    response = organiser_client.post(
        reverse("orga:webinar_edit", args=[webinar.pk]),
        _webinar_form(webinar, starts_at="2026-02-10T14:00", ends_at="2026-02-10T15:00"),
    )

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert (webinar.starts_at, webinar.revision) == (STARTS + dt.timedelta(hours=3), 1)
    changed = OutgoingMail.objects.filter(template="webinar_changed")
    assert list(changed.values_list("to", flat=True)) == [["person1@example.org"]]
    entry = AuditEntry.objects.get(action="webinar.changed")
    assert entry.data == {"fields": ["ends_at", "starts_at"]}


def test_save_a_webinar_unchanged_for_a_viewer_in_another_zone_mails_nobody(client, webinar):
    _register(webinar, 1)
    client.force_login(UserFactory(is_organiser=True, time_zone="Asia/Tokyo"))
    url = reverse("orga:webinar_edit", args=[webinar.pk])

    shown = client.get(url)
    client.post(url, _webinar_form(webinar))

    assert 'value="2026-02-10T11:00"' in shown.text
    webinar.refresh_from_db()
    assert (webinar.starts_at, webinar.revision) == (STARTS, 0)
    assert OutgoingMail.objects.filter(template="webinar_changed").count() == 0


def test_cancel_a_webinar_tells_everyone_registered_and_closes_registration(
    organiser_client, organiser, client, webinar
):
    _register(webinar, 1)
    _register(webinar, 2)  # on the waiting list
    _register(webinar, 3, confirm=False)

    response = organiser_client.post(
        reverse("orga:webinar_cancel", args=[webinar.pk]), {"reason": "The speaker is ill."}
    )

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert (webinar.cancelled_at, webinar.cancellation_reason) == (NOW, "The speaker is ill.")
    told = OutgoingMail.objects.filter(template="webinar_called_off").order_by("id")
    assert [mail.to for mail in told] == [
        ["person1@example.org"],
        ["person2@example.org"],
        ["person3@example.org"],
    ]
    assert "The speaker is ill." in told[0].body
    entry = AuditEntry.objects.get(action="webinar.called_off")
    assert (entry.actor, entry.data) == (organiser, {"reason": "The speaker is ill.", "told": 3})
    public = client.get(reverse("public:webinar_register", args=[webinar.pk]))
    assert "This webinar is cancelled; registration is closed." in public.text
    assert 'name="email"' not in public.text
    programme = client.get(reverse("public:home"))
    assert "This webinar is cancelled." in programme.text
    with pytest.raises(SeatRefused, match=r"^This webinar is cancelled\.$"):
        _register(webinar, 4)


def test_a_cancelled_webinar_sends_no_reminder(organiser_client, webinar):
    _register(webinar, 1)
    organiser_client.post(reverse("orga:webinar_cancel", args=[webinar.pk]), {"reason": ""})

    sent = send_webinar_reminder(webinar.pk, "day", webinar.starts_at.isoformat())

    assert sent == 0


def test_cancel_a_webinar_that_has_started_is_refused(organiser_client, webinar):
    webinar.starts_at = NOW - dt.timedelta(minutes=5)
    webinar.save()

    page = organiser_client.get(reverse("orga:webinar_cancel", args=[webinar.pk]))
    response = organiser_client.post(
        reverse("orga:webinar_cancel", args=[webinar.pk]), {"reason": "Too late."}
    )

    assert "This webinar has started: it can no longer be cancelled." in page.text
    assert "Cancel the webinar</button>" not in page.text
    assert response.status_code == 409
    webinar.refresh_from_db()
    assert webinar.cancelled_at is None
    assert _actions() == []


def test_a_cancelled_webinar_can_no_longer_be_changed(organiser_client, webinar):
    organiser_client.post(reverse("orga:webinar_cancel", args=[webinar.pk]), {"reason": ""})

    detail = organiser_client.get(reverse("orga:webinar_detail", args=[webinar.pk]))
    response = organiser_client.post(
        reverse("orga:webinar_edit", args=[webinar.pk]), _webinar_form(webinar, title="New")
    )

    assert reverse("orga:webinar_edit", args=[webinar.pk]) not in detail.text
    assert response.status_code == 409
    webinar.refresh_from_db()
    assert webinar.title == "How twinning works"


@pytest.mark.parametrize("who", ["facilitator", "city member"])
def test_webinar_pages_refuse_facilitators_and_city_members(client, webinar, who):
    person = UserFactory(is_facilitator=True) if who == "facilitator" else MembershipFactory().user
    client.force_login(person)

    pages = [
        reverse("orga:webinar_new"),
        reverse("orga:webinar_edit", args=[webinar.pk]),
        reverse("orga:webinar_cancel", args=[webinar.pk]),
    ]
    statuses = {client.get(url).status_code for url in pages}
    cancel = client.post(reverse("orga:webinar_cancel", args=[webinar.pk]), {"reason": "No."})

    assert statuses == {403}
    assert cancel.status_code == 403
    webinar.refresh_from_db()
    assert webinar.cancelled_at is None
