from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ClaimState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


class ClaimCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    SUBSISTENCE = "subsistence", _("Subsistence")
    HOSTING = "hosting", _("Hosting")
