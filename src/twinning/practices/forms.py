"""Forms of practices: what a city enters, and organisers' decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from twinning.cities.models import PartnerProject
from twinning.common.files import MAX_ATTACHMENT_SIZE, check_upload
from twinning.common.languages import content_language_choices
from twinning.practices.enums import RESULT_UNITS, UNKNOWN_LANGUAGE, PracticeState, ResultKind
from twinning.practices.models import Practice
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme


class PracticeForm(forms.ModelForm):
    """A city's practice, with the language it is written in."""

    TEXTS = ("title", "summary", "description", "replication_needs")

    class Meta:
        model = Practice
        fields = [
            "language",
            "title",
            "summary",
            "description",
            "fields_of_action",
            "levers",
            "partner_project",
            "stage",
            "replication_needs",
            "links",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "levers": forms.CheckboxSelectMultiple,
            "replication_needs": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_of_action"].queryset = Theme.objects.filter(
            kind=ThemeKind.FIELD_OF_ACTION
        )
        self.fields["levers"].queryset = Theme.objects.filter(kind=ThemeKind.LEVER)
        self.fields["partner_project"].queryset = PartnerProject.objects.filter(is_active=True)
        language = self.fields["language"]
        language.choices = [*content_language_choices(), (UNKNOWN_LANGUAGE, _("Another language"))]
        # The inputs are marked with it too: the browser checks the spelling in it.
        written_in = self.data.get(self.add_prefix("language"), self.instance.language)
        if written_in in dict(language.choices) and written_in != UNKNOWN_LANGUAGE:
            for name in self.TEXTS:
                self.fields[name].widget.attrs["lang"] = written_in

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” is not a web address (https://…).") % {"line": line}
                ) from None
        return "\n".join(lines)


class ResultForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Result"), choices=[("", _("Choose")), *ResultKind.choices], required=False
    )
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=14, decimal_places=2)
    unit = forms.CharField(
        label=_("Unit"), required=False, max_length=40, help_text=_("e.g. t CO2e/year, EUR")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if kind and value is None:
            self.add_error("value", _("Give the value."))
        if value is not None and not kind:
            self.add_error("kind", _("Say what the value measures."))
        if kind and not cleaned.get("unit"):
            cleaned["unit"] = RESULT_UNITS[kind]
            if not cleaned["unit"]:
                self.add_error("unit", _("Give the unit."))
        return cleaned


ResultFormSet = forms.formset_factory(ResultForm, extra=0, max_num=10)


def result_formset(data=None, practice=None):
    initial = (
        [
            {"kind": r.kind, "value": r.value, "unit": r.unit, "note": r.note}
            for r in practice.results.all()
        ]
        if practice is not None
        else []
    )
    # Always three empty rows to fill in, after the saved ones.
    formset_class = forms.formset_factory(ResultForm, extra=3, max_num=10)
    return formset_class(data, initial=initial, prefix="results")


def cleaned_results(formset) -> list[dict]:
    return [
        {
            "kind": form.cleaned_data["kind"],
            "value": form.cleaned_data["value"],
            "unit": form.cleaned_data["unit"],
            "note": form.cleaned_data.get("note", ""),
        }
        for form in formset.forms
        if form.cleaned_data.get("kind")
    ]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title of the file"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF or image (PNG, JPEG, WebP, GIF), up to %(size)d MB.")
        % {"size": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class PracticeDecisionForm(forms.Form):
    DECISIONS = [
        (PracticeState.PUBLISHED, _("Publish")),
        (PracticeState.RETURNED, _("Return to the city for changes")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment to the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return it."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == PracticeState.RETURNED
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say what the city should change."))
        return cleaned
