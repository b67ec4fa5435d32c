"""The Matchmaking Day meeting scheduler: a pure Python library and `twinning schedule`.

It places the most valuable set of one-to-one meetings that fits into time
slots and tables, proves an upper bound on what any schedule could reach,
and tells each participant why a meeting was left out. Dataclasses in and
out for Python callers; `run_json` for the command line.
"""

from __future__ import annotations

from twinning.engine.scheduling.model import (
    Meeting,
    Participant,
    ScheduledMeeting,
    ScheduleInstance,
    ScheduleResult,
    Slot,
    UnscheduledMeeting,
)
from twinning.engine.scheduling.parse import check_instance, parse_instance
from twinning.engine.scheduling.solve import schedule_meetings

__all__ = [
    "Meeting",
    "Participant",
    "ScheduleInstance",
    "ScheduleResult",
    "ScheduledMeeting",
    "Slot",
    "UnscheduledMeeting",
    "check_instance",
    "parse_instance",
    "result_to_json",
    "run_json",
    "schedule_meetings",
]


def result_to_json(result: ScheduleResult) -> dict:
    """The result in the contract's JSON shape (a dict ready for json.dumps)."""
    return {
        "scheduled": [
            {"meeting": item.meeting, "slot": item.slot, "table": item.table}
            for item in result.scheduled
        ],
        "unscheduled": [
            {"meeting": item.meeting, "reason": item.reason} for item in result.unscheduled
        ],
        "total_priority": result.total_priority,
        "upper_bound": result.upper_bound,
        "optimal": result.optimal,
        "stats": dict(result.stats),
    }


def run_json(data: object, time_limit: float | None = None) -> dict:
    """Check the instance, schedule it and return the contract's result JSON.

    Raises `twinning.engine.errors.InvalidInstance` with one line for input
    that breaks the contract.
    """
    return result_to_json(schedule_meetings(parse_instance(data), time_limit=time_limit))
