from django.core.management import call_command

from twinning.matchmaking.models import MatchmakingDay, Meeting


def test_demo_has_the_torino_day_with_a_published_schedule(db):
    call_command("load_demo")
    call_command("load_demo")

    (day,) = MatchmakingDay.objects.filter(cohort__number=5)
    placed = Meeting.objects.filter(day=day, published_slot__isnull=False)
    assert (day.cohort.number, day.time_zone, day.format) == (5, "Europe/Rome", "in_person")
    assert day.slots.first().starts_at.isoformat() == "2026-05-28T12:00:00+00:00"
    assert day.published_at is not None
    assert placed.count() == Meeting.objects.filter(day=day).count() - len(
        day.runs.get().result["unscheduled"]
    )
    assert placed.count() > 10
    assert day.participations.filter(city__name="Torino").exists()
