from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.visits.models import Delegate, ExpenseClaim, Receipt, Visit


class DelegateInline(OrganiserInline):
    model = Delegate
    raw_id_fields = ["person", "city"]
    extra = 0


class ReceiptInline(OrganiserInline):
    model = Receipt
    fields = ["file", "content_type", "size"]
    readonly_fields = ["content_type", "size"]
    extra = 0


@admin.register(Visit)
class VisitAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "twinning", "state", "starts_on", "ends_on"]
    list_filter = ["state", "twinning__cohort"]
    raw_id_fields = ["twinning", "host", "created_by"]
    # States change through the programme pages, which log and mail each change.
    readonly_fields = ["state", "state_changed_at"]
    inlines = [DelegateInline]


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(OrganiserModelAdmin):
    list_display = ["__str__", "traveller", "visit", "state", "amount", "currency", "amount_eur"]
    list_filter = ["state", "category"]
    raw_id_fields = ["visit", "traveller"]
    readonly_fields = ["state", "state_changed_at"]
    inlines = [ReceiptInline]
