from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "twinning.cities"
    verbose_name = _("Cities and partner projects")

    def ready(self):
        # Registers this app's rules with the daily retention run.
        from twinning.cities.domain import retention  # noqa: F401, PLC0415 - the app registry must be ready before models are imported
