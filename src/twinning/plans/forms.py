from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from twinning.common.ranges import limit_dates
from twinning.plans.enums import PlanState, SectionKind
from twinning.plans.models import PlanAction
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the section"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, lists, [links](https://…). Blank lines part paragraphs."),
    )
    links = forms.CharField(
        label=_("Links to the investment plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != SectionKind.FUNDING:
            del self.fields["links"]

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                check(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a web address (https://…)."), params={"line": line}
                ) from None
        return "\n".join(lines)


class ActionForm(forms.ModelForm):
    # The version the form was opened at: a save based on an older one is not written.
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = PlanAction
        fields = [
            "title",
            "field_of_action",
            "lever",
            "responsible_bodies",
            "stakeholders",
            "starts_on",
            "ends_on",
            "cost_eur",
            "emission_reduction",
        ]
        # A date picker reads only ISO dates, whatever the reader's language writes.
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)
        self.fields["field_of_action"].queryset = Theme.objects.filter(
            kind=ThemeKind.FIELD_OF_ACTION
        )
        self.fields["lever"].queryset = Theme.objects.filter(kind=ThemeKind.LEVER)
        if self.instance.pk is not None:
            self.fields["base_version"].required = True
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot come before the start."))
        for name in ("cost_eur", "emission_reduction"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Give a positive figure."))
        return cleaned


class ActionDeleteForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PracticesForm(forms.Form):
    practices = forms.ModelMultipleChoiceField(
        label=_("Practices to replicate"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = choices


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (PlanState.APPROVED, _("Approve the plan")),
            (PlanState.RETURNED, _("Return it to the cities with comments")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the cities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when the plan is returned: say what to change."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == PlanState.RETURNED and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the cities should change."))
        return cleaned
