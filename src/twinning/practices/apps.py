from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "twinning.practices"
    verbose_name = _("Practices and themes")
