from django.db import models
from django.utils.translation import gettext_lazy as _

# How many Mission-minded cities a Mission city may rank (the cohort has no setting for it).
MAX_PREFERENCES = 5


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
