import datetime as dt

import pytest

from tests.shifted_clock import a_year_ahead


def _utc(*parts):
    return dt.datetime(*parts, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (_utc(2026, 10, 1, 13), _utc(2027, 10, 31, 0, 30)),
        # A year on falls after that year's last Sunday of October: the next year's.
        (_utc(2026, 12, 6, 13), _utc(2028, 10, 29, 0, 30)),
        (_utc(2027, 10, 30, 13), _utc(2029, 10, 28, 0, 30)),
    ],
)
def test_a_year_ahead_is_the_night_brussels_leaves_summer_time(moment, expected):
    assert a_year_ahead(moment) == expected
