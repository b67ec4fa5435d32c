"""Writes of the themes app: the vocabulary is loaded once and kept."""

from twinning.themes.models import Theme
from twinning.themes.taxonomy import THEMES


def ensure_theme_taxonomy() -> int:
    """Create the Climate City Contract themes that are missing; returns how many were added."""
    added = 0
    for position, (code, kind, name, is_focus) in enumerate(THEMES):
        _theme, created = Theme.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "name": str(name), "is_focus": is_focus, "position": position},
        )
        added += created
    return added
