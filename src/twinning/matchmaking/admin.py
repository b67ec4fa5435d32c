from django.contrib import admin

from twinning.common.admin_site import OrganiserInline, OrganiserModelAdmin
from twinning.matchmaking.domain.days import create_matchmaking_day
from twinning.matchmaking.forms import MatchmakingDayForm
from twinning.matchmaking.models import MatchmakingDay, Slot


class SlotInline(OrganiserInline):
    model = Slot
    fields = ["starts_at", "ends_at", "capacity"]


@admin.register(MatchmakingDay)
class MatchmakingDayAdmin(OrganiserModelAdmin):
    list_display = ["name", "cohort", "format", "request_deadline", "published_at"]
    list_filter = ["cohort", "format"]
    # Slots follow these: they change on the organisers' page, which checks the schedule.
    readonly_fields = [
        "published_at",
        "format",
        "time_zone",
        "days",
        "breaks",
        "slot_minutes",
        "gap_minutes",
    ]
    inlines = [SlotInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MatchmakingDayForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*MatchmakingDayForm.Meta.fields, "day_hours", "break_hours"]
        return super().get_fields(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = {name: form.cleaned_data[name] for name in MatchmakingDayForm.Meta.fields}
        day = create_matchmaking_day(
            **data,
            days=form.cleaned_data["day_hours"],
            breaks=form.cleaned_data["break_hours"],
            by=request.user,
        )
        obj.pk = day.pk
        obj.__dict__.update(day.__dict__)
