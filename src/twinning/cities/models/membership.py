from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.cities.enums import AuthorityType, CityKind, MembershipRole, RegistrationState


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
    # Eligibility of a Mission-minded city.
    authority_type = models.CharField(
        _("the applicant is"), max_length=20, choices=AuthorityType.choices, blank=True
    )
    climate_commitment = models.TextField(
        _("climate-neutrality commitment"),
        blank=True,
        help_text=_("How the city has committed to climate neutrality (e.g. a council decision)."),
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours per month the city commits"), null=True, blank=True
    )
    representatives_committed = models.PositiveSmallIntegerField(
        _("representatives the city commits"), null=True, blank=True
    )
    # A Mission city's team.
    working_languages = models.CharField(
        _("working languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages the city's team works in, e.g. English, Italian."),
    )
    representatives = models.TextField(
        _("representatives"),
        blank=True,
        help_text=_("One per line: name, role and e-mail address."),
    )
    review_comment = models.TextField(
        _("organisers' comment"),
        blank=True,
        help_text=_("Why the registration was returned or rejected."),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["cohort", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "city"], name="one_registration_per_cohort")
        ]

    def __str__(self):
        return f"{self.city} – {self.cohort}"
