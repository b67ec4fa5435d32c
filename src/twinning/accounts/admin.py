from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from twinning.accounts.domain.api_tokens import revoke_token
from twinning.accounts.models import ApiToken, Consent, User
from twinning.common.admin_site import OrganiserModelAdmin


@admin.register(User)
class UserAdmin(OrganiserModelAdmin):
    list_display = ["email", "name", "is_organiser", "is_facilitator", "is_active", "date_joined"]
    list_filter = ["is_organiser", "is_facilitator", "is_active"]
    search_fields = ["email", "name"]
    ordering = ["email"]
    readonly_fields = ["date_joined", "last_login", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["email", "name", "time_zone", "language"]}),
        (_("Programme roles"), {"fields": ["is_organiser", "is_facilitator", "is_active"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login", "anonymised_at"]}),
    ]


@admin.register(Consent)
class ConsentAdmin(OrganiserModelAdmin):
    """Consents are given and withdrawn by the person only; organisers read them."""

    list_display = ["user", "purpose", "text_version", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "text_version"]
    search_fields = ["user__email", "user__name"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
