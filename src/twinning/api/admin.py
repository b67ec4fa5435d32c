from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from twinning.api.domain import revoke_token
from twinning.api.models import ApiToken
from twinning.common.admin_site import OrganiserModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(OrganiserModelAdmin):
    """Organisers see everyone's tokens and revoke them; keys are made on the tokens page."""

    list_display = ["name", "user", "prefix", "created", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at", "created"]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "created", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request, *obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_token(token, by=request.user)
            except ValidationError:
                continue
        self.message_user(request, _("The selected tokens are revoked."), messages.SUCCESS)
