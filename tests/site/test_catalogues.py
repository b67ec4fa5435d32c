"""The translation catalogues stay complete: every marked string, in every language.

A string marked for translation in a template or in Python but missing from a catalogue,
an entry left empty or fuzzy, a placeholder lost in translation, or a compiled catalogue
older than its source fails here.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

SOURCE = Path(__file__).resolve().parents[2] / "src" / "twinning"
LOCALE = SOURCE / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Named and positional Python placeholders, brace placeholders, HTML tags and entities.
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_0-9]+\)[sdifr]|%[sdif]|\{[A-Za-z_0-9.]*\}|</?[a-zA-Z][^>]*>|&[a-z]+;"
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_the_site_offers_six_languages():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr", "de", "it", "es", "pl"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)

    assert len(po) > 2000
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_match_between_source_and_translation(language):
    wrong = []
    for entry in catalogue(language).translated_entries():
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural)
            for index, form in entry.msgstr_plural.items():
                found = placeholders(form)
                # A singular form may say "one" instead of the count, never lose another name.
                if found != wanted and not (index == 0 and set(found) <= set(wanted)):
                    wrong.append((entry.msgid, index, found, wanted))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, placeholders(entry.msgstr), placeholders(entry.msgid)))

    assert wrong == []


@pytest.mark.parametrize("language", [*TRANSLATED, "en"])
def test_each_catalogue_compiles_cleanly_and_its_compiled_copy_is_current(language, tmp_path):
    source = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"

    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(source)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert compiled.read_bytes() == source.with_suffix(".mo").read_bytes(), (
        "the committed .mo is older than its .po: run `make messages`"
    )


def test_every_marked_string_is_in_the_catalogues(tmp_path):
    """makemessages, run on a copy of the source, finds nothing new and nothing gone."""
    copy = tmp_path / "src" / "twinning"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    environment = {
        **os.environ,
        "PYTHONPATH": str(tmp_path / "src"),
        "DJANGO_SETTINGS_MODULE": "twinning.site.settings",
        "TWINNING_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "-i", "engine/*"]
    result = subprocess.run(
        command + [f"-l{code}" for code in TRANSLATED],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr

    for language in TRANSLATED:
        committed = {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue(language)}
        fresh = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        extracted = {(e.msgctxt, e.msgid, e.msgid_plural) for e in fresh}
        assert sorted(extracted - committed, key=str) == [], f"marked but not in {language}"
        assert sorted(committed - extracted, key=str) == [], f"in {language} but no longer used"
