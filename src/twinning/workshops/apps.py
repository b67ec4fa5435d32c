from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "twinning.workshops"
    label = "workshops"
    verbose_name = _("Workshops")
