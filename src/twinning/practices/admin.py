from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.practices.models import Practice, PracticeAttachment, PracticeResult


class PracticeResultInline(OrganiserInline):
    model = PracticeResult


class PracticeAttachmentInline(OrganiserInline):
    model = PracticeAttachment
    # Files come in through the city's page, where their type is checked by content.
    readonly_fields = ["file", "content_type", "size"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Practice)
class PracticeAdmin(OrganiserModelAdmin):
    list_display = ["title", "registration", "stage", "state", "published_at"]
    list_filter = ["state", "stage", "registration__cohort", "fields_of_action", "levers"]
    search_fields = ["title", "summary", "registration__city__name"]
    filter_horizontal = ["fields_of_action", "levers"]
    inlines = [PracticeResultInline, PracticeAttachmentInline]
    # States change through the review on the registration's page, not by editing the row.
    readonly_fields = ["state", "published_at", "review_comment"]
