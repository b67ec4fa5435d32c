from django.contrib import admin

from twinning.common.admin_site import OrganiserModelAdmin
from twinning.selection.models import Interest, Preference, SelectionRun


@admin.register(Preference)
class PreferenceAdmin(OrganiserModelAdmin):
    list_display = ["mission_city", "rank", "mission_minded_city", "cohort"]
    list_filter = ["cohort"]
    search_fields = ["mission_city__name", "mission_minded_city__name"]
    raw_id_fields = ["mission_city", "mission_minded_city"]


@admin.register(Interest)
class InterestAdmin(OrganiserModelAdmin):
    list_display = ["mission_minded_city", "mission_city", "cohort"]
    list_filter = ["cohort"]
    raw_id_fields = ["mission_city", "mission_minded_city"]


@admin.register(SelectionRun)
class SelectionRunAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "cohort", "status", "optimal", "created", "confirmed_at"]
    list_filter = ["cohort", "status"]
    readonly_fields = ["created", "instance", "result", "optimal", "seconds", "error"]
