from django.contrib import admin

from twinning.common.admin_site import OrganiserModelAdmin
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
