from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.cities.countries import COUNTRY_CHOICES, country_name


class City(models.Model):
    """A city (or a joint entry of several cities) with a stable geographic id."""

    name = models.CharField(_("name"), max_length=200, help_text=_("In the city's own language."))
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=220, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    geonames_id = models.PositiveIntegerField(
        _("GeoNames id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Stable id of the city in GeoNames; empty for a joint entry or a region."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_mission_city = models.BooleanField(
        _("Mission city"),
        default=False,
        help_text=_("One of the cities of the EU Mission for Climate-Neutral and Smart Cities."),
    )
    mission_source = models.CharField(
        _("source of the Mission listing"), max_length=100, blank=True
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("member cities"),
        symmetrical=False,
        blank=True,
        related_name="joint_entries",
        help_text=_("For a joint entry such as “Eindhoven & Helmond”: the cities it joins."),
    )
    summary = models.TextField(_("profile"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The own-language name, with the English one where it differs: “Torino (Turin)”."""
        if self.name_en and self.name_en != self.name:
            return f"{self.name} ({self.name_en})"
        return self.name

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_joint(self) -> bool:
        return self.geonames_id is None and " & " in self.name


class PartnerProject(models.Model):
    """An EU-funded project partnering with NetZeroCities, whose cities may apply."""

    acronym = models.CharField(_("acronym"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    funding_programme = models.CharField(
        _("funding programme"), max_length=100, blank=True, help_text=_("e.g. Horizon Europe")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("on the programme's list"),
        default=True,
        help_text=_("Cities of listed projects may register without an invitation."),
    )

    class Meta:
        verbose_name = _("partner project")
        verbose_name_plural = _("partner projects")
        ordering = ["acronym"]

    def __str__(self):
        return self.acronym
