"""The Matchmaking Day meeting scheduler: a pure Python library and `twinning schedule`.

It places the most valuable set of one-to-one meetings that fits into time
slots and tables, proves an upper bound on what any schedule could reach,
and tells each participant why a meeting was left out. Dataclasses in and
out for Python callers; `run_json` for the command line. A hybrid day has
two pools per slot, tables and video rooms (see `pools`).
"""

from __future__ import annotations

from twinning.engine.scheduling.model import (
    ROOMS,
    TABLES,
    Meeting,
    Participant,
    ScheduledMeeting,
    ScheduleInstance,
    ScheduleResult,
    Slot,
    UnscheduledMeeting,
    pool_for,
)
from twinning.engine.scheduling.parse import check_instance, parse_instance
from twinning.engine.scheduling.solve import schedule_meetings

__all__ = [
    "ROOMS",
    "TABLES",
    "Meeting",
    "Participant",
    "ScheduleInstance",
    "ScheduleResult",
    "ScheduledMeeting",
    "Slot",
    "UnscheduledMeeting",
    "check_instance",
    "parse_instance",
    "pool_for",
    "result_to_json",
    "run_json",
    "schedule_meetings",
]


def result_to_json(result: ScheduleResult) -> dict:
    """The result in the contract's JSON shape (a dict ready for json.dumps); a meeting in
    a video room at a hybrid day carries `"room": true`; a meeting left out carries the
    facts of its reason beside the sentence (`kind`, `participants`, `slot`...)."""
    return {
        "scheduled": [
            {
                "meeting": item.meeting,
                "slot": item.slot,
                "table": item.table,
                **({"room": True} if item.room else {}),
            }
            for item in result.scheduled
        ],
        "unscheduled": [
            {"meeting": item.meeting, "reason": item.reason, **item.facts()}
            for item in result.unscheduled
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
