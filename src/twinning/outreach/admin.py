from django.contrib import admin

from twinning.cohorts.models import Webinar
from twinning.common.admin_site import OrganiserModelAdmin
from twinning.outreach.domain.webinars import update_webinar
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration


@admin.register(WebinarRegistration)
class WebinarRegistrationAdmin(OrganiserModelAdmin):
    list_display = ["name", "email", "webinar", "status", "attended", "created"]
    list_filter = ["webinar", "status", "attended", "country"]
    search_fields = ["name", "email", "organisation", "city"]
    readonly_fields = ["status", "token", "created", "promoted_at", "cancelled_at"]


@admin.register(InterestExpression)
class InterestExpressionAdmin(OrganiserModelAdmin):
    list_display = ["city_name", "country", "kind", "contact_name", "email", "created"]
    list_filter = ["kind", "country", "themes"]
    search_fields = ["city_name", "contact_name", "email", "message"]


@admin.register(ContactMessage)
class ContactMessageAdmin(OrganiserModelAdmin):
    list_display = ["subject", "name", "email", "created", "handled_at"]
    list_filter = ["handled_at"]
    search_fields = ["subject", "name", "email", "message"]
    readonly_fields = ["sender_key", "created"]


@admin.register(Webinar)
class WebinarAdmin(OrganiserModelAdmin):
    list_display = ["title", "cohort", "starts_at", "time_zone", "capacity", "is_published"]
    list_filter = ["cohort", "is_published"]
    fields = [
        "cohort",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "time_zone",
        "capacity",
        "has_waiting_list",
        "meeting_url",
        "is_published",
    ]

    def has_change_permission(self, request, obj=None):
        # A cancelled webinar stays as its people were told it was.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not obj.is_cancelled)

    def save_model(self, request, obj, form, change):
        # A new time or link is mailed to everyone registered, with a new calendar file.
        update_webinar(obj, form.changed_data if change else [], by=request.user)
