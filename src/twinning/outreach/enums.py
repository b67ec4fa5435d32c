from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatStatus(models.TextChoices):
    # Registered, until the person confirms by the link mailed to them: no seat yet.
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    POLITICIAN = "politician", _("Mayor or elected representative")
    CIVIL_SERVANT = "civil_servant", _("City officer")
    PUBLIC_BODY = "public_body", _("Public body tied to a city")
    PROJECT = "project", _("EU project partner")
    OTHER = "other", _("Other")
