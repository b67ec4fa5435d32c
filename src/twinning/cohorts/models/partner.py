import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def logo_path(partner, filename: str) -> str:
    # A random name: the stored file never reuses what the uploader called it.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"partners/{partner.cohort_id}/{uuid.uuid4().hex}.{extension[:5]}"


class Partner(models.Model):
    """An organisation a cohort is run with, shown with its logo on the public programme page."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    name = models.CharField(_("name"), max_length=200)
    link = models.URLField(_("website"), blank=True)
    logo = models.FileField(_("logo"), upload_to=logo_path)
    logo_type = models.CharField(_("type of the logo"), max_length=50)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Partners are shown in this order, lowest first.")
    )
    created = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["cohort", "position", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="one_partner_name_per_cohort")
        ]

    def __str__(self):
        return self.name
