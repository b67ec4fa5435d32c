from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    default = True
    name = "twinning.common"
    verbose_name = _("Platform")


class TwinningAdminConfig(admin_apps.AdminConfig):
    """The Django admin, opened to organisers rather than to Django's staff flag."""

    default = False

    default_site = "twinning.common.admin_site.OrganiserAdminSite"
