import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import CohortFactory, RegistrationFactory
from tests.factories.dashboard import known_cohort
from twinning.orga import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    return known_cohort()


def _funnel(cohort):
    return {
        stage.key: (
            stage.announced["mission"],
            stage.announced["mission_minded"],
            None if stage.active is None else stage.active["mission"],
            None if stage.active is None else stage.active["mission_minded"],
        )
        for stage in figures.funnel(cohort)
    }


def test_funnel_counts_each_stage_announced_and_active_by_city_kind(known):
    result = _funnel(known.cohort)

    assert result == {
        "invited": (0, 4, 0, 3),
        "registered": (4, 5, 2, 4),
        "accepted": (4, 3, 2, 2),
        "matchmaking": (2, 2, 1, 1),
        "ranked": (2, 2, 1, 1),
        "selected": (3, 3, 2, 2),
        "twinned": (3, 3, 2, 2),
        "active": (2, 2, 2, 2),
        "completed": (1, 1, 1, 1),
        "withdrawn": (2, 1, None, None),
    }


def test_funnel_of_an_empty_cohort_is_all_zero():
    cohort = CohortFactory()

    result = _funnel(cohort)

    assert result["registered"] == (0, 0, 0, 0)
    assert result["withdrawn"] == (0, 0, None, None)


def test_funnel_keeps_a_city_of_a_withdrawn_twinning_active_when_another_twinning_takes_it(
    known,
):
    from tests.factories.selection import TwinningFactory, TwinningMemberFactory
    from twinning.programme.enums import MemberRole, TwinningState

    replacement = TwinningFactory(cohort=known.cohort, state=TwinningState.PROPOSED)
    TwinningMemberFactory(
        twinning=replacement, city=known.cities["B"], role=MemberRole.MISSION_MINDED
    )

    result = _funnel(known.cohort)

    assert result["withdrawn"] == (2, 0, None, None)
    assert result["twinned"] == (3, 3, 2, 3)


def test_funnel_table_lists_every_stage_with_its_definition(known):
    table = figures.funnel_table(known.cohort)

    assert table.column(0) == [
        "Invited",
        "Registered",
        "Accepted",
        "In matchmaking",
        "Ranked",
        "Selected",
        "Twinned",
        "Active",
        "Completed",
        "Withdrawn",
    ]
    assert table.rows[2][:7] == ["Accepted", 4, 3, 7, 2, 2, 4]
    assert table.rows[2][7] == "Cities whose registration the programme team accepted."
    assert table.rows[9][4:7] == [None, None, None]


def test_registrations_by_week_fill_the_weeks_without_registrations(known):
    table = figures.registrations_by_week(known.cohort)

    assert table.rows[0] == [dt.date(2025, 12, 8), 0, 5, 5]
    assert table.rows[8] == [dt.date(2026, 2, 2), 3, 0, 3]
    assert table.rows[9] == [dt.date(2026, 2, 9), 0, 0, 0]
    assert table.rows[10] == [dt.date(2026, 2, 16), 1, 0, 1]
    assert len(table.rows) == 11


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
    assert tables["budget"].rows[0][0] == "Available for 2 twinnings of EUR 3600.00"
    assert tables["plans"].rows == [
        ["Draft", 1],
        ["Submitted", 0],
        ["Approved", 0],
        ["Returned with comments", 0],
        ["Not started (twinned, no plan yet)", 1],
    ]
