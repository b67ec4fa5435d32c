from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.workshops.models import Workshop, WorkshopMaterial, WorkshopRegistration


class MaterialInline(OrganiserInline):
    model = WorkshopMaterial
    fields = ["title", "url", "file", "content_type"]
    readonly_fields = ["content_type"]
    extra = 0


class RegistrationInline(OrganiserInline):
    model = WorkshopRegistration
    fields = ["person", "twinning", "attendance"]
    raw_id_fields = ["person", "twinning"]
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(OrganiserModelAdmin):
    list_display = ["title", "cohort", "twinning", "starts_at", "time_zone"]
    list_filter = ["cohort"]
    search_fields = ["title"]
    raw_id_fields = ["twinning", "created_by"]
    inlines = [MaterialInline, RegistrationInline]
