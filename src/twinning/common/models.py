from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common.languages import (
    SOURCE_LANGUAGE,
    TRANSLATION_LANGUAGES,
    LocalText,
    pick_text,
    translation_key,
)


class AuditEntry(models.Model):
    """One state change or organiser action: who did what to which object, and when."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class TranslatedTexts(models.Model):
    """A model whose public texts (`TRANSLATED_FIELDS`) may also be given in the site's
    other languages.

    The model's own fields hold the English texts, the source; `translations` holds
    the others as {"fr": {"description": "..."}}. A reader whose language has no
    text reads the English one.
    """

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("The public texts in other languages than English."),
    )

    class Meta:
        abstract = True

    def text_in(self, name: str, language: str) -> str:
        """The text `name` exactly as written in `language`: "" when there is none."""
        if language == SOURCE_LANGUAGE:
            return getattr(self, name)
        return ((self.translations or {}).get(language) or {}).get(name, "")

    def set_text(self, name: str, language: str, text: str) -> None:
        """Give the text `name` in `language`; an empty text removes that translation."""
        if language == SOURCE_LANGUAGE:
            setattr(self, name, text)
            return
        translations = {code: dict(texts) for code, texts in (self.translations or {}).items()}
        texts = translations.setdefault(language, {})
        if text.strip():
            texts[name] = text
        else:
            texts.pop(name, None)
        self.translations = {code: texts for code, texts in translations.items() if texts}

    def local_text(self, name: str, language: str | None = None) -> LocalText:
        """The text `name` for a reader of `language` (default: the current one), falling
        back to English."""
        return pick_text(getattr(self, name), self.translations, name, language)

    @property
    def local(self) -> LocalTexts:
        """The texts in the reader's language, for templates: `cohort.local.why_join`."""
        return LocalTexts(self)

    @property
    def translated_languages(self) -> list[str]:
        """The site languages, other than English, in which some text is given."""
        given = self.translations or {}
        return [code for code in TRANSLATION_LANGUAGES if any(given.get(code, {}).values())]

    def value_for_key(self, key: str):
        """The value a form field named `key` edits: a field, or a text in a language."""
        for name in self.TRANSLATED_FIELDS:
            for language in TRANSLATION_LANGUAGES:
                if key == translation_key(name, language):
                    return self.text_in(name, language)
        return getattr(self, key)


class LocalTexts:
    """Attribute access to an object's texts in the reader's language."""

    def __init__(self, owner: TranslatedTexts):
        self._owner = owner

    def __getattr__(self, name: str) -> LocalText:
        if name not in self._owner.TRANSLATED_FIELDS:
            raise AttributeError(name)
        return self._owner.local_text(name)
