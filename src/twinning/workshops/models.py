import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import validate_time_zone
from twinning.common.reminders import RemindedEvent
from twinning.workshops.enums import Attendance


class Workshop(RemindedEvent):
    """An online workshop of the programme year, for the whole cohort or one twinning."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    twinning = models.ForeignKey(
        "programme.Twinning",
        verbose_name=_("twinning"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="workshops",
        help_text=_("Leave empty for a workshop of the whole cohort."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised at every change of time or link, so calendars replace the entry.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A workshop must end after it starts.")})


def material_path(instance, filename: str) -> str:
    return f"workshops/{instance.workshop_id}/{filename}"


class WorkshopMaterial(models.Model):
    """A file (PDF or image, checked by content) or a link shared for a workshop."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    content_type = models.CharField(_("type"), max_length=50, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    created = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("workshop material")
        verbose_name_plural = _("workshop materials")
        ordering = ["id"]

    def __str__(self):
        return self.title


class WorkshopRegistration(models.Model):
    """A person registered for a workshop, and whether they attended."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="workshop_registrations",
    )
    twinning = models.ForeignKey(
        "programme.Twinning",
        verbose_name=_("for the twinning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        ordering = ["workshop", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person"], name="one_registration_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.workshop}"
