from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common import clock


class NudgeSent(models.Model):
    """A reminder by mail sent to a person about one step at one of its moments.

    Unique, so that a nudge is never sent twice, even when two workers sweep at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="nudges_sent",
    )
    key = models.CharField(_("step"), max_length=200)
    label = models.CharField(_("moment"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), default=clock.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "label"], name="one_nudge_per_moment")
        ]

    def __str__(self):
        return f"{self.key} ({self.label})"
