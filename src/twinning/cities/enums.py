from django.db import models
from django.utils.translation import gettext_lazy as _


class CityKind(models.TextChoices):
    MISSION = "mission", _("Mission city")
    MISSION_MINDED = "mission_minded", _("Mission-minded city")


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AuthorityType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("A local authority")
    PUBLIC_BODY = "public_body", _("A public body tied to a local authority")
    OTHER = "other", _("Another kind of organisation")
