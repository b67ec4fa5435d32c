from django.db import models
from django.utils.translation import gettext_lazy as _


class TwinningState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed, waiting for the cities")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed without completing")


# Twinnings whose cities all said yes and that were not withdrawn: their programme
# year runs or ran. Public pages, plans, visits and the figures count these.
AGREED_STATES = (
    TwinningState.ACCEPTED,
    TwinningState.ACTIVE,
    TwinningState.COMPLETED,
    TwinningState.CLOSED,
)
# Agreed twinnings whose programme year is not over: workshops can still be held for them.
UNDER_WAY_STATES = (TwinningState.ACCEPTED, TwinningState.ACTIVE)
# Twinnings whose programme year is over: completed, or closed by the organisers without.
ENDED_STATES = (TwinningState.COMPLETED, TwinningState.CLOSED)


class MemberRole(models.TextChoices):
    MISSION_MINDED = "mission_minded", _("Mission-minded city")
    MISSION = "mission", _("Mission city")


class Acceptance(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
