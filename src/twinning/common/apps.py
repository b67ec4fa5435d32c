from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks
from django.core.management import call_command
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from twinning.common.checks import check_shared_cache, check_site_url
from twinning.common.database import add_sqlite_functions


def create_cache_tables(using="default", **kwargs) -> None:
    """Create the database cache's table when it is missing, so `migrate` is the only step."""
    call_command("createcachetable", database=using, verbosity=0)


class CommonConfig(AppConfig):
    default = True
    name = "twinning.common"
    verbose_name = _("Platform")

    def ready(self):
        # The cache table is not a model: Django creates it only on request.
        post_migrate.connect(create_cache_tables, sender=self)
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        checks.register(check_shared_cache, checks.Tags.caches, deploy=True)
        connection_created.connect(add_sqlite_functions, dispatch_uid="twinning-sqlite-functions")


class TwinningAdminConfig(admin_apps.AdminConfig):
    """The Django admin, opened to organisers rather than to Django's staff flag."""

    default = False

    default_site = "twinning.common.admin_site.OrganiserAdminSite"
