from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Installed only so that Django finds the site's management commands."""

    default = True
    name = "twinning.site"
    label = "twinning_site"
    verbose_name = _("Site")
