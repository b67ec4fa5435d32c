from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")


class PracticeStage(models.TextChoices):
    PILOTED = "piloted", _("Piloted")
    DEMONSTRATED = "demonstrated", _("Demonstrated at full scale")
    SCALED = "scaled", _("Scaled up across the city")
    MAINSTREAMED = "mainstreamed", _("Part of the city's regular policy")


class PracticeLanguage(models.TextChoices):
    """The language a practice is written in: the EU languages PostgreSQL can stem.

    Search reads each practice with its language's rules ("districts" finds
    "district"); a practice in another language is searched word for word.
    """

    ENGLISH = "en", _("English")
    DANISH = "da", _("Danish")
    DUTCH = "nl", _("Dutch")
    FINNISH = "fi", _("Finnish")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    GREEK = "el", _("Greek")
    HUNGARIAN = "hu", _("Hungarian")
    ITALIAN = "it", _("Italian")
    PORTUGUESE = "pt", _("Portuguese")
    ROMANIAN = "ro", _("Romanian")
    SPANISH = "es", _("Spanish")
    SWEDISH = "sv", _("Swedish")
    OTHER = "", _("Another language")


class ResultKind(models.TextChoices):
    EMISSIONS_AVOIDED = "emissions", _("Emissions avoided")
    INVESTMENT = "investment", _("Money invested")
    PEOPLE_REACHED = "people", _("People reached")
    ENERGY = "energy", _("Energy saved or produced")
    OTHER = "other", _("Other result")


# The unit each kind of result is given in, unless the city names another.
RESULT_UNITS = {
    ResultKind.EMISSIONS_AVOIDED: "t CO2e/year",
    ResultKind.INVESTMENT: "EUR",
    ResultKind.PEOPLE_REACHED: "people",
    ResultKind.ENERGY: "MWh/year",
    ResultKind.OTHER: "",
}
