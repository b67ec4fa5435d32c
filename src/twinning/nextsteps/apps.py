from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NextStepsConfig(AppConfig):
    name = "twinning.nextsteps"
    label = "nextsteps"
    verbose_name = _("Next steps")
