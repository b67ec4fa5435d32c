from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "twinning.matchmaking"
    label = "matchmaking"
    verbose_name = _("Matchmaking Days")

    def ready(self):
        from twinning.matchmaking import rules  # noqa: PLC0415, F401 - loaded in ready(), once the app registry is ready
