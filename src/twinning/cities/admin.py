from django.contrib import admin

from twinning.cities.models import City, Membership, PartnerProject, Registration
from twinning.common.admin_site import OrganiserModelAdmin


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


@admin.register(Registration)
class RegistrationAdmin(OrganiserModelAdmin):
    list_display = ["city", "cohort", "kind", "state", "submitted_at"]
    list_filter = ["cohort", "kind", "state"]
    search_fields = ["city__name", "city__name_en"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["partner_projects"]
    # States change through the review workflow, not by editing the row.
    readonly_fields = ["state", "submitted_at"]
