from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeKind(models.TextChoices):
    FIELD_OF_ACTION = "field", _("Field of action")
    LEVER = "lever", _("Systemic lever")
