from django.db import models
from django.utils.translation import gettext_lazy as _


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")
