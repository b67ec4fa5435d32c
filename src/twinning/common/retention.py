"""Retention of personal data: each app says what it removes once its period is over.

An app registers its rules with `@retention_rule(name)` in a module that its
`AppConfig.ready()` imports; the daily retention run applies every rule in one
transaction. A rule takes the moment of the run and returns either the number
of records it deleted or the primary keys of records it kept but emptied of
personal data, so that the audit trail can say which ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

RetentionRule = Callable[[dt.datetime], int | list[int]]

_RULES: dict[str, RetentionRule] = {}


def retention_rule(name: str) -> Callable[[RetentionRule], RetentionRule]:
    """Register `rule` under `name`, the key of its count in the run's report."""

    def register(rule: RetentionRule) -> RetentionRule:
        _RULES[name] = rule
        return rule

    return register


def retention_rules() -> dict[str, RetentionRule]:
    """The registered rules by name, in name order so that runs are repeatable."""
    return dict(sorted(_RULES.items()))
