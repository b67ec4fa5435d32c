from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.plans.models import JointPlan, PlanAction, PlanSection

# Plans change only through their pages (versions, conflicts, the audit trail): read-only here.


class PlanSectionInline(OrganiserInline):
    model = PlanSection
    fields = ["kind", "version", "updated_at", "updated_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PlanActionInline(OrganiserInline):
    model = PlanAction
    fields = ["title", "field_of_action", "lever", "starts_on", "ends_on", "cost_eur",
              "emission_reduction"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JointPlan)
class JointPlanAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "state", "submitted_at", "decided_at"]
    list_filter = ["twinning__cohort", "state"]
    search_fields = ["twinning__members__city__name"]
    list_select_related = ["twinning"]
    readonly_fields = ["twinning", "kind_name", "state", "practices", "submitted_at",
                       "submitted_by", "decided_at", "decided_by", "decision_comment"]  # fmt: skip
    fields = readonly_fields
    inlines = [PlanSectionInline, PlanActionInline]

    def has_add_permission(self, request):
        return False
