"""The twinning selection engine: which Mission-minded cities to select, and their pairs.

Mission cities (seekers) rank Mission-minded cities (providers); at most `select`
providers are selected, each paired with up to its capacity of seekers, under the
organisers' rules. The result has the most seekers paired, then the most first
choices, then the most second choices, and so on (see the selection contract).

    result = select_twinnings(parse_instance(data), time_limit=10)
    print(result_to_json(result))
"""

from __future__ import annotations

from typing import Any

from twinning.engine.selection.model import (
    Pair,
    Provider,
    Reason,
    Rules,
    Seeker,
    SelectionInstance,
    SelectionResult,
)
from twinning.engine.selection.parse import check_instance, parse_instance, result_to_json
from twinning.engine.selection.solve import select_twinnings

__all__ = [
    "Pair",
    "Provider",
    "Reason",
    "Rules",
    "Seeker",
    "SelectionInstance",
    "SelectionResult",
    "check_instance",
    "parse_instance",
    "result_to_json",
    "run_json",
    "select_twinnings",
]


def run_json(data: Any, time_limit: float | None = None) -> dict[str, Any]:
    """The command line's entry: contract JSON in, contract JSON out.

    Raises twinning.engine.errors.InvalidInstance with a one-line reason for bad input.
    """
    return result_to_json(select_twinnings(parse_instance(data), time_limit=time_limit))
