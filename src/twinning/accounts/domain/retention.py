"""Removal of personal data the programme no longer needs, after the periods in the settings.

The rules themselves belong to the apps that hold the data (a withdrawn city's
contacts in cities, webinar seats in outreach); this module runs them all.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.retention import retention_rules

# What an e-mail address becomes once it is removed (an invalid domain, RFC 6761).
REMOVED_ADDRESS = "removed@invalid"


def retention_days() -> tuple[int, int]:
    """Days kept: (contacts of a withdrawn city, seats at a webinar that is over)."""
    return settings.RETENTION_WITHDRAWN_CITY_DAYS, settings.RETENTION_WEBINAR_REGISTRATION_DAYS


@transaction.atomic
def remove_expired_personal_data(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Apply every retention rule; returns how many records each rule removed or emptied.

    One audit entry records the run when anything was removed.
    """
    now = now or clock.now()
    removed = {name: rule(now) for name, rule in retention_rules().items()}
    report = {
        name: value if isinstance(value, int) else len(value) for name, value in removed.items()
    }
    if any(report.values()):
        record_action("privacy.retention", **removed)
    return report
