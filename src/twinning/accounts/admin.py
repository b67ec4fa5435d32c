from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import User
from twinning.cities.models import Membership
from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin


class MembershipInline(OrganiserInline):
    model = Membership
    autocomplete_fields = ["city"]


@admin.register(User)
class UserAdmin(OrganiserModelAdmin):
    list_display = ["email", "name", "is_organiser", "is_facilitator", "is_active", "date_joined"]
    list_filter = ["is_organiser", "is_facilitator", "is_active"]
    search_fields = ["email", "name"]
    ordering = ["email"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "name", "time_zone", "language"]}),
        (_("Programme roles"), {"fields": ["is_organiser", "is_facilitator", "is_active"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    inlines = [MembershipInline]
