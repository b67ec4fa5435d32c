import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.enums import CityKind
from twinning.outreach.enums import ParticipantRole, SeatStatus


def new_token() -> str:
    return secrets.token_urlsafe(24)


class WebinarRegistration(models.Model):
    """A visitor's seat at an information webinar, or a place on its waiting list.

    Both count only once the visitor confirmed by the link mailed to them; until
    then the registration awaits confirmation and holds nothing.
    """

    webinar = models.ForeignKey(
        "cohorts.Webinar",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation"), max_length=200)
    city = models.CharField(_("city"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    consent = models.BooleanField(_("accepted the privacy notice"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=SeatStatus.choices, db_index=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed by the link"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("webinar registration")
        verbose_name_plural = _("webinar registrations")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "email"], name="one_seat_per_email")
        ]

    def __str__(self):
        return f"{self.name} – {self.webinar}"


class InterestExpression(models.Model):
    """An answer to the expression-of-interest survey."""

    city_name = models.CharField(_("city"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    kind = models.CharField(_("kind of city"), max_length=20, choices=CityKind.choices)
    partner_project = models.ForeignKey(
        "cities.PartnerProject",
        verbose_name=_("partner project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("themes of interest"), blank=True
    )
    message = models.TextField(_("what you would like to learn or share"), blank=True)
    consent = models.BooleanField(_("accepted the privacy notice"), default=False)
    created = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.city_name} ({self.country})"


class ContactMessage(models.Model):
    """A message to the programme team from the contact form."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    created = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.subject} ({self.email})"
