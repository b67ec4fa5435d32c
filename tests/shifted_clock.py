"""The day the suite is also run on: more than a year ahead, on a night the clocks change.

No Django import, so that the CI script can ask for the day before the suite starts.
"""

import datetime as dt


def a_year_ahead(moment: dt.datetime) -> dt.datetime:
    """00:30 UTC on the night the clocks go back in Brussels, more than a year after `moment`.

    Half an hour later Brussels leaves summer time: a night that daily rules,
    calendars and deadlines must survive.
    """
    earliest = moment.date() + dt.timedelta(days=366)
    for year in (earliest.year, earliest.year + 1):
        last_sunday = dt.date(year, 10, 31)
        last_sunday -= dt.timedelta(days=(last_sunday.weekday() + 1) % 7)
        if last_sunday >= earliest:
            return dt.datetime.combine(last_sunday, dt.time(0, 30), tzinfo=dt.UTC)
    raise AssertionError("unreachable: every year has a last Sunday of October")


if __name__ == "__main__":
    print(f"{a_year_ahead(dt.datetime.now(dt.UTC)):%Y-%m-%d %H:%M:%S}")
