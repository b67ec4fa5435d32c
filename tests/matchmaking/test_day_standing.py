"""Every Matchmaking Day page says when and where the day is and, for a city, where it
stands and what it can do next; closed windows say when they closed instead of offering
a button. The organisers read the scheduler's result in plain words."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CityFactory, MembershipFactory, RegistrationFactory
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from twinning.cities.enums import CityKind
from twinning.common.runs import RunStatus
from twinning.matchmaking.domain.schedule import publish_schedule, run_schedule, start_schedule_run
from twinning.matchmaking.models import ScheduleRun
from twinning.orga.views.schedule_reasons import left_out_meetings

# The clock stands at Wednesday 1 April 2026, 12:00 in Torino. The day is 30 days later,
# 09:00-11:00; requests close 25 days from now, registration and availability 28.
NOW = dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC)
WHEN = "Friday 1 May 2026, 09:00 CEST – 11:00 CEST"
REQUESTS_CLOSE = "Sunday 26 April 2026, 12:00 CEST"
BOOKING_CLOSES = "Wednesday 29 April 2026, 12:00 CEST"


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def stage(now, setting):
    """The usual setting, built with the clock standing at NOW."""
    return setting


def _text(response) -> str:
    """The page's text as a reader sees it: no tags, one space between words."""
    body = response.content.decode().split("<main", 1)[-1]
    body = re.sub(r"</?(a|span|strong|time|em)\b[^>]*>", "", body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _url(name, stage, *extra):
    return reverse(f"portal:{name}", args=[stage.day.pk, stage.mission.pk, *extra])


def test_a_city_not_registered_reads_the_date_the_place_and_until_when_to_register(client, stage):
    stage.mission_part.delete()
    client.force_login(stage.mission_user)

    response = client.get(_url("matchmaking_city", stage))

    text = _text(response)
    assert f"When {WHEN}" in text
    assert "Format In person at Lingotto, Torino" in text
    assert "Torino (Turin) is not registered for this day." in text
    assert f"Registration closes on {BOOKING_CLOSES}" in text
    assert '<button type="submit">Register Torino (Turin) for this day</button>' in (
        response.content.decode()
    )
    # Pages that need a registration are not offered before it.
    assert _url("matchmaking_availability", stage) not in response.content.decode()


def test_the_date_carries_the_readers_own_time_when_it_differs(client, stage):
    stage.mission_user.time_zone = "Europe/Lisbon"
    stage.mission_user.save()
    client.force_login(stage.mission_user)

    text = _text(client.get(_url("matchmaking_city", stage)))

    assert (
        "Friday 1 May 2026, 09:00 CEST (Friday 1 May 2026, 08:00 WEST your time) – "
        "11:00 CEST (10:00 WEST your time)"
    ) in text


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("matchmaking_city", ()),
        ("matchmaking_availability", ()),
        ("matchmaking_participants", ()),
        ("matchmaking_agenda", ()),
        ("matchmaking_request_new", ("minded",)),
    ],
)
def test_every_page_of_a_registered_city_leads_with_the_day_and_what_is_next(
    client, stage, name, extra
):
    client.force_login(stage.mission_user)
    args = [getattr(stage, e).pk for e in extra]

    text = _text(client.get(_url(name, stage, *args)))

    assert text.index(f"When {WHEN}") < text.index("Torino (Turin) is registered.")
    assert f"Send meeting requests until {REQUESTS_CLOSE}" in text
    assert f"You can change who comes and when your city is free until {BOOKING_CLOSES}" in text


def test_once_the_windows_closed_the_pages_say_when_and_offer_no_button(client, stage, now):
    now.move_to(NOW + dt.timedelta(days=29), tick=False)
    client.force_login(stage.mission_user)

    city = client.get(_url("matchmaking_city", stage))
    participants = client.get(_url("matchmaking_participants", stage))
    availability = client.get(_url("matchmaking_availability", stage))

    text = _text(city)
    assert f"Registration and availability closed on {BOOKING_CLOSES}" in text
    assert f"Meeting requests closed on {REQUESTS_CLOSE}" in text
    assert "Save who comes" not in text
    assert "Find cities to meet" not in text
    assert f"Meeting requests closed on {REQUESTS_CLOSE}" in _text(participants)
    assert "Ask Évora for a meeting" not in _text(participants)
    assert f"Availability could be changed until {BOOKING_CLOSES}" in _text(availability)
    assert "Save availability" not in _text(availability)


def test_a_city_not_registered_after_the_deadline_is_told_when_registration_closed(
    client, stage, now
):
    stage.mission_part.delete()
    now.move_to(NOW + dt.timedelta(days=29), tick=False)
    client.force_login(stage.mission_user)

    text = _text(client.get(_url("matchmaking_city", stage)))

    assert "Torino (Turin) is not registered for this day." in text
    assert text.count(f"Registration closed on {BOOKING_CLOSES}") == 2  # status and section
    assert "Register Torino (Turin) for this day" not in text


def test_a_published_agenda_is_counted_on_the_citys_page(client, stage):
    accepted_meeting(stage.day, stage.mission, stage.minded)
    run_schedule(start_schedule_run(stage.day, by=None).pk, time_limit=5)
    publish_schedule(stage.day, by=None)
    client.force_login(stage.mission_user)

    response = client.get(_url("matchmaking_city", stage))

    assert "The agenda of Torino (Turin) is published: 1 meeting." in _text(response)
    assert f'href="{_url("matchmaking_agenda", stage)}">See the agenda</a>' in (
        response.content.decode()
    )


def _second_city(stage):
    """A second city of the Mission city's representative, accepted in the cohort."""
    city = CityFactory(name="Lahti", name_en="Lahti")
    RegistrationFactory(cohort=stage.day.cohort, city=city, kind=CityKind.MISSION_MINDED)
    MembershipFactory(user=stage.mission_user, city=city)
    return city


def test_the_list_of_days_says_for_each_city_whether_it_is_registered(client, stage):
    _second_city(stage)
    client.force_login(stage.mission_user)

    text = _text(client.get(reverse("portal:matchmaking_days")))

    assert f"When {WHEN}" in text
    assert (
        f"Lahti: not registered · registration closes on {BOOKING_CLOSES} "
        f"Torino (Turin): registered · send meeting requests until {REQUESTS_CLOSE}"
    ) in text


def test_the_list_of_days_does_not_grow_queries_with_days_and_cities(client, stage):
    client.force_login(stage.mission_user)
    url = reverse("portal:matchmaking_days")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def published_day(city):
        day = matchmaking_day(stage.day.cohort)
        ParticipationFactory(day=day, city=stage.mission, kind=CityKind.MISSION)
        ParticipationFactory(day=day, city=city)
        accepted_meeting(day, city, stage.mission)
        run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
        publish_schedule(day, by=None)

    published_day(stage.minded)
    small = queries()
    lahti = _second_city(stage)
    for _ in range(3):
        published_day(lahti)

    assert queries() == small


def test_the_organisers_day_pages_lead_with_the_date_and_place(organiser_client, stage):
    day_page = _text(organiser_client.get(reverse("orga:matchmaking_day", args=[stage.day.pk])))
    days_page = _text(organiser_client.get(reverse("orga:matchmaking_days")))

    assert day_page.index(f"When {WHEN}") < day_page.index("Format In person at Lingotto, Torino")
    assert "Matchmaking Day 1 May 2026" in days_page


@pytest.fixture
def crowded(stage):
    """Torino may have one meeting; Évora is free only when Torino is not; Lahti and Graz
    both want Torino, Lahti as a priority."""
    day = stage.day
    day.max_meetings = 1
    day.save()
    slots = list(day.slots.all())
    stage.mission_part.availability.set(slots[:2])
    stage.minded_part.availability.set(slots[2:])
    accepted_meeting(day, stage.mission, stage.minded)
    for name, priority in (("Lahti", True), ("Graz", False)):
        city = CityFactory(name=name, name_en=name)
        ParticipationFactory(day=day, city=city, kind=CityKind.MISSION_MINDED)
        accepted_meeting(day, city, stage.mission, from_priority=priority)
    return run_schedule(start_schedule_run(day, by=None).pk)


def test_the_run_page_says_in_plain_words_what_was_placed_and_why_not(
    organiser_client, stage, crowded
):
    response = organiser_client.get(reverse("orga:matchmaking_run", args=[crowded.pk]))

    text = _text(response)
    assert f"When {WHEN}" in text
    assert "1 meeting was placed. 2 meetings could not be placed." in text
    assert (
        "Torino (Turin) and Évora Torino (Turin) and Évora have no free slot in common."
    ) in text
    assert (
        "Graz and Torino (Turin) Torino (Turin) already has the most meetings a city can have: 1."
    ) in text
    content = response.content.decode()
    assert content.index("<summary>Technical details</summary>") < content.index("Proven bound")


def test_the_day_page_says_why_each_meeting_was_not_placed(organiser_client, stage, crowded):
    text = _text(organiser_client.get(reverse("orga:matchmaking_day", args=[stage.day.pk])))

    assert "Torino (Turin) – Évora: Torino (Turin) and Évora have no free slot in common." in text
    assert (
        "Graz – Torino (Turin): Torino (Turin) already has the most meetings a city can have: 1."
    ) in text


def test_a_run_stored_without_kinds_of_reason_shows_a_neutral_sentence(stage):
    run = ScheduleRun(
        day=stage.day,
        instance={
            "participants": [{"id": "c1", "name": "Torino"}, {"id": "c2", "name": "Évora"}],
            "meetings": [{"id": "r1", "participants": ["c1", "c2"]}],
        },
        result={
            "scheduled": [],
            "unscheduled": [{"meeting": "r1", "reason": "c1 and c2 have no free slot in common"}],
        },
    )

    assert left_out_meetings(run, []) == [
        {
            "meeting": "r1",
            "first": "Torino",
            "second": "Évora",
            "why": "No reason can be shown for this meeting.",
        }
    ]


def test_a_reason_naming_a_city_or_a_slot_without_a_name_shows_no_engine_id(stage):
    run = ScheduleRun(
        day=stage.day,
        instance={
            "slots": [{"id": "s999"}],
            "participants": [{"id": "c1", "name": "Torino"}, {"id": "c2"}],
            "meetings": [{"id": "r1", "participants": ["c1", "c2"]}],
        },
        result={
            "scheduled": [],
            "unscheduled": [
                {
                    "meeting": "r1",
                    "reason": "c2 already has a fixed meeting in s999",
                    "kind": "fixed_elsewhere",
                    "participants": ["c2"],
                    "slot": "s999",
                }
            ],
        },
    )

    assert left_out_meetings(run, []) == [
        {
            "meeting": "r1",
            "first": "Torino",
            "second": "a city no longer listed",
            "why": "a city no longer listed already has a locked meeting at a time no longer "
            "in the day.",
        }
    ]


def test_the_organisers_read_no_engine_id_nor_engine_sentence(organiser_client, stage, crowded):
    pages = [
        _text(organiser_client.get(reverse("orga:matchmaking_run", args=[crowded.pk]))),
        _text(organiser_client.get(reverse("orga:matchmaking_day", args=[stage.day.pk]))),
    ]

    # The engine's own sentence for Torino's full day, which the app words otherwise.
    engine_sentence = "Torino (Turin)'s day is full: it reached its limit of 1 meetings"
    assert engine_sentence in [item["reason"] for item in crowded.result["unscheduled"]]
    for text in pages:
        assert re.search(r"\b[crs]-?\d+\b", text) is None
        assert engine_sentence not in text


def test_the_day_page_gives_the_last_finished_runs_reasons_after_many_failed_runs(
    organiser_client, stage, crowded
):
    for _ in range(12):
        ScheduleRun.objects.create(
            day=stage.day, instance={}, status=RunStatus.FAILED, error="Stopped"
        )

    text = _text(organiser_client.get(reverse("orga:matchmaking_day", args=[stage.day.pk])))

    assert "Torino (Turin) – Évora: Torino (Turin) and Évora have no free slot in common." in text
    assert (
        "Graz – Torino (Turin): Torino (Turin) already has the most meetings a city can have: 1."
    ) in text
    assert "day is full" not in text


def test_input_the_scheduler_refuses_fails_the_run_in_plain_words(stage):
    run = start_schedule_run(stage.day, by=None)
    # A stored input the engine refuses: a meeting of a city that is not in the day.
    run.instance["meetings"] = [{"id": "r1", "participants": ["c1", "c999999"]}]
    run.save(update_fields=["instance"])

    failed = run_schedule(run.pk, time_limit=5)

    assert failed.status == RunStatus.FAILED
    assert failed.error == "The scheduler refused this run's input. Nothing was placed."
