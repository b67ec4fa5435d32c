from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common.audit import record_action
from twinning.common.ranges import limit_date_field


class OrganiserAdminSite(admin.AdminSite):
    site_header = _("Twinning Learning Programme: administration")
    site_title = _("Twinning administration")
    index_title = _("Programme data")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or getattr(user, "is_organiser", False))


class OrganisersOnly:
    """Organisers may view, add, change and delete; nobody else."""

    def _is_organiser(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_organiser(request)

    def has_add_permission(self, request, *obj):  # inlines pass the parent object too
        return self._is_organiser(request)

    def has_change_permission(self, request, obj=None):
        return self._is_organiser(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_organiser(request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Every date typed in the admin keeps to the platform's range, as on its pages.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return limit_date_field(formfield) if formfield is not None else None


class OrganiserModelAdmin(OrganisersOnly, admin.ModelAdmin):
    """Organisers may view and edit every programme model in the admin.

    What they add, change or delete here goes to the programme's audit trail too,
    next to the domain's own entries, not only to the admin's history.
    """

    # An address typed without a scheme is taken as https, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return self._is_organiser(request)

    def log_addition(self, request, obj, message):
        record_action("admin.added", obj, by=request.user, changes=message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        record_action("admin.changed", obj, by=request.user, changes=message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        # Called before the rows go, so each entry still names its object.
        for obj in queryset:
            record_action("admin.deleted", obj, by=request.user)
        return super().log_deletions(request, queryset)


class OrganiserInline(OrganisersOnly, admin.TabularInline):
    """An inline that organisers may edit, like the model admin that holds it."""

    extra = 0
