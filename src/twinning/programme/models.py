import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twinning.common import clock
from twinning.programme.enums import Acceptance, MemberRole, TwinningState


class Twinning(models.Model):
    """A Mission-minded city with one or more Mission cities (a pair or a trio)."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="twinnings",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=TwinningState.choices,
        default=TwinningState.PROPOSED,
        db_index=True,
    )
    created_from_run = models.ForeignKey(
        "selection.SelectionRun",
        verbose_name=_("created from the selection run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="twinnings",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"is_facilitator": True},
        related_name="facilitated_twinnings",
        help_text=_("Guides the twinning through its year: workshops, visits and the plan."),
    )
    plan_kind_name = models.CharField(
        _("kind of joint plan"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the cohort's name for the joint output."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("twinning")
        verbose_name_plural = _("twinnings")
        ordering = ["cohort", "id"]

    def __str__(self):
        names = " – ".join(m.city.name for m in self.members.all())
        return names or _("Twinning %(id)s") % {"id": self.pk}

    @property
    def answer_deadline(self) -> dt.datetime | None:
        """When the cities should have answered: the cohort's days after the confirmation."""
        if self.confirmed_at is None:
            return None
        return self.confirmed_at + dt.timedelta(days=self.cohort.answer_days)

    @property
    def answer_overdue(self) -> bool:
        """Confirmed, still waiting for a city's answer, and past its answer deadline."""
        deadline = self.answer_deadline
        return (
            self.state == TwinningState.CONFIRMED
            and deadline is not None
            and deadline <= clock.now()
        )

    @property
    def joint_output_kind(self) -> str:
        """The joint plan's kind as stored: chosen for this twinning, else the cohort's."""
        return self.plan_kind_name or self.cohort.joint_output_name

    @property
    def joint_output_name(self) -> str:
        """The joint plan's kind in the reader's language (a name typed by the programme
        team reads as it was typed)."""
        return gettext(self.joint_output_kind)


class TwinningMember(models.Model):
    """A city in a twinning, and whether it has accepted it."""

    twinning = models.ForeignKey(
        Twinning, verbose_name=_("twinning"), on_delete=models.CASCADE, related_name="members"
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="twinning_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    rank = models.PositiveSmallIntegerField(
        _("rank in the Mission city's preferences"), null=True, blank=True
    )
    # The engine's English text, kept for the twinnings made before the codes below: it
    # names cities by engine ids, so pages show a neutral sentence in its place.
    explanation = models.TextField(_("explanation of the selection"), blank=True)
    explanation_codes = models.JSONField(
        _("explanation of the selection, as codes"),
        default=list,
        blank=True,
        help_text=_("Why the Mission city got this twin, as the selection engine's codes."),
    )
    acceptance = models.CharField(
        _("answer"), max_length=20, choices=Acceptance.choices, default=Acceptance.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("city in a twinning")
        verbose_name_plural = _("cities in twinnings")
        # Mission-minded city first, then the Mission cities.
        ordering = ["twinning", "-role", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["twinning", "city"], name="one_member_per_twinning")
        ]

    def __str__(self):
        return f"{self.city} ({self.get_role_display()})"

    @property
    def answered_late(self) -> bool:
        """Whether the city answered after its twinning's answer deadline."""
        deadline = self.twinning.answer_deadline
        return bool(self.decided_at and deadline and self.decided_at > deadline)
