import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twinning.common.ranges import limit_dates
from twinning.programme.enums import UNDER_WAY_STATES
from twinning.programme.models import Twinning
from twinning.workshops.models import Workshop

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WorkshopForm(forms.ModelForm):
    """A workshop; its times are typed in the workshop's own time zone."""

    meeting_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Workshop
        fields = [
            "cohort",
            "twinning",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "meeting_url",
        ]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT}

    def __init__(self, *args, twinnings=None, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)
        queryset = Twinning.objects.filter(state__in=UNDER_WAY_STATES).prefetch_related(
            "members__city"
        )
        self.fields["twinning"].queryset = twinnings if twinnings is not None else queryset
        self.fields["starts_at"].help_text = _("In the workshop's time zone.")
        if self.instance.pk:
            zone = self.instance.zone
            for name in ("starts_at", "ends_at"):
                self.initial[name] = timezone.localtime(getattr(self.instance, name), zone)

    def clean(self):
        data = super().clean()
        try:
            zone = zoneinfo.ZoneInfo(data.get("time_zone") or "Europe/Brussels")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return data
        # The browser sends wall-clock times: read them in the workshop's zone.
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                naive = timezone.make_naive(data[name], timezone.get_current_timezone())
                data[name] = timezone.make_aware(naive, zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A workshop must end after it starts."))
        twinning = data.get("twinning")
        if twinning and data.get("cohort") and twinning.cohort_id != data["cohort"].pk:
            self.add_error("twinning", _("The twinning belongs to another cohort."))
        return data


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF or an image. Give a link or a file."),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("file")) and not self.errors:
            raise forms.ValidationError(_("Give either a link or a file."))
        return data
