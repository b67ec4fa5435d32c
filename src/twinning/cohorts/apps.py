from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "twinning.cohorts"
    verbose_name = _("Cohorts and milestones")
