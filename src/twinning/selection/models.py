from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common.runs import EngineRun


class Preference(models.Model):
    """A Mission city's ranked choice of a Mission-minded city, with its motivation."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    mission_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("Mission city"),
        on_delete=models.CASCADE,
        related_name="preferences_given",
    )
    mission_minded_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("Mission-minded city"),
        on_delete=models.CASCADE,
        related_name="preferences_received",
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    motivation = models.TextField(_("motivation"), max_length=1000)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["cohort", "mission_city__name", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mission_city", "rank"], name="one_city_per_rank"
            ),
            models.UniqueConstraint(
                fields=["cohort", "mission_city", "mission_minded_city"],
                name="one_rank_per_city",
            ),
        ]

    def __str__(self):
        return f"{self.mission_city} → {self.rank}. {self.mission_minded_city}"


class Interest(models.Model):
    """A Mission-minded city would like to work with this Mission city."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    mission_minded_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("Mission-minded city"),
        on_delete=models.CASCADE,
        related_name="interests_given",
    )
    mission_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("Mission city"),
        on_delete=models.CASCADE,
        related_name="interests_received",
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("interest in a Mission city")
        verbose_name_plural = _("interests in Mission cities")
        ordering = ["cohort", "mission_minded_city__name", "mission_city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mission_minded_city", "mission_city"], name="one_interest"
            )
        ]

    def __str__(self):
        return f"{self.mission_minded_city} → {self.mission_city}"


class SelectionRun(EngineRun):
    """One run of the selection engine: its options, its instance and its result, kept."""

    audit_prefix = "selection"

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="selection_runs",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    options = models.JSONField(_("options"), default=dict)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(EngineRun.Meta):
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")

    def __str__(self):
        return _("Selection run %(id)s") % {"id": self.pk}

    @property
    def matched(self) -> int:
        return len((self.result or {}).get("pairs", []))

    @property
    def first_choices(self) -> int:
        signature = (self.result or {}).get("signature", [])
        return signature[0] if signature else 0
