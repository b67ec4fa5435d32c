from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.cities.enums import CityKind, MembershipRole, RegistrationState


class Membership(models.Model):
    """A person representing a city, as its coordinator or as a member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("city membership")
        verbose_name_plural = _("city memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="one_membership_per_city")
        ]

    def __str__(self):
        return f"{self.user} – {self.city} ({self.get_role_display()})"


class Registration(models.Model):
    """A city's registration for one cohort, as a Mission city or a Mission-minded city."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    kind = models.CharField(_("taking part as"), max_length=20, choices=CityKind.choices)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RegistrationState.choices,
        default=RegistrationState.DRAFT,
        db_index=True,
    )
    partner_projects = models.ManyToManyField(
        "cities.PartnerProject", verbose_name=_("partner projects"), blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["cohort", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "city"], name="one_registration_per_cohort")
        ]

    def __str__(self):
        return f"{self.city} – {self.cohort}"
