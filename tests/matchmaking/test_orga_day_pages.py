"""Organiser pages of setting up a day, who came, and stuck runs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CohortFactory, UserFactory
from tests.factories.matchmaking import accepted_meeting
from twinning.common.runs import RunStatus
from twinning.matchmaking.domain.schedule import publish_schedule, run_schedule, start_schedule_run
from twinning.matchmaking.models import MatchmakingDay, ScheduleRun

# A date always ahead of the clock, whatever the day the tests run.
YEAR = timezone.localdate().year + 2


def _form(cohort, **changes):
    data = {
        "cohort": cohort.pk,
        "name": "Matchmaking Day, Torino",
        "format": "hybrid",
        "venue": "Lingotto, Torino",
        "time_zone": "Europe/Rome",
        "day_hours": f"{YEAR}-05-28 09:00-12:00\n{YEAR}-05-29 09:00-10:00",
        "break_hours": "10:30-11:00",
        "slot_minutes": "25",
        "gap_minutes": "5",
        "tables": "20",
        "video_rooms": "4",
        "video_link_base": "https://meet.example.org/mm-",
        "request_deadline": f"{YEAR}-05-20T17:00",
        "booking_deadline": f"{YEAR}-05-25T17:00",
        "request_cap": "8",
        "max_meetings": "6",
    }
    data.update(changes)
    return data


def test_organiser_sets_up_a_hybrid_day_with_generated_slots(organiser_client, organiser):
    cohort = CohortFactory()
    organiser.time_zone = "America/New_York"
    organiser.save()

    response = organiser_client.post(reverse("orga:matchmaking_day_new"), _form(cohort))

    day = MatchmakingDay.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orga:matchmaking_day", args=[day.pk])
    assert (day.format, day.tables, day.video_rooms, day.max_meetings, day.request_cap) == (
        "hybrid",
        20,
        4,
        6,
        8,
    )
    assert day.slots.count() == 5 + 2
    # Deadlines are the day's wall-clock time, whatever the organiser's own time zone.
    assert timezone.localtime(day.request_deadline, day.zone).strftime("%Y-%m-%d %H:%M") == (
        f"{YEAR}-05-20 17:00"
    )


def test_a_day_with_bad_hours_keeps_what_was_typed_and_says_why(organiser_client):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:matchmaking_day_new"),
        _form(cohort, day_hours="28 May 9 to 5", venue=""),
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors["day_hours"] == ["“28 May 9 to 5” is not like 2026-05-28 09:00-17:30."]
    assert form["name"].value() == "Matchmaking Day, Torino"
    assert MatchmakingDay.objects.count() == 0


def test_a_day_whose_deadlines_come_after_it_is_refused_with_a_message(organiser_client):
    cohort = CohortFactory()

    response = organiser_client.post(
        reverse("orga:matchmaking_day_new"), _form(cohort, request_deadline=f"{YEAR}-06-01T17:00")
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Meeting requests must close before the first slot."
    ]


def test_organiser_changes_a_day_and_is_told_about_the_slots(organiser_client, setting):
    day = setting.day
    page = organiser_client.get(reverse("orga:matchmaking_day_edit", args=[day.pk]))
    data = {
        key: value
        for key, value in page.context["form"].initial.items()
        if value is not None and key != "cohort"
    }
    (line,) = data["day_hours"].splitlines()
    data.update(
        day_hours=line.replace("-11:00", "-12:00"),
        request_deadline=data["request_deadline"].strftime("%Y-%m-%dT%H:%M"),
        booking_deadline=data["booking_deadline"].strftime("%Y-%m-%dT%H:%M"),
    )

    response = organiser_client.post(
        reverse("orga:matchmaking_day_edit", args=[day.pk]), data, follow=True
    )

    assert response.redirect_chain == [(reverse("orga:matchmaking_day", args=[day.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The day is saved.",
        "Slots: 2 added, 0 removed. New slots are open to every registered city, which can "
        "untick them.",
    ]
    assert day.slots.count() == 6


def test_a_published_days_slots_do_not_change_from_the_page(organiser_client, setting):
    day = setting.day
    accepted_meeting(day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
    publish_schedule(day, by=None)
    page = organiser_client.get(reverse("orga:matchmaking_day_edit", args=[day.pk]))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(
        day_hours=data["day_hours"].replace("-11:00", "-12:00"),
        request_deadline=data["request_deadline"].strftime("%Y-%m-%dT%H:%M"),
        booking_deadline=data["booking_deadline"].strftime("%Y-%m-%dT%H:%M"),
    )

    response = organiser_client.post(reverse("orga:matchmaking_day_edit", args=[day.pk]), data)

    assert response.status_code == 400
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("The schedule is published, so the slots cannot change any more")
    )
    assert response.context["form"]["day_hours"].value().endswith("-12:00")
    assert day.slots.count() == 4


def test_organiser_ticks_who_came_and_exports_it(organiser_client, setting):
    url = reverse("orga:matchmaking_people", args=[setting.day.pk])

    response = organiser_client.post(
        url, {"present": [f"{setting.mission_part.pk}-{setting.mission_user.pk}"]}
    )
    export = organiser_client.get(
        reverse("orga:matchmaking_people_export", args=[setting.day.pk, "csv"])
    )

    assert response.status_code == 302
    assert list(setting.mission_part.present.all()) == [setting.mission_user]
    header, *rows = export.content.decode("utf-8-sig").splitlines()
    assert header == "City,Taking part as,Online,Name,E-mail,Came"
    # Rows follow the cities' names in the database's collation.
    assert sorted(rows) == [
        "Torino (Turin),Mission city,no,Marta Rossi,marta@example.org,yes",
        "Évora,Mission-minded city,no,João Silva,joao@example.org,no",
    ]


def test_marking_someone_not_registered_shows_the_reason(organiser_client, setting):
    stranger = UserFactory()
    url = reverse("orga:matchmaking_people", args=[setting.day.pk])

    response = organiser_client.post(
        url, {"present": [f"{setting.mission_part.pk}-{stranger.pk}"]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Only the people a city registered for Matchmaking Day can be marked as present."
    ]
    assert setting.mission_part.present.count() == 0


def test_the_grid_page_lists_each_citys_people_to_tick(organiser_client, setting):
    response = organiser_client.get(reverse("orga:matchmaking_grid", args=[setting.day.pk]))

    assert sorted(p.city.name for p in response.context["participations"]) == ["Torino", "Évora"]
    assert f'value="{setting.minded_part.pk}-{setting.minded_user.pk}"'.encode() in response.content


def test_organiser_queues_a_stuck_run_again(organiser_client, setting):
    run = start_schedule_run(setting.day, by=None)
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started=timezone.now() - dt.timedelta(hours=1)
    )
    page = organiser_client.get(reverse("orga:matchmaking_run", args=[run.pk]))

    response = organiser_client.post(reverse("orga:matchmaking_run_requeue", args=[run.pk]))

    assert (page.context["stuck"], page.context["in_progress"]) == (True, False)
    assert response.status_code == 302
    assert ScheduleRun.objects.get(pk=run.pk).status == RunStatus.QUEUED


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("matchmaking_day_new", "get"),
        ("matchmaking_day_edit", "get"),
        ("matchmaking_people", "post"),
        ("matchmaking_people_export", "get"),
        ("matchmaking_run_requeue", "post"),
    ],
)
def test_new_orga_pages_refuse_representatives_and_send_visitors_to_sign_in(
    client, setting, name, method
):
    run = start_schedule_run(setting.day, by=None)
    args = {
        "matchmaking_day_new": [],
        "matchmaking_day_edit": [setting.day.pk],
        "matchmaking_people": [setting.day.pk],
        "matchmaking_people_export": [setting.day.pk, "csv"],
        "matchmaking_run_requeue": [run.pk],
    }[name]
    url = reverse(f"orga:{name}", args=args)

    anonymous = getattr(client, method)(url)
    client.force_login(setting.mission_user)
    representative = getattr(client, method)(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    assert representative.status_code == 403


def test_the_day_page_marks_a_stuck_run(organiser_client, setting):
    run = start_schedule_run(setting.day, by=None)
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started=timezone.now() - dt.timedelta(hours=1)
    )

    response = organiser_client.get(reverse("orga:matchmaking_day", args=[setting.day.pk]))

    assert [r.stuck for r in response.context["runs"]] == [True]
    assert "stopped: queue it again from its page" in response.content.decode()
