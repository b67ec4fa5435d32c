import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CohortFactory, MilestoneFactory
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.cohorts.enums import Audience, MilestoneKind

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 2, 15, 12, 0, tzinfo=dt.UTC)


def _cohort_with_windows():
    cohort = CohortFactory(number=5)
    minded = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=dt.datetime(2025, 12, 1, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 1, 30, 16, tzinfo=dt.UTC),
    )
    mission = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=dt.datetime(2026, 2, 2, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC),
    )
    matchmaking = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        starts_at=dt.datetime(2026, 4, 1, 7, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 5, 29, 16, tzinfo=dt.UTC),
    )
    return cohort, minded, mission, matchmaking


def test_calendar_open_now_is_the_window_around_the_moment():
    cohort, minded, mission, matchmaking = _cohort_with_windows()

    calendar = cohort_calendar(cohort, at=NOW)

    assert calendar.open_now == [mission]
    assert calendar.past == [minded]
    assert calendar.upcoming == [matchmaking]
    assert calendar.next_milestone == matchmaking
    assert [calendar.status_of(m) for m in calendar.milestones] == ["past", "open", "upcoming"]


def test_calendar_window_closes_at_its_end_exactly():
    cohort, _minded, mission, _matchmaking = _cohort_with_windows()

    calendar = cohort_calendar(cohort, at=mission.ends_at)

    assert calendar.is_open(MilestoneKind.MISSION_REGISTRATION) is False


def test_calendar_open_for_audience_only_lists_what_concerns_it():
    cohort, _minded, mission, matchmaking = _cohort_with_windows()

    calendar = cohort_calendar(cohort, at=NOW)

    assert calendar.open_for(Audience.MISSION) == [mission]
    assert calendar.open_for(Audience.MISSION_MINDED) == []
    assert calendar.next_for(Audience.MISSION_MINDED) == matchmaking
    assert calendar.open_for(Audience.ORGANISERS) == [mission]


def test_calendar_refusal_says_when_a_window_opens():
    cohort, *_ = _cohort_with_windows()

    calendar = cohort_calendar(cohort, at=NOW)

    assert calendar.refusal(MilestoneKind.MISSION_REGISTRATION) is None
    assert (
        calendar.refusal(MilestoneKind.MATCHMAKING)
        == "Matchmaking Days opens on 1 April 2026, 09:00 CEST."
    )
    assert (
        calendar.refusal(MilestoneKind.MISSION_MINDED_REGISTRATION)
        == "Registration of Mission-minded cities closed on 30 January 2026, 17:00 CET."
    )
    assert (
        calendar.refusal(MilestoneKind.SELECTION)
        == "Selection and confirmation of twinnings is not planned in Cohort 5."
    )


def test_calendar_takes_the_present_moment_by_default():
    cohort = CohortFactory()
    open_window = MilestoneFactory(cohort=cohort)

    assert cohort_calendar(cohort).open_now == [open_window]


def test_current_cohort_is_the_highest_published_number():
    CohortFactory(number=4)
    latest = CohortFactory(number=5)
    CohortFactory(number=6, is_published=False)

    assert current_cohort() == latest


def test_current_cohort_none_without_a_published_cohort():
    CohortFactory(is_published=False)

    assert current_cohort() is None


def test_calendar_is_one_query(django_assert_num_queries):
    cohort, *_ = _cohort_with_windows()
    MilestoneFactory.create_batch(5, cohort=cohort, starts_at=timezone.now())

    with django_assert_num_queries(1):
        calendar = cohort_calendar(cohort, at=NOW)
        assert len(calendar.open_now) == 1
