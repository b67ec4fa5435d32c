from django.contrib import admin
from django.utils.translation import gettext_lazy as _


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


class OrganiserModelAdmin(OrganisersOnly, admin.ModelAdmin):
    """Organisers may view and edit every programme model in the admin."""

    def has_module_permission(self, request):
        return self._is_organiser(request)


class OrganiserInline(OrganisersOnly, admin.TabularInline):
    """An inline that organisers may edit, like the model admin that holds it."""

    extra = 0
