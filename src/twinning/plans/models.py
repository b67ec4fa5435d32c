from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twinning.plans.enums import PlanState, SectionKind
from twinning.themes.enums import ThemeKind

SECTION_ORDER = {kind: position for position, kind in enumerate(SectionKind.values)}


class JointPlan(models.Model):
    """The plan a twinning writes together: what the Mission city will replicate, and how."""

    twinning = models.OneToOneField(
        "programme.Twinning",
        verbose_name=_("twinning"),
        on_delete=models.CASCADE,
        related_name="plan",
    )
    kind_name = models.CharField(
        _("kind of plan"),
        max_length=100,
        help_text=_("The cohort's name for the joint output when the plan was started."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PlanState.choices,
        default=PlanState.DRAFT,
        db_index=True,
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        verbose_name=_("practices to replicate"),
        related_name="joint_plans",
        blank=True,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_comment = models.TextField(_("programme team's comment"), blank=True)

    class Meta:
        verbose_name = _("joint plan")
        verbose_name_plural = _("joint plans")
        ordering = ["twinning"]

    def __str__(self):
        return f"{self.kind_label}: {self.twinning}"

    @property
    def kind_label(self) -> str:
        """The plan's kind in the reader's language (a name typed by the programme team
        reads as it was typed)."""
        return gettext(self.kind_name)


class PlanSection(models.Model):
    """One part of the plan, written in Markdown; `version` counts its saved texts."""

    plan = models.ForeignKey(
        JointPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(_("section"), max_length=20, choices=SectionKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), blank=True)
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_("One web address per line, e.g. the Mission city's investment plan."),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="one_section_of_a_kind_per_plan")
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PlanSectionVersion(models.Model):
    """A saved text of a section, kept for ever: to compare and to restore."""

    section = models.ForeignKey(
        PlanSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    links = models.TextField(_("links"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)
    restored_from = models.PositiveIntegerField(_("restored from version"), null=True, blank=True)

    class Meta:
        verbose_name = _("version of a plan section")
        verbose_name_plural = _("versions of plan sections")
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.section} v{self.number}"


class PlanAction(models.Model):
    """One action of the plan, outlined as in the Climate City Contract's action plan."""

    plan = models.ForeignKey(
        JointPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=200)
    field_of_action = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ThemeKind.FIELD_OF_ACTION},
    )
    lever = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("systemic lever"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ThemeKind.LEVER},
    )
    responsible_bodies = models.CharField(_("responsible bodies"), max_length=300)
    stakeholders = models.CharField(_("stakeholders"), max_length=300, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    cost_eur = models.DecimalField(
        _("cost (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    emission_reduction = models.DecimalField(
        _("expected emission reduction (t CO2e/year)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Counts the saved states, so that a change based on an older one is not written over it.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("action of a plan")
        verbose_name_plural = _("actions of plans")
        ordering = ["plan", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plan_action_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class PlanComment(models.Model):
    """A remark on a section by the facilitator or the programme team, or a city's reply."""

    section = models.ForeignKey(
        PlanSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment on a plan")
        verbose_name_plural = _("comments on plans")
        ordering = ["section", "created", "id"]

    def __str__(self):
        return self.text[:60]


class Certificate(models.Model):
    """A certificate of participation in a completed twinning, for a city or one of its people.

    What it certifies is written down when it is issued, so that it reads the same
    whatever changes later; anyone holding its code can check it on the site.
    """

    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    twinning = models.ForeignKey(
        "programme.Twinning",
        verbose_name=_("twinning"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
        help_text=_("Empty for the city's own certificate."),
    )
    person_name = models.CharField(_("name on the certificate"), max_length=200, blank=True)
    plan_kind = models.CharField(_("kind of joint plan"), max_length=100)
    plan_approved_on = models.DateField(_("plan approved"), null=True, blank=True)
    workshops = models.JSONField(_("workshops attended"), default=list, blank=True)
    visits = models.JSONField(_("city visits made"), default=list, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate of participation")
        verbose_name_plural = _("certificates of participation")
        ordering = ["twinning", "city", "person_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["twinning", "city"],
                condition=models.Q(person__isnull=True),
                name="one_certificate_per_city_and_twinning",
            ),
            models.UniqueConstraint(
                fields=["twinning", "person"],
                condition=models.Q(person__isnull=False),
                name="one_certificate_per_person_and_twinning",
            ),
        ]

    def __str__(self):
        return f"{self.holder} ({self.code})"

    @property
    def holder(self) -> str:
        """Who the certificate is for: the person's name, else the city's."""
        if self.person_id is not None:
            return self.person_name or _("A representative of %(city)s") % {
                "city": self.city.display_name
            }
        return self.city.display_name
