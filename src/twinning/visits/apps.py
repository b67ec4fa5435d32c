from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "twinning.visits"
    label = "visits"
    verbose_name = _("City visits and expenses")

    def ready(self):
        # Registers this app's condition for a twinning to be completed.
        from twinning.visits.domain import completion  # noqa: F401, PLC0415 - the app registry must be ready before models are imported
