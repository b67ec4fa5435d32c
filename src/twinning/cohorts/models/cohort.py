import zoneinfo
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import validate_time_zone
from twinning.cohorts.enums import MilestoneKind
from twinning.common.languages import LocalText, current_language
from twinning.common.models import TranslatedTexts


class Cohort(TranslatedTexts):
    """One round of the programme, with the settings that change from round to round.

    The texts of its public page may be given in each site language (see
    `TranslatedTexts`).
    """

    TRANSLATED_FIELDS = ("introduction", "whats_new", "why_join")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Cohort 5, 2026-2027"))
    slug = models.SlugField(_("short name in addresses"), unique=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public programme page.")
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    introduction = models.TextField(
        _("what the programme is"), blank=True, help_text=_("Opening text of the public page.")
    )
    whats_new = models.TextField(_("what is new in this cohort"), blank=True)
    why_join = models.TextField(
        _("why join"),
        blank=True,
        help_text=_("What a city gains by taking part, shown on the public programme page."),
    )
    selection_cap = models.PositiveSmallIntegerField(
        _("Mission-minded cities selected"),
        default=10,
        help_text=_("How many Mission-minded cities are selected overall."),
    )
    twins_ranked = models.PositiveSmallIntegerField(
        _("twins a Mission city may rank"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many Mission-minded cities a Mission city may put in its ranking."),
    )
    twins_per_mission_minded = models.PositiveSmallIntegerField(
        _("Mission cities per Mission-minded city"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 for pairs, 2 for trios."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer a confirmed twinning"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Counted from the confirmation. A city may still answer later; the twinning is "
            "then flagged for the programme team."
        ),
    )
    programme_months = models.PositiveSmallIntegerField(
        _("programme length in months"), default=12, validators=[MinValueValidator(1)]
    )
    joint_output_name = models.CharField(
        _("name of the joint output"), max_length=100, default="Replication Plan"
    )
    visits_per_twinning = models.PositiveSmallIntegerField(_("city visits"), default=2)
    visit_budget_per_representative = models.DecimalField(
        _("visit budget per representative (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("900.00"),
    )
    representatives_covered = models.PositiveSmallIntegerField(
        _("representatives covered per visit"), default=2
    )
    registration_without_invitation = models.BooleanField(
        _("registration without invitation"),
        default=False,
        help_text=_(
            "Mission-minded cities may register by naming a partner project from the list."
        ),
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-number"]

    def __str__(self):
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def joint_output_label(self) -> str:
        """The joint output's name in the reader's language (the usual names are in the
        catalogues; a name typed otherwise reads as it was typed)."""
        return gettext(self.joint_output_name)


class Milestone(TranslatedTexts):
    """A dated window of a cohort (registration, matchmaking...) in a named time zone.

    Its title and description may be given in each site language.
    """

    TRANSLATED_FIELDS = ("title", "description")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=MilestoneKind.choices)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty to use the kind's name.")
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    original_ends_at = models.DateTimeField(
        _("originally closing"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the window is extended, so the extension can be shown."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["starts_at", "ends_at", "id"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The title the programme team gave (in English), else the kind's name."""
        return self.title or str(MilestoneKind(self.kind).label)

    @property
    def local_label(self) -> LocalText:
        """The label for the reader: the title in their language, else the English title,
        else the kind's name, which the interface translates."""
        title = self.local_text("title")
        return (
            title if title else LocalText(str(MilestoneKind(self.kind).label), current_language())
        )

    @property
    def audience(self):
        return MilestoneKind(self.kind).audience

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def was_extended(self) -> bool:
        return self.original_ends_at is not None and self.original_ends_at != self.ends_at

    def is_open_at(self, moment) -> bool:
        return self.starts_at <= moment < self.ends_at

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A window must close after it opens.")})
