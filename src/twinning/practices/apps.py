from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "twinning.practices"
    verbose_name = _("Practices")

    def ready(self):
        # Connects the receiver that submits a city's practices with its registration.
        from twinning.practices.domain import practices  # noqa: F401, PLC0415 - the app registry must be ready before models are imported
