from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyEvent(models.TextChoices):
    """What a survey follows: its invitations go out once such an event has ended."""

    WORKSHOP = "workshop", _("After a workshop")
    MATCHMAKING_DAY = "matchmaking_day", _("After a Matchmaking Day")
    VISIT = "visit", _("After a city visit")
    PROGRAMME_END = "programme_end", _("At the end of the programme year")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    CHOICE = "choice", _("One choice among options")
    TEXT = "text", _("Free text")
