import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import validate_time_zone
from twinning.common.reminders import RemindedEvent


class Webinar(RemindedEvent):
    """An online information session for cities interested in the programme."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="webinars",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    meeting_url = models.URLField(
        _("online meeting link"), blank=True, help_text=_("Sent only to registered people.")
    )
    has_waiting_list = models.BooleanField(_("keep a waiting list"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("reason for the cancellation"), blank=True)
    # Raised at every change of time or link, so calendars replace the entry.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("information webinar")
        verbose_name_plural = _("information webinars")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A webinar must end after it starts.")})
