from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from twinning.themes.enums import ThemeKind


class Theme(models.Model):
    """A field of action or a systemic lever of the Climate City Contract."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ThemeKind.choices)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_focus = models.BooleanField(
        _("focus theme"), default=False, help_text=_("One of the programme's focus themes.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["kind", "position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the Climate City Contract's themes are in the
        catalogues (their stored name is the English source); a theme added by hand reads
        as it was written."""
        return gettext(self.name)
