from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.mailings.enums import MailingState


class Mailing(models.Model):
    """A message written by organisers to a segment of people, sent once through the outbox."""

    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(
        _("text"),
        max_length=10000,
        help_text=_("Plain text. {name} is replaced by each recipient's name."),
    )
    segment = models.CharField(_("recipients"), max_length=50)
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    day = models.ForeignKey(
        "matchmaking.MatchmakingDay",
        verbose_name=_("Matchmaking Day"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MailingState.choices, default=MailingState.DRAFT
    )
    created = models.DateTimeField(_("written"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created", "-id"]

    def __str__(self):
        return self.subject
