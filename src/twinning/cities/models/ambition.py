from django.db import models
from django.utils.translation import gettext_lazy as _


class Ambition(models.Model):
    """A Mission city's challenge or local ambition for one theme, in its own words."""

    registration = models.ForeignKey(
        "cities.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="ambitions",
    )
    theme = models.ForeignKey(
        "themes.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("challenge and ambition"))
    contract_action = models.CharField(
        _("Climate City Contract action"),
        max_length=200,
        blank=True,
        help_text=_("The reference or name of the action in the city's Climate City Contract."),
    )

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["theme__kind", "theme__position"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "theme"], name="one_ambition_per_theme")
        ]

    def __str__(self):
        return f"{self.registration} – {self.theme}"
