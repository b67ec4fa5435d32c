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


# The language of a practice is a code of `common.languages.CONTENT_LANGUAGES`, or this
# when it is written in another one, or not known: pages then mark it `lang=""`, and
# search reads it word for word.
UNKNOWN_LANGUAGE = ""


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
