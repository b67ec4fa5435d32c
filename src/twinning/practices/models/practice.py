from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common.languages import CONTENT_LANGUAGE_CHOICES, SOURCE_LANGUAGE
from twinning.practices.enums import UNKNOWN_LANGUAGE, PracticeStage, PracticeState, ResultKind
from twinning.themes.enums import ThemeKind


class Practice(models.Model):
    """A solution a Mission-minded city has tested, presented for others to replicate."""

    registration = models.ForeignKey(
        "cities.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="practices",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=220, unique=True)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences, shown in the catalogue.")
    )
    description = models.TextField(
        _("description"),
        help_text=_(
            "What was done, how and with whom. Markdown: **bold**, lists, [links](https://…)."
        ),
    )
    fields_of_action = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("fields of action"),
        related_name="practices_as_field",
        limit_choices_to={"kind": ThemeKind.FIELD_OF_ACTION},
    )
    levers = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("systemic levers"),
        related_name="practices_as_lever",
        limit_choices_to={"kind": ThemeKind.LEVER},
        blank=True,
    )
    partner_project = models.ForeignKey(
        "cities.PartnerProject",
        verbose_name=_("partner project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=PracticeStage.choices)
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[*CONTENT_LANGUAGE_CHOICES, (UNKNOWN_LANGUAGE, _("Another language"))],
        default=SOURCE_LANGUAGE,
        blank=True,
        help_text=_("The language the texts are written in; search follows its grammar."),
    )
    replication_needs = models.TextField(
        _("what a city needs to replicate it"),
        blank=True,
        help_text=_("Skills, partners, budget, regulation, data..."),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PracticeState.choices,
        default=PracticeState.DRAFT,
        db_index=True,
    )
    review_comment = models.TextField(_("organisers' comment"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            # The catalogue's filters and the checks "has a published practice".
            models.Index(fields=["registration", "state"]),
            models.Index(fields=["partner_project", "state"]),
            models.Index(fields=["stage", "state"]),
        ]
        # On PostgreSQL the table also holds `search_vector`, kept by triggers
        # (migration 0005) and read only by the catalogue's search.

    def __str__(self):
        return self.title

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeResult(models.Model):
    """A quantified result of a practice, with its unit."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("result"), max_length=20, choices=ResultKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value} {self.unit}"


def attachment_path(instance, filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class PracticeAttachment(models.Model):
    """A PDF or an image about a practice, checked by content on upload."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.title
