from django.contrib import admin

from twinning.accounts.admin import UserAdmin
from twinning.accounts.models import User
from twinning.cities.models import (
    Ambition,
    City,
    Invitation,
    Membership,
    PartnerProject,
    Registration,
)
from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin


@admin.register(City)
class CityAdmin(OrganiserModelAdmin):
    list_display = ["name", "name_en", "country", "is_mission_city", "geonames_id", "population"]
    list_filter = ["is_mission_city", "country"]
    search_fields = ["name", "name_en", "geonames_id"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["members"]


@admin.register(PartnerProject)
class PartnerProjectAdmin(OrganiserModelAdmin):
    list_display = ["acronym", "title", "funding_programme", "is_active"]
    list_filter = ["is_active", "funding_programme"]
    search_fields = ["acronym", "title"]


@admin.register(Membership)
class MembershipAdmin(OrganiserModelAdmin):
    list_display = ["user", "city", "role", "created"]
    list_filter = ["role"]
    search_fields = ["user__email", "city__name"]
    autocomplete_fields = ["user", "city"]


class MembershipInline(OrganiserInline):
    model = Membership
    autocomplete_fields = ["city"]


# A person's city memberships are shown on their account; accounts knows nothing
# of cities, so this app adds them to the accounts' admin page.
class UserWithMembershipsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipInline]


admin.site.unregister(User)
admin.site.register(User, UserWithMembershipsAdmin)


@admin.register(Registration)
class RegistrationAdmin(OrganiserModelAdmin):
    list_display = ["city", "cohort", "kind", "state", "submitted_at"]
    list_filter = ["cohort", "kind", "state"]
    search_fields = ["city__name", "city__name_en"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["partner_projects"]
    # States change through the review workflow, not by editing the row.
    readonly_fields = ["state", "submitted_at"]


@admin.register(Invitation)
class InvitationAdmin(OrganiserModelAdmin):
    list_display = ["email", "city", "cohort", "partner_project", "expires_at", "accepted_at"]
    list_filter = ["cohort", "partner_project"]
    search_fields = ["email", "city__name"]
    # Invitations are created through the invitations page, which mails the link.
    readonly_fields = ["token", "accepted_at", "accepted_by", "registration", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Ambition)
class AmbitionAdmin(OrganiserModelAdmin):
    list_display = ["registration", "theme", "contract_action"]
    list_filter = ["registration__cohort", "theme"]
    search_fields = ["registration__city__name", "text"]
