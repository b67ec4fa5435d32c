import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common import clock
from twinning.common.people import display_name, is_gone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_superuser=True, is_staff=True, is_organiser=True)
        return self._create_user(email, password, **extra)


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in with an e-mail address; belongs to cities through memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone, for example Europe/Rome."),
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    is_organiser = models.BooleanField(
        _("organiser"), default=False, help_text=_("A member of the programme team.")
    )
    is_facilitator = models.BooleanField(
        _("facilitator"), default=False, help_text=_("Guides twinnings through the programme.")
    )
    message_notifications = models.BooleanField(
        _("mail about new messages"),
        default=True,
        help_text=_("At most one mail an hour per conversation, with the new messages."),
    )
    is_staff = models.BooleanField(_("Django staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=clock.now)
    anonymised_at = models.DateTimeField(
        _("account deleted"),
        null=True,
        blank=True,
        help_text=_("The person's data was removed; what the programme keeps is anonymised."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return display_name(self)

    def get_short_name(self):
        return display_name(self) if is_gone(self) else (self.name.split() or [self.email])[0]


class ConsentPurpose(models.TextChoices):
    """What a person may agree to beyond what the programme needs to run."""

    PUBLIC_PROFILE = "public_profile", _("Show my name as a contact person on public city pages")
    PHOTOS = "photos", _("Use photos in which I appear in the programme's publications")
    NEWSLETTER = "newsletter", _("Send me the programme's newsletter")


# Raised when the wording of a purpose changes, so earlier answers can be told apart.
CONSENT_TEXT_VERSION = "2026-11"


class Consent(models.Model):
    """One consent given for one purpose, with the version of the text agreed to."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the text"), max_length=20)
    given_at = models.DateTimeField(_("given"), default=clock.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["user", "purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_consent_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ApiToken(models.Model):
    """A named key for the REST API: only its hash is stored, shown once, revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the key is for, e.g. “Monthly report”.")
    )
    # The start of the key, so a person can tell their keys apart without the secret.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
