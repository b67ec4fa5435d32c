from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common import l10n
from twinning.visits.enums import ClaimCategory, ClaimState, VisitState


class Visit(models.Model):
    """A visit of one twinning's delegation to one of its cities."""

    twinning = models.ForeignKey(
        "programme.Twinning",
        verbose_name=_("twinning"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    host = models.ForeignKey(
        "cities.City",
        verbose_name=_("host city"),
        on_delete=models.PROTECT,
        related_name="hosted_visits",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    agenda = models.TextField(_("agenda"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=VisitState.choices,
        default=VisitState.PLANNED,
        db_index=True,
    )
    report = models.TextField(_("report"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("city visit")
        verbose_name_plural = _("city visits")
        ordering = ["starts_on", "id"]

    def __str__(self):
        return _("Visit to %(city)s, %(date)s") % {
            "city": self.host.display_name if self.host_id else "?",
            "date": l10n.format_date(self.starts_on),
        }

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})


class Delegate(models.Model):
    """A person in a visit's delegation, and the city they travel for."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="delegates"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="visit_delegations",
    )
    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegation")
        ordering = ["visit", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "person"], name="one_place_per_delegate")
        ]

    def __str__(self):
        return f"{self.person} ({self.city})"


class ExpenseClaim(models.Model):
    """Costs of one person for one visit, claimed with receipts."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="claims"
    )
    traveller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        on_delete=models.PROTECT,
        related_name="expense_claims",
    )
    category = models.CharField(_("category"), max_length=20, choices=ClaimCategory.choices)
    description = models.CharField(_("what it was"), max_length=300)
    amount = models.DecimalField(
        _("amount paid"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("A three-letter currency code, e.g. EUR."))],
    )
    amount_eur = models.DecimalField(
        _("amount in euro"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ClaimState.choices,
        default=ClaimState.SUBMITTED,
        db_index=True,
    )
    comment = models.TextField(_("comment of the programme team"), blank=True)
    created = models.DateTimeField(_("submitted"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["created", "id"]

    def __str__(self):
        return _("%(category)s, %(amount)s EUR") % {
            "category": self.get_category_display(),
            "amount": l10n.format_amount(self.amount_eur),
        }


def receipt_path(instance, filename: str) -> str:
    return f"receipts/{instance.claim_id}/{filename}"


class Receipt(models.Model):
    """A receipt of a claim: a PDF or an image, checked by its content."""

    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="receipts"
    )
    file = models.FileField(_("file"), upload_to=receipt_path)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["id"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]
