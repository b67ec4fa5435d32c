from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.programme.models import Twinning, TwinningMember


class TwinningMemberInline(OrganiserInline):
    model = TwinningMember
    fields = ["city", "role", "rank", "acceptance", "decline_reason", "decided_at"]
    readonly_fields = ["decided_at"]
    raw_id_fields = ["city"]


@admin.register(Twinning)
class TwinningAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "cohort", "state", "facilitator", "published_at"]
    list_filter = ["cohort", "state"]
    search_fields = ["members__city__name"]
    readonly_fields = ["created", "confirmed_at", "published_at", "created_from_run"]
    inlines = [TwinningMemberInline]
