"""The platform's one reading of "now".

Every domain rule that depends on the time asks `now()` (or `localdate()`), so
that tests can freeze the clock and the demo can be built for any day: inside
`frozen_at(moment)` the platform believes it is `moment`.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar

from django.utils import timezone

_frozen: ContextVar[dt.datetime | None] = ContextVar("twinning_frozen_now", default=None)


def now() -> dt.datetime:
    """The current moment, aware, in UTC (or the moment frozen by `frozen_at`)."""
    moment = _frozen.get()
    return moment if moment is not None else timezone.now()  # noqa: TID251 - the one place


def localdate(zone: dt.tzinfo | None = None) -> dt.date:
    """Today in `zone` (default: the site's time zone)."""
    return timezone.localtime(now(), zone).date()


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Within the block, `now()` answers `moment` (aware) in this thread of execution."""
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware moment")
    token = _frozen.set(moment.astimezone(dt.UTC))
    try:
        yield moment
    finally:
        _frozen.reset(token)
