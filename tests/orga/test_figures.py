import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from tests.factories import CohortFactory, MilestoneFactory, RegistrationFactory
from tests.factories.dashboard import known_cohort
from twinning.cohorts.enums import MilestoneKind
from twinning.orga import figures

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _brussels(year, month, day):
    return dt.datetime(year, month, day, 10, tzinfo=BRUSSELS)


@pytest.fixture
def known():
    return known_cohort()


def _funnel(cohort):
    return {
        funnel.kind: {stage.key: (stage.announced, stage.active) for stage in funnel.stages}
        for funnel in figures.funnel(cohort)
    }


def test_funnel_counts_each_kind_of_city_at_every_stage_up_to_the_furthest_it_reached(known):
    funnels = figures.funnel(known.cohort)

    assert [funnel.kind for funnel in funnels] == ["mission_minded", "mission"]
    assert _funnel(known.cohort) == {
        # E and F registered without an invitation, C was invited and never submitted.
        "mission_minded": {
            "invited": (6, 5),
            "registered": (5, 4),
            "accepted": (3, 2),
            "selected": (3, 2),
            "twinned": (3, 2),
            "year_started": (2, 2),
            "completed": (1, 1),
        },
        # M3 was twinned without ranking: it counts as ranked, the stage before.
        "mission": {
            "registered": (4, 2),
            "accepted": (4, 2),
            "ranked": (3, 2),
            "selected": (3, 2),
            "twinned": (3, 2),
            "year_started": (2, 2),
            "completed": (1, 1),
        },
    }
    assert [(funnel.withdrawn, funnel.uninvited) for funnel in funnels] == [(1, 2), (2, 0)]


def test_funnel_of_an_empty_cohort_is_all_zero():
    cohort = CohortFactory()

    funnels = figures.funnel(cohort)

    assert {stage.announced for funnel in funnels for stage in funnel.stages} == {0}
    assert [(funnel.withdrawn, funnel.uninvited) for funnel in funnels] == [(0, 0), (0, 0)]


def test_funnel_keeps_a_city_of_a_withdrawn_twinning_active_when_another_twinning_takes_it(
    known,
):
    from tests.factories.selection import TwinningFactory, TwinningMemberFactory
    from twinning.programme.enums import MemberRole, TwinningState

    replacement = TwinningFactory(cohort=known.cohort, state=TwinningState.PROPOSED)
    TwinningMemberFactory(
        twinning=replacement, city=known.cities["B"], role=MemberRole.MISSION_MINDED
    )

    funnels = figures.funnel(known.cohort)

    assert [funnel.withdrawn for funnel in funnels] == [0, 2]
    assert funnels[0].stage("twinned").active == 3


def test_funnel_tables_list_every_stage_with_its_definition(known):
    minded, mission = figures.funnel_tables(known.cohort)

    assert (minded.key, minded.title) == (
        "funnel-mission-minded",
        "Funnel of the Mission-minded cities",
    )
    assert minded.column(0) == [
        "Invited",
        "Registered",
        "Accepted",
        "Selected",
        "Twinned",
        "Programme year started",
        "Programme year completed",
    ]
    assert mission.column(0)[:3] == ["Registered", "Accepted", "Ranked"]
    assert mission.rows[1] == [
        "Accepted",
        4,
        2,
        "Cities whose registration the programme team accepted.",
    ]


def test_registrations_by_week_fill_the_weeks_without_registrations(known):
    table = figures.registrations_by_week(known.cohort)

    assert table.rows[0] == [dt.date(2025, 12, 8), 0, 5, 5]
    assert table.rows[8] == [dt.date(2026, 2, 2), 3, 0, 3]
    assert table.rows[9] == [dt.date(2026, 2, 9), 0, 0, 0]
    assert table.rows[10] == [dt.date(2026, 2, 16), 1, 0, 1]
    assert len(table.rows) == 11


def test_registrations_by_week_cover_every_week_of_the_registration_windows():
    cohort = CohortFactory(time_zone="Europe/Brussels")
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=_brussels(2026, 1, 7),  # a Wednesday
        ends_at=_brussels(2026, 1, 30),
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=_brussels(2026, 2, 2),
        ends_at=_brussels(2026, 3, 1),  # a Sunday
    )
    MilestoneFactory(cohort=cohort, kind=MilestoneKind.MATCHMAKING, ends_at=_brussels(2026, 6, 1))
    RegistrationFactory(cohort=cohort, kind="mission_minded", submitted_at=_brussels(2026, 1, 20))
    RegistrationFactory(cohort=cohort, kind="mission", submitted_at=_brussels(2026, 2, 12))

    table = figures.registrations_by_week(cohort)

    assert table.rows == [
        [dt.date(2026, 1, 5), 0, 0, 0],
        [dt.date(2026, 1, 12), 0, 0, 0],
        [dt.date(2026, 1, 19), 0, 1, 1],
        [dt.date(2026, 1, 26), 0, 0, 0],
        [dt.date(2026, 2, 2), 0, 0, 0],
        [dt.date(2026, 2, 9), 1, 0, 1],
        [dt.date(2026, 2, 16), 0, 0, 0],
        [dt.date(2026, 2, 23), 0, 0, 0],
    ]


def test_registrations_by_week_of_windows_without_registrations_are_all_zero():
    cohort = CohortFactory(time_zone="Europe/Brussels")
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=_brussels(2026, 2, 2),
        ends_at=_brussels(2026, 2, 20),
    )

    table = figures.registrations_by_week(cohort)

    assert table.rows == [
        [dt.date(2026, 2, 2), 0, 0, 0],
        [dt.date(2026, 2, 9), 0, 0, 0],
        [dt.date(2026, 2, 16), 0, 0, 0],
    ]


def test_registrations_by_week_widen_to_a_registration_after_the_window():
    cohort = CohortFactory(time_zone="Europe/Brussels")
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=_brussels(2026, 2, 2),
        ends_at=_brussels(2026, 2, 6),
    )
    RegistrationFactory(cohort=cohort, kind="mission", submitted_at=_brussels(2026, 2, 18))

    table = figures.registrations_by_week(cohort)

    assert table.column(0) == [dt.date(2026, 2, 2), dt.date(2026, 2, 9), dt.date(2026, 2, 16)]
    assert table.column(3) == [0, 0, 1]


def test_selection_figures_count_the_ranking_and_the_twinnings_per_state(known):
    ranking, twinnings = figures.selection_figures(known.cohort)

    assert ranking.rows == [
        ["Mission cities that ranked", 2],
        ["Choices stated", 3],
        ["Mission-minded cities ranked at least once", 2],
        ["Mission-minded cities ranked first at least once", 1],
    ]
    assert {row[0]: row[1] for row in twinnings.rows if row[1]} == {
        "Withdrawn": 1,
        "Active": 1,
        "Completed": 1,
    }


def test_registrations_by_week_count_in_the_cohorts_time_zone():
    cohort = CohortFactory(time_zone="Europe/Brussels")
    # Sunday 23:30 UTC is already Monday in Brussels.
    RegistrationFactory(cohort=cohort, submitted_at=dt.datetime(2026, 2, 1, 23, 30, tzinfo=dt.UTC))

    table = figures.registrations_by_week(cohort)

    assert table.rows == [[dt.date(2026, 2, 2), 0, 1, 1]]


def test_cities_by_country_count_accepted_registrations_most_first(known):
    table = figures.cities_by_country(known.cohort)

    assert table.rows == [
        ["Finland", 0, 2, 2],
        ["Italy", 2, 0, 2],
        ["Portugal", 0, 1, 1],
        ["Slovakia", 1, 0, 1],
    ]


def test_cities_by_theme_count_published_practices_and_ambitions(known):
    table = figures.cities_by_theme(known.cohort)
    counted = {row[0]: row[2:] for row in table.rows if row[4]}

    assert counted == {
        "Energy systems": [1, 2, 3],
        "Mobility and transport": [1, 0, 1],
        "Finance and funding": [0, 1, 1],
    }


def test_cohort_cities_are_those_accepted(known):
    cities = figures.cohort_cities(known.cohort)

    assert {(city.name, kind) for city, kind in cities} == {
        ("Évora", "mission_minded"),
        ("Kerava", "mission_minded"),
        ("Košice", "mission"),
        ("Oulu", "mission_minded"),
        ("Pécs", "mission"),
        ("Torino", "mission"),
    }


def test_matchmaking_figures_per_day(known):
    table = figures.matchmaking_figures(known.cohort)

    assert table.rows == [["Matchmaking Day in Torino", 4, 4, 2, 1, 1, 1, 1, 0]]


def test_cross_cohort_figures(known):
    cross = figures.cross_cohort()

    assert (cross.cities_supported, cross.countries) == (8, 6)
    assert cross.returning.rows == [["Pécs", "Italy", "Cohort 4, Cohort 5"]]
    assert cross.per_cohort.rows == [["Cohort 4", 1, 2, 3, 3], ["Cohort 5", 3, 3, 6, 4]]
    assert cross.countries_table.rows[:2] == [["Finland", 2], ["Italy", 2]]


def test_visits_claims_budget_and_plans(known):
    tables = {table.key: table for table in figures.programme_year(known.cohort)}

    assert tables["visits"].rows == [
        ["Planned", 1],
        ["Submitted for approval", 0],
        ["Approved", 1],
        ["Done", 1],
        ["Cancelled", 0],
    ]
    assert tables["claims"].rows == [
        ["Submitted", 1, Decimal("150.00")],
        ["Approved", 1, Decimal("300.00")],
        ["Returned for correction", 0, Decimal("0.00")],
        ["Rejected", 1, Decimal("100.00")],
        ["Paid", 1, Decimal("200.00")],
    ]
    assert tables["budget"].column(1) == [
        Decimal("7200.00"),
        Decimal("500.00"),
        Decimal("150.00"),
        Decimal("6700.00"),
    ]
    assert tables["budget"].rows[0][0] == "Available for 2 twinnings of EUR 3,600.00"
    assert tables["plans"].rows == [
        ["Draft", 1],
        ["Submitted", 0],
        ["Approved", 0],
        ["Returned with comments", 0],
        ["Not started (twinned, no plan yet)", 1],
    ]
