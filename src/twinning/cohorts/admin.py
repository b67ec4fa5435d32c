from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from twinning.cohorts.domain import change_milestone_window
from twinning.cohorts.models import Cohort, Milestone
from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin


class MilestoneInline(OrganiserInline):
    model = Milestone
    fields = ["kind", "title", "starts_at", "ends_at", "time_zone", "original_ends_at"]
    readonly_fields = ["original_ends_at"]


@admin.register(Cohort)
class CohortAdmin(OrganiserModelAdmin):
    list_display = ["name", "number", "is_published", "selection_cap", "joint_output_name"]
    list_filter = ["is_published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["number", "name", "slug", "is_published", "time_zone"]}),
        (_("Public page"), {"fields": ["introduction", "whats_new", "why_join"]}),
        (
            _("Selection"),
            {
                "fields": [
                    "selection_cap",
                    "twins_ranked",
                    "twins_per_mission_minded",
                    "registration_without_invitation",
                ]
            },
        ),
        (
            _("Programme year"),
            {
                "fields": [
                    "programme_months",
                    "joint_output_name",
                    "visits_per_twinning",
                    "visit_budget_per_representative",
                    "representatives_covered",
                ]
            },
        ),
    ]
    inlines = [MilestoneInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Milestone:
            return super().save_formset(request, form, formset, change)
        to_save = formset.save(commit=False)
        for item in formset.forms:
            if any(milestone is item.instance for milestone in to_save):
                _save_milestone(item.instance, item.changed_data, by=request.user)
        for milestone in formset.deleted_objects:
            milestone.delete()
        return None


def _save_milestone(milestone: Milestone, changed_data, *, by) -> None:
    """A moved window goes through the domain, which keeps the extension and logs it."""
    if milestone.pk is None or not {"starts_at", "ends_at"} & set(changed_data):
        milestone.save()
        return
    starts_at, ends_at = milestone.starts_at, milestone.ends_at
    milestone.refresh_from_db(fields=["starts_at", "ends_at", "original_ends_at"])
    change_milestone_window(milestone, starts_at=starts_at, ends_at=ends_at, by=by)


@admin.register(Milestone)
class MilestoneAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "cohort", "starts_at", "ends_at", "time_zone"]
    list_filter = ["cohort", "kind"]
    readonly_fields = ["original_ends_at"]

    def save_model(self, request, obj, form, change):
        _save_milestone(obj, form.changed_data, by=request.user)
