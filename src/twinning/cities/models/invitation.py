import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common import clock


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An organiser's invitation to a Mission-minded city, with a single-use link."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="invitations"
    )
    partner_project = models.ForeignKey(
        "cities.PartnerProject",
        verbose_name=_("partner project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    registration = models.ForeignKey(
        "cities.Registration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]
        indexes = [models.Index(fields=["cohort", "email"])]

    def __str__(self):
        return f"{self.email} – {self.city}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= clock.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired

    @property
    def status(self) -> str:
        if self.accepted_at:
            return str(_("accepted"))
        return str(_("expired")) if self.is_expired else str(_("open"))
