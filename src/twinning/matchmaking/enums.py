from django.db import models
from django.utils.translation import gettext_lazy as _


class DayFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class RequestState(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingOutcome(models.TextChoices):
    """What a city says of one of its meetings after the day."""

    HELD = "held", _("It took place")
    NO_SHOW = "no_show", _("The other city did not come")


class ReportStatus(models.TextChoices):
    """What the two cities' reports say of a meeting, together."""

    HELD_BOTH = "held_both", _("Took place, say both cities")
    HELD_ONE = "held_one", _("Took place, says one city; the other has not said")
    NO_SHOW = "no_show", _("A city did not come, says the other")
    DIFFER = "differ", _("The two cities' reports differ")
    UNREPORTED = "unreported", _("Not reported by either city")
