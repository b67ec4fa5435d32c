from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from twinning.feedback.enums import QuestionKind
from twinning.feedback.models import SCALE, Question, Survey

MAX_TEXT = 3000
MAX_OPTIONS = 12


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["cohort", "event", "title", "introduction", "is_open"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.invitations.exists():
            # People were asked about these events: the survey keeps following them.
            for name in ("cohort", "event"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once people have been asked.")


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For one choice among options: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["position", "text", "kind", "options", "required"]
        widgets = {"position": forms.NumberInput(attrs={"min": 1, "max": 99})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].min_value = 1
        self.fields["position"].max_value = 99
        if self.instance.pk:
            self.initial["options"] = "\n".join(self.instance.options)

    def clean_options(self):
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        options = list(dict.fromkeys(line[:200] for line in lines if line))
        if len(options) > MAX_OPTIONS:
            raise forms.ValidationError(
                ngettext("At most %(count)d option.", "At most %(count)d options.", MAX_OPTIONS)
                % {"count": MAX_OPTIONS}
            )
        return options


def _scale_label(value: int) -> str:
    if value == SCALE[0]:
        return _("%(value)d (poor)") % {"value": value}
    if value == SCALE[-1]:
        return _("%(value)d (excellent)") % {"value": value}
    return str(value)


class AnswerForm(forms.Form):
    """The survey's questions as fields named by question id, with the stored answers."""

    def __init__(self, *args, questions, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        stored = {a.question_id: a for a in answers}
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
                )
            else:
                choices = (
                    [(str(v), _scale_label(v)) for v in SCALE]
                    if question.kind == QuestionKind.SCALE
                    else [(option, option) for option in question.options]
                )
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            field.label = question.text
            field.required = question.required
            field.question = question
            self.fields[name] = field
            answer = stored.get(question.pk)
            if answer is not None:
                self.initial[name] = str(answer.value) if answer.value is not None else answer.text

    def values(self) -> dict[int, object]:
        return {field.question.pk: self.cleaned_data[name] for name, field in self.fields.items()}
