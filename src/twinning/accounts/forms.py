from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import ConsentPurpose
from twinning.common.ranges import limit_dates


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)
    given = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")


class MessageNotificationsForm(forms.Form):
    on = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")


class OrganiserDeletionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Asked by e-mail on 3 November 2026.” Kept in the audit trail."),
    )
    confirm_email = forms.EmailField(
        label=_("The person's e-mail address, to confirm"),
        help_text=_("Type it again: the deletion cannot be undone."),
    )

    def __init__(self, *args, person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self):
        email = self.cleaned_data["confirm_email"]
        if email.strip().lower() != self.person.email.lower():
            raise forms.ValidationError(_("This is not the person's e-mail address."))
        return email


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), required=False, max_length=200)


class AuditSearchForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False, max_length=200)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=100,
        help_text=_("For example registration.accepted, or the start: registration."),
    )
    actor = forms.CharField(label=_("Who (name or e-mail)"), required=False, max_length=200)
    # A date picker reads only ISO dates, whatever the reader's language writes.
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What it is for, e.g. “Monthly report to the funder”."),
    )
