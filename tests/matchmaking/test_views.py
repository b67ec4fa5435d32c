import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CityFactory, MembershipFactory, MissionCityFactory
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting
from twinning.accounts.models import User
from twinning.cities.enums import CityKind
from twinning.matchmaking.domain.requests import send_meeting_request
from twinning.matchmaking.domain.schedule import publish_schedule, run_schedule, start_schedule_run
from twinning.matchmaking.models import DayParticipation, MeetingRequest, ScheduleRun


def _url(name, setting, city=None, *extra):
    return reverse(f"portal:{name}", args=[setting.day.pk, (city or setting.mission).pk, *extra])


def test_city_page_refuses_someone_who_does_not_represent_the_city(client, setting):
    client.force_login(setting.minded_user)

    response = client.get(_url("matchmaking_city", setting))

    assert response.status_code == 403
    assert "Only the representatives of this city can do this." in response.content.decode()


def test_city_page_registers_the_city_with_who_comes(client, setting):
    setting.mission_part.delete()
    client.force_login(setting.mission_user)

    response = client.post(
        _url("matchmaking_city", setting), {"attendees": [setting.mission_user.pk]}
    )

    assert response.status_code == 302
    participation = DayParticipation.objects.get(day=setting.day, city=setting.mission)
    assert list(participation.attendees.all()) == [setting.mission_user]


def test_city_page_without_anyone_chosen_shows_the_error_next_to_the_field(client, setting):
    client.force_login(setting.mission_user)
    response = client.post(_url("matchmaking_city", setting), {})
    assert response.status_code == 200
    assert response.context["form"].errors == {"attendees": ["Choose at least one person."]}


def test_availability_saves_the_ticked_slots(client, setting):
    client.force_login(setting.mission_user)
    first = setting.day.slots.first()

    response = client.post(_url("matchmaking_availability", setting), {"slots": [first.pk]})

    assert response.status_code == 302
    assert list(setting.mission_part.availability.all()) == [first]


def test_request_double_submit_creates_one_request_and_keeps_the_message(client, setting):
    client.force_login(setting.mission_user)
    url = _url("matchmaking_request_new", setting, None, setting.minded.pk)

    first = client.post(url, {"message": "Heat pumps?"})
    second = client.post(url, {"message": "Heat pumps?"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert second.context["form"].non_field_errors() == [
        "There is already a request between your two cities."
    ]
    assert second.context["form"]["message"].value() == "Heat pumps?"
    assert MeetingRequest.objects.count() == 1


def test_only_the_requested_city_can_accept(client, setting):
    request = send_meeting_request(
        setting.day, setting.mission, setting.minded, message="", by=setting.mission_user
    )
    url = reverse("portal:matchmaking_request_action", args=[request.pk, "accept"])

    client.force_login(setting.mission_user)
    refused = client.post(url)
    client.force_login(setting.minded_user)
    accepted = client.post(url)

    assert (refused.status_code, accepted.status_code) == (403, 302)
    request.refresh_from_db()
    assert request.state == "accepted"


def test_accepting_twice_gives_a_clear_page(client, setting):
    request = send_meeting_request(
        setting.day, setting.mission, setting.minded, message="", by=setting.mission_user
    )
    url = reverse("portal:matchmaking_request_action", args=[request.pk, "accept"])
    client.force_login(setting.minded_user)
    client.post(url)

    response = client.post(url)

    assert response.status_code == 409
    assert "This request is already “Accepted”." in response.content.decode()


def test_agenda_hides_an_unpublished_schedule(client, setting):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(setting.day, by=None).pk)
    client.force_login(setting.mission_user)

    response = client.get(_url("matchmaking_agenda", setting))

    assert response.context["meetings"] == []
    assert "The schedule is not published yet." in response.content.decode()


def test_feed_serves_the_calendar_by_its_token_only(client, setting):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(setting.day, by=None).pk)
    publish_schedule(setting.day, by=None)

    found = client.get(reverse("portal:matchmaking_feed", args=[setting.mission_part.feed_token]))
    missing = client.get(reverse("portal:matchmaking_feed", args=["not-a-token"]))

    assert (found.status_code, found["Content-Type"], missing.status_code) == (
        200,
        "text/calendar",
        404,
    )
    assert b"SUMMARY:Meeting with \xc3\x89vora" in found.content


@pytest.mark.parametrize(
    "name", ["matchmaking_days", "matchmaking_day", "matchmaking_grid", "matchmaking_run"]
)
def test_orga_pages_refuse_city_representatives(client, setting, name):
    run = start_schedule_run(setting.day, by=None)
    args = (
        []
        if name == "matchmaking_days"
        else [run.pk if name == "matchmaking_run" else setting.day.pk]
    )
    client.force_login(setting.mission_user)
    assert client.get(reverse(f"orga:{name}", args=args)).status_code == 403


def test_organiser_runs_the_scheduler_and_sees_the_figures(
    organiser_client, setting, django_capture_on_commit_callbacks
):
    accepted_meeting(setting.day, setting.mission, setting.minded)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            reverse("orga:matchmaking_run_start", args=[setting.day.pk])
        )
    run = ScheduleRun.objects.get()
    page = organiser_client.get(response.url)

    assert response.url == reverse("orga:matchmaking_run", args=[run.pk])
    assert run.status == "done"
    assert page.context["placed_count"] == 1
    assert page.context["in_progress"] is False


def test_organiser_sees_a_queued_run_with_a_refresh_link(organiser_client, setting):
    run = start_schedule_run(setting.day, by=None)
    response = organiser_client.get(reverse("orga:matchmaking_run", args=[run.pk]))
    assert response.context["in_progress"] is True
    assert b"twinning/js/run-progress.js" in response.content


def test_grid_export_lists_the_published_meetings(organiser_client, setting):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(setting.day, by=None).pk)
    publish_schedule(setting.day, by=None)

    response = organiser_client.get(
        reverse("orga:matchmaking_grid_export", args=[setting.day.pk, "csv"])
    )

    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Start,End,Place,Table or room,City,City,Held"
    assert lines[1].endswith(",table,1,Torino (Turin),Évora,")


def _grow(setting, count):
    """`count` more Mission-minded cities, each with an accepted meeting with Torino."""
    for _ in range(count):
        city = CityFactory()
        # A user without a hashed password: hashing would dominate the test's time.
        user = User.objects.create(email=f"{city.slug}@example.org", name=city.name)
        MembershipFactory(user=user, city=city)
        part = ParticipationFactory(day=setting.day, city=city, kind=CityKind.MISSION_MINDED)
        part.attendees.set([user])
        accepted_meeting(setting.day, city, setting.mission)
        other = MissionCityFactory()
        ParticipationFactory(day=setting.day, city=other, kind=CityKind.MISSION)
        send_meeting_request(setting.day, other, city, message="", by=None)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _publish(setting):
    run_schedule(start_schedule_run(setting.day, by=None).pk, time_limit=5)
    publish_schedule(setting.day, by=None)


@pytest.mark.parametrize(
    "page",
    ["participants", "city", "agenda", "days"],
)
def test_portal_list_pages_do_not_grow_queries_with_the_data(client, setting, page):
    client.force_login(setting.mission_user)
    urls = {
        "participants": _url("matchmaking_participants", setting),
        "city": _url("matchmaking_city", setting),
        "agenda": _url("matchmaking_agenda", setting),
        "days": reverse("portal:matchmaking_days"),
    }
    _grow(setting, 1)
    _publish(setting)
    small = _queries(client, urls[page])
    _grow(setting, 4)
    _publish(setting)
    assert _queries(client, urls[page]) == small


@pytest.mark.parametrize("page", ["days", "day", "grid", "run"])
def test_orga_list_pages_do_not_grow_queries_with_the_data(organiser_client, setting, page):
    def url():
        run = setting.day.runs.first()
        return {
            "days": reverse("orga:matchmaking_days"),
            "day": reverse("orga:matchmaking_day", args=[setting.day.pk]),
            "grid": reverse("orga:matchmaking_grid", args=[setting.day.pk]),
            "run": reverse("orga:matchmaking_run", args=[run.pk]),
        }[page]

    _grow(setting, 1)
    _publish(setting)
    small = _queries(organiser_client, url())
    _grow(setting, 4)
    _publish(setting)
    assert _queries(organiser_client, url()) == small
