"""Writes of the themes app: the vocabulary is loaded once and kept."""

from django.utils import translation

from twinning.themes.models import Theme
from twinning.themes.taxonomy import THEMES


def ensure_theme_taxonomy() -> int:
    """Create the Climate City Contract themes that are missing; returns how many were added."""
    added = 0
    # Stored in English, the catalogues' source: each page shows the name in its language.
    with translation.override("en"):
        themes = [(code, kind, str(name), is_focus) for code, kind, name, is_focus in THEMES]
    for position, (code, kind, name, is_focus) in enumerate(themes):
        _theme, created = Theme.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "name": name, "is_focus": is_focus, "position": position},
        )
        added += created
    return added
