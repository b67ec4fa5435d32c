from django.apps import AppConfig


class OrgaConfig(AppConfig):
    name = "twinning.orga"
