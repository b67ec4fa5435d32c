"""The languages of the site, and those of what people write in it.

The interface is offered in SITE_LANGUAGES. Texts the programme team writes for
the public (a cohort's presentation, its windows) may be given in each of them,
English being the source every other language falls back to. What cities write
(practices) keeps its own language, one of CONTENT_LANGUAGES, and pages mark it
with a `lang` attribute so that browsers read it right and offer a translation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
SITE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# The languages a text of the programme team may be given in besides English.
TRANSLATION_LANGUAGES = tuple(code for code in SITE_LANGUAGES if code != SOURCE_LANGUAGE)

# The 24 official languages of the European Union.
EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip
# The main languages of the countries associated with Horizon Europe (Albania, Armenia,
# Bosnia and Herzegovina, Georgia, Iceland, Israel, Korea, North Macedonia, Norway,
# Serbia, Tunisia, Türkiye, Ukraine, the United Kingdom...), and the languages EU cities
# also govern in (Catalan, Basque, Galician, Luxembourgish, Welsh).
OTHER_LANGUAGES = (
    "ar", "bs", "ca", "cy", "eu", "gl", "he", "hy", "is", "ka", "ko", "lb",
    "mk", "no", "sq", "sr", "tr", "uk",
)  # fmt: skip
CONTENT_LANGUAGES = EU_LANGUAGES + OTHER_LANGUAGES

# Django names (and translates) the others itself.
_NAMES_DJANGO_LACKS = {"mt": gettext_lazy("Maltese")}


def language_name(code: str) -> str:
    """The language's name in the reader's language (“French”, “Französisch”), or the code."""
    if code in _NAMES_DJANGO_LACKS:
        return str(_NAMES_DJANGO_LACKS[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


language_name_lazy = lazy(language_name, str)


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def content_language_choices() -> list[tuple[str, str]]:
    """(code, name) of CONTENT_LANGUAGES, sorted by their names in the reader's language."""
    return sorted(
        ((code, language_name(code)) for code in CONTENT_LANGUAGES),
        key=lambda choice: _sort_key(choice[1]),
    )


# For a model field: the names are read when shown, in the reader's language.
CONTENT_LANGUAGE_CHOICES = [(code, language_name_lazy(code)) for code in CONTENT_LANGUAGES]


def current_language() -> str:
    """The language pages are written in now: "fr" (also for "fr-be"), else the default."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].lower()


def differs_from_page(language: str) -> bool:
    """Whether a text in `language` ("" when not known) must be marked on the current page."""
    return language != current_language()


@dataclass(frozen=True)
class LocalText:
    """A text as shown to a reader, with the language it is written in.

    `language` is the reader's language when the text exists in it, else the
    source language it fell back to.
    """

    text: str
    language: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def translation_key(name: str, language: str) -> str:
    """The name of a form field holding the text `name` in `language`: "why_join_fr"."""
    return f"{name}_{language}"


def pick_text(source: str, translations: dict, name: str, language: str | None = None):
    """The text `name` in `language` (default: the reader's), else the English `source`."""
    language = language or current_language()
    if language != SOURCE_LANGUAGE:
        text = ((translations or {}).get(language) or {}).get(name) or ""
        if text.strip():
            return LocalText(text, language)
    return LocalText(source, SOURCE_LANGUAGE)


def translation_label(label, language: str) -> str:
    """A form label for the text of `label` in `language`: “Why join (French)”."""
    return _("%(text)s (%(language)s)") % {"text": label, "language": language_name(language)}


translation_label_lazy = lazy(translation_label, str)
