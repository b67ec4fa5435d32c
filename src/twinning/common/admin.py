from django.contrib import admin

from twinning.common.admin_site import OrganiserModelAdmin
from twinning.common.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(OrganiserModelAdmin):
    list_display = ["timestamp", "actor", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor__email", "action"]
    date_hierarchy = "timestamp"

    # The audit trail is read-only, for everyone.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
