"""The organisers' form for a mailing: what it says and who it goes to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.cohorts.models import Cohort
from twinning.mailings.domain.segments import SEGMENT_CHOICES, SEGMENTS
from twinning.mailings.models import Mailing
from twinning.matchmaking.models import MatchmakingDay


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.cohort.name})"


class MailingForm(forms.ModelForm):
    segment = forms.ChoiceField(label=_("Recipients"), choices=SEGMENT_CHOICES)
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("-number"),
        required=False,
        help_text=_("For the groups of a cohort."),
    )
    day = DayChoiceField(
        label=_("Matchmaking Day"),
        queryset=MatchmakingDay.objects.select_related("cohort").order_by(
            "-cohort__number", "name"
        ),
        required=False,
        help_text=_("For the people registered for a Matchmaking Day."),
    )

    class Meta:
        model = Mailing
        fields = ["subject", "text", "segment", "cohort", "day"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def clean(self):
        data = super().clean()
        segment = SEGMENTS.get(data.get("segment"))
        if segment is not None and segment.needs == "cohort" and not data.get("cohort"):
            self.add_error("cohort", _("Choose the cohort these recipients belong to."))
        if segment is not None and segment.needs == "day" and not data.get("day"):
            self.add_error("day", _("Choose the Matchmaking Day."))
        return data
