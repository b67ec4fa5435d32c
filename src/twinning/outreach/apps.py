from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "twinning.outreach"
    verbose_name = _("Webinars, interest and contact")

    def ready(self):
        # Registers this app's rules with the daily retention run.
        from twinning.outreach.domain import retention  # noqa: F401, PLC0415 - the app registry must be ready before models are imported
