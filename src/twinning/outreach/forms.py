from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.models import PartnerProject
from twinning.cohorts.forms import DATETIME_INPUT, ZonedTimesMixin
from twinning.cohorts.models import Webinar
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration
from twinning.themes.models import Theme


def _consent_label():
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read and accept the"),
        reverse_lazy("public:privacy"),
        _("privacy notice"),
    )


class PlainLabelsMixin:
    """Labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ConsentMixin(PlainLabelsMixin):
    def _require_consent(self):
        self.fields["consent"].required = True
        self.fields["consent"].label = lazy(_consent_label, str)()
        self.fields["consent"].error_messages["required"] = _(
            "Please accept the privacy notice: we need it to store your answer."
        )


class WebinarRegistrationForm(ConsentMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *COUNTRY_CHOICES])

    class Meta:
        model = WebinarRegistration
        fields = ["name", "email", "organisation", "city", "country", "role", "consent"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._require_consent()


class InterestForm(ConsentMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—"), *COUNTRY_CHOICES])
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes of interest"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = InterestExpression
        fields = [
            "city_name",
            "country",
            "kind",
            "partner_project",
            "contact_name",
            "email",
            "themes",
            "message",
            "consent",
        ]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "partner_project": _("For a Mission-minded city: the EU project it takes part in."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._require_consent()
        self.fields["partner_project"].queryset = PartnerProject.objects.filter(is_active=True)
        self.fields["kind"].choices = self.fields["kind"].choices[1:]


class ContactForm(PlainLabelsMixin, forms.ModelForm):
    # A field people never see: a robot that fills it in is ignored.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class WebinarForm(ZonedTimesMixin, forms.ModelForm):
    """An information webinar; its times are typed in the webinar's own time zone."""

    meeting_url = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Sent only to registered people."),
    )

    class Meta:
        model = Webinar
        fields = [
            "cohort",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "capacity",
            "has_waiting_list",
            "meeting_url",
            "is_published",
        ]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _("In the webinar's time zone.")
        self.fields["time_zone"].help_text = _("For example Europe/Brussels.")
        self.fields["capacity"].help_text = _("Leave empty for no limit.")

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A webinar must end after it starts."))
        return data


class WebinarCancellationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, told to the people registered"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
