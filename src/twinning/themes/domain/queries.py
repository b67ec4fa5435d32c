"""Reads of the themes of the Climate City Contract."""

from __future__ import annotations

from django.db.models import QuerySet

from twinning.themes.models import Theme


def all_themes() -> QuerySet[Theme]:
    """Every theme, in the model's order."""
    return Theme.objects.all()
