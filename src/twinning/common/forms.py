"""Form helpers shared by the audience apps."""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError

from twinning.common.languages import (
    TRANSLATION_LANGUAGES,
    language_name,
    translation_key,
    translation_label_lazy,
)


def refuse_on_form(form, refusal: Exception, field: str | None = None) -> None:
    """Show a refusal from the domain on `form`, next to `field` or above the form.

    A ValidationError gives each of its messages; another refusal (a seat or a
    limit refused) gives its `message`, or its text when it has none.
    """
    if isinstance(refusal, ValidationError):
        messages = refusal.messages
    else:
        messages = [getattr(refusal, "message", None) or str(refusal)]
    for message in messages:
        form.add_error(field, message)


class TranslatedTextsForm:
    """A model form of a `TranslatedTexts` model that also takes its texts in each site
    language besides English: one optional field per text and language ("why_join_fr"),
    shown in `translation_groups`, saved into the model's `translations`.

    Put it before `forms.ModelForm` in the bases.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = [name for name in self._meta.model.TRANSLATED_FIELDS if name in self.fields]
        self.translated_names = names
        for language in TRANSLATION_LANGUAGES:
            for name in names:
                key = translation_key(name, language)
                self.fields[key] = _translation_field(self.fields[name], language)
                self.initial[key] = self.instance.text_in(name, language)

    def source_fields(self):
        """The bound fields of the English texts and the other settings, in their order."""
        extra = {
            translation_key(name, language)
            for name in self.translated_names
            for language in TRANSLATION_LANGUAGES
        }
        return [self[name] for name in self.fields if name not in extra]

    def translation_groups(self) -> list[dict]:
        """Per language: its code, its name, the bound fields of its texts, and whether
        any of them holds a text or an error (then the group is shown open)."""
        groups = []
        for language in TRANSLATION_LANGUAGES:
            fields = [self[translation_key(name, language)] for name in self.translated_names]
            groups.append(
                {
                    "language": language,
                    "name": language_name(language),
                    "fields": fields,
                    "open": any(field.value() or field.errors for field in fields),
                }
            )
        return groups

    def save(self, commit=True):
        instance = super().save(commit=False)
        for language in TRANSLATION_LANGUAGES:
            for name in self.translated_names:
                text = self.cleaned_data.get(translation_key(name, language)) or ""
                instance.set_text(name, language, text)
        if commit:
            instance.save()
            self.save_m2m()
        return instance


def _translation_field(source: forms.Field, language: str) -> forms.CharField:
    """An optional field for the text of `source` in `language`, shaped like it; its
    input is marked with the language, so that the browser checks the spelling in it."""
    widget = copy.deepcopy(source.widget)
    widget.attrs.update({"lang": language})
    return forms.CharField(
        label=translation_label_lazy(source.label, language),
        required=False,
        max_length=getattr(source, "max_length", None),
        widget=widget,
    )
