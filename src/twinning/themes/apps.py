from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "twinning.themes"
    verbose_name = _("Themes of the Climate City Contract")
