from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "twinning.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # Registers the token scheme with the schema generator.
        from twinning.api import schema  # noqa: PLC0415, F401 - loaded in ready(), once the app registry is ready
