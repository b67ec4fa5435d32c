from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.models import PartnerProject
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
