"""Forms of registration and invitation; validation of input only, writes go to the domain."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.domain.invitation_upload import (
    COLUMNS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_ROWS,
    read_invitation_csv,
)
from twinning.cities.enums import AuthorityType, CityKind, RegistrationState
from twinning.cities.models import City, Invitation, PartnerProject, Registration
from twinning.common import l10n
from twinning.common.ranges import limit_dates
from twinning.themes.enums import ThemeKind

COUNTRY_FIELD_CHOICES = [("", _("Choose a country")), *COUNTRY_CHOICES]


class CityNameField(forms.CharField):
    """A city name with suggestions from GeoNames as the person types (city-search.js)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", _("City"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"list": "city-suggestions", "data-city-search": "", "autocomplete": "off"})
        return attrs


class CityChoiceForm(forms.Form):
    city_name = CityNameField(help_text=_("Start typing: suggestions come from GeoNames."))
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_FIELD_CHOICES)


class RegisterWithProjectForm(CityChoiceForm):
    partner_project = forms.ModelChoiceField(
        label=_("Partner project"),
        queryset=PartnerProject.objects.filter(is_active=True),
        empty_label=_("Choose the project"),
        help_text=_("The EU-funded project partnering with NetZeroCities your city took part in."),
    )


class MissionCityChoiceForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("Mission city"),
        queryset=City.objects.filter(is_mission_city=True).order_by("name"),
        empty_label=_("Choose your city"),
    )

    def __init__(self, *args, cohort=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cohort is not None:
            self.fields["city"].queryset = (
                City.objects.filter(is_mission_city=True)
                .exclude(registrations__cohort=cohort, registrations__kind=CityKind.MISSION)
                .order_by("name")
            )


class EligibilityForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = [
            "authority_type",
            "climate_commitment",
            "hours_per_month",
            "representatives_committed",
        ]
        widgets = {
            "authority_type": forms.RadioSelect,
            "climate_commitment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
        self.fields["authority_type"].choices = AuthorityType.choices
        self.fields["hours_per_month"].widget.attrs["min"] = 1
        self.fields["representatives_committed"].widget.attrs["min"] = 1

    def clean_authority_type(self):
        value = self.cleaned_data["authority_type"]
        if value == AuthorityType.OTHER:
            raise forms.ValidationError(
                _("Only a local authority or a public body tied to one may register the city.")
            )
        return value

    def clean_hours_per_month(self):
        value = self.cleaned_data["hours_per_month"]
        if value is not None and value < 1:
            raise forms.ValidationError(_("At least one hour a month."))
        return value

    def clean_representatives_committed(self):
        value = self.cleaned_data["representatives_committed"]
        if value is not None and value < 1:
            raise forms.ValidationError(_("At least one representative."))
        return value


class ProfileForm(forms.Form):
    summary = forms.CharField(
        label=_("Profile of the city"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_(
            "Who you are, your climate goals and what you have done so far. Shown publicly."
        ),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class ProjectsForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["partner_projects"]
        widgets = {"partner_projects": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partner_projects"]
        field.required = True
        field.queryset = PartnerProject.objects.filter(is_active=True)
        field.help_text = _("The EU-funded projects partnering with NetZeroCities your city is in.")


class TeamForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["working_languages", "representatives"]
        widgets = {"representatives": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True


class AmbitionsForm(forms.Form):
    """One text and one Climate City Contract reference per theme; empty themes are skipped."""

    def __init__(self, *args, themes, ambitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = list(themes)
        by_theme = {a.theme_id: a for a in ambitions or []}
        for theme in self.themes:
            existing = by_theme.get(theme.pk)
            self.fields[f"text_{theme.code}"] = forms.CharField(
                label=theme.label,
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.text if existing else "",
            )
            self.fields[f"action_{theme.code}"] = forms.CharField(
                label=_("Climate City Contract action (optional)"),
                required=False,
                max_length=200,
                initial=existing.contract_action if existing else "",
            )

    def rows(self):
        for theme in self.themes:
            yield theme, self[f"text_{theme.code}"], self[f"action_{theme.code}"]

    def field_groups(self):
        groups = {ThemeKind.FIELD_OF_ACTION: [], ThemeKind.LEVER: []}
        for row in self.rows():
            groups[row[0].kind].append(row)
        return [
            (ThemeKind.FIELD_OF_ACTION.label, groups[ThemeKind.FIELD_OF_ACTION]),
            (ThemeKind.LEVER.label, groups[ThemeKind.LEVER]),
        ]

    def clean(self):
        cleaned = super().clean()
        filled = 0
        for theme in self.themes:
            text = cleaned.get(f"text_{theme.code}", "")
            if cleaned.get(f"action_{theme.code}") and not text:
                self.add_error(
                    f"text_{theme.code}", _("Describe the ambition the contract action belongs to.")
                )
            filled += bool(text.strip())
        if not filled and not self.errors:
            raise forms.ValidationError(_("State at least one challenge or ambition."))
        return cleaned

    def ambitions(self) -> dict:
        return {
            theme: (
                self.cleaned_data.get(f"text_{theme.code}", ""),
                self.cleaned_data.get(f"action_{theme.code}", ""),
            )
            for theme in self.themes
        }


class InvitationForm(CityChoiceForm):
    email = forms.EmailField(
        label=_("E-mail address of the person invited"),
        max_length=Invitation._meta.get_field("email").max_length,
    )
    partner_project = forms.ModelChoiceField(
        label=_("Partner project"),
        queryset=PartnerProject.objects.filter(is_active=True),
        required=False,
        empty_label=_("None"),
    )
    expires_at = forms.DateTimeField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty: until the Mission-minded window closes, at least 30 days."),
    )
    field_order = ["email", "city_name", "country", "partner_project", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)


class InvitationRowForm(forms.Form):
    """One line of an invitation CSV, checked like the one-by-one form: lengths from the model."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=Invitation._meta.get_field("email").max_length,
    )
    city = forms.CharField(label=_("City"), max_length=City._meta.get_field("name").max_length)
    # Eligibility is the domain's to say, with the country named in the message.
    country = forms.CharField(label=_("Country"), max_length=2)
    partner_project = forms.CharField(
        label=_("Partner project"),
        required=False,
        max_length=PartnerProject._meta.get_field("acronym").max_length,
    )
    expires = forms.DateField(
        label=_("Expiry"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Give the expiry as a date that exists, YYYY-MM-DD.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)

    def reasons(self) -> str:
        """The row's errors in one line, each after the column it is about."""
        return " ".join(
            f"{self.fields[name].label}: {' '.join(messages)}"
            for name, messages in self.errors.items()
        )


class InvitationUploadForm(forms.Form):
    """A CSV of invitations; the file as a whole, then each row, is checked. The good rows
    are in `rows` (line number, values), the bad ones in `row_errors` (line number, reason)."""

    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Written when the form is made, in the reader's language and number format.
        self.fields["file"].help_text = ngettext(
            "First line: email,city,country,partner_project,expires. Country as a two-letter "
            "code (PT), partner project as its acronym, expiry as YYYY-MM-DD (both optional). "
            "Up to %(rows)s invitation and %(size)d MB a file.",
            "First line: email,city,country,partner_project,expires. Country as a two-letter "
            "code (PT), partner project as its acronym, expiry as YYYY-MM-DD (both optional). "
            "Up to %(rows)s invitations and %(size)d MB a file.",
            MAX_UPLOAD_ROWS,
        ) % {
            "rows": l10n.format_number(MAX_UPLOAD_ROWS),
            "size": MAX_UPLOAD_BYTES // (1024 * 1024),
        }
        self.rows: list[tuple[int, dict]] = []
        self.row_errors: list[tuple[int, str]] = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Read one byte more than the limit: enough to know it is over, never the whole file.
        rows = read_invitation_csv(upload.read(MAX_UPLOAD_BYTES + 1))
        for line, values in rows:
            row = InvitationRowForm({name: values.get(name, "") for name in COLUMNS})
            if row.is_valid():
                self.rows.append((line, row.cleaned_data))
            else:
                self.row_errors.append((line, row.reasons()))
        return upload


class RegistrationDecisionForm(forms.Form):
    DECISIONS = [
        (RegistrationState.ACCEPTED, _("Accept")),
        (RegistrationState.RETURNED, _("Return to the city for changes")),
        (RegistrationState.REJECTED, _("Reject")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment to the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to return or reject: what to change, or why."),
    )

    def clean(self):
        cleaned = super().clean()
        needs_comment = cleaned.get("decision") in (
            RegistrationState.RETURNED,
            RegistrationState.REJECTED,
        )
        if needs_comment and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the city should change, or why it is rejected."))
        return cleaned
