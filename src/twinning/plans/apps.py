from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "twinning.plans"
    label = "plans"
    verbose_name = _("Joint plans")

    def ready(self):
        # Registers this app's condition for a twinning to be completed.
        from twinning.plans.domain import completion  # noqa: F401, PLC0415 - the app registry must be ready before models are imported
