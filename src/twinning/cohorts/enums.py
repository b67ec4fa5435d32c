from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    MISSION_MINDED = "mission_minded", _("Mission-minded cities")
    MISSION = "mission", _("Mission cities")
    BOTH_KINDS = "cities", _("Mission and Mission-minded cities")
    TWINNED = "twinned", _("twinned cities")
    ORGANISERS = "organisers", _("organisers")


class MilestoneKind(models.TextChoices):
    MISSION_MINDED_REGISTRATION = (
        "mission_minded_registration",
        _("Registration of Mission-minded cities"),
    )
    MISSION_REGISTRATION = "mission_registration", _("Registration of Mission cities")
    MATCHMAKING = "matchmaking", _("Matchmaking Days")
    PREFERENCES = "preferences", _("Ranking of preferred twins")
    SELECTION = "selection", _("Selection and confirmation of twinnings")
    PROGRAMME = "programme", _("The twinning programme")
    OTHER = "other", _("Other")

    @property
    def audience(self) -> "Audience":
        return MILESTONE_AUDIENCE[self]


MILESTONE_AUDIENCE = {
    MilestoneKind.MISSION_MINDED_REGISTRATION: Audience.MISSION_MINDED,
    MilestoneKind.MISSION_REGISTRATION: Audience.MISSION,
    MilestoneKind.MATCHMAKING: Audience.BOTH_KINDS,
    MilestoneKind.PREFERENCES: Audience.BOTH_KINDS,
    MilestoneKind.SELECTION: Audience.BOTH_KINDS,
    MilestoneKind.PROGRAMME: Audience.TWINNED,
    MilestoneKind.OTHER: Audience.EVERYONE,
}
