"""City representatives' pages: taking part online at a hybrid day, the meeting cap, the
other city's profile in the agenda."""

from django.urls import reverse

from tests.factories.matchmaking import accepted_meeting
from twinning.matchmaking.domain.schedule import publish_schedule, run_schedule, start_schedule_run
from twinning.matchmaking.models import DayParticipation


def _city_url(setting):
    return reverse("portal:matchmaking_city", args=[setting.day.pk, setting.mission.pk])


def test_at_a_hybrid_day_a_city_registers_to_take_part_online(client, setting):
    setting.day.format, setting.day.video_rooms = "hybrid", 2
    setting.day.save()
    setting.mission_part.delete()
    client.force_login(setting.mission_user)

    response = client.post(
        _city_url(setting), {"attendees": [setting.mission_user.pk], "online": "on"}
    )

    assert response.status_code == 302
    assert DayParticipation.objects.get(day=setting.day, city=setting.mission).online is True
    page = client.get(_city_url(setting))
    assert "Your city takes part online." in page.content.decode()


def test_at_a_day_in_person_nobody_is_asked_about_taking_part_online(client, setting):
    setting.day.max_meetings = 5
    setting.day.save()
    client.force_login(setting.mission_user)

    page = client.get(_city_url(setting))
    response = client.post(
        _city_url(setting), {"attendees": [setting.mission_user.pk], "online": "on"}
    )

    assert "online" not in page.context["form"].fields
    assert "The schedule gives each city at most 5 meetings." in page.content.decode()
    assert response.status_code == 302
    setting.mission_part.refresh_from_db()
    assert setting.mission_part.online is False


def test_the_agenda_links_the_other_citys_profile(client, setting):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(setting.day, by=None).pk, time_limit=5)
    publish_schedule(setting.day, by=None)
    client.force_login(setting.mission_user)

    response = client.get(
        reverse("portal:matchmaking_agenda", args=[setting.day.pk, setting.mission.pk])
    )

    profile = reverse("public:city", args=[setting.minded.slug])
    assert f'<a href="{profile}">Évora</a>' in response.content.decode()


def test_at_a_hybrid_day_the_participants_page_says_who_takes_part_online(client, setting):
    setting.day.format = "hybrid"
    setting.day.save()
    setting.minded_part.online = True
    setting.minded_part.save()
    client.force_login(setting.mission_user)

    response = client.get(
        reverse("portal:matchmaking_participants", args=[setting.day.pk, setting.mission.pk])
    )

    assert "Mission-minded city · online" in response.content.decode()
