from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.common.files import MAX_ATTACHMENT_SIZE
from twinning.common.people import display_name
from twinning.common.ranges import limit_dates
from twinning.visits.enums import ClaimCategory

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VisitForm(forms.Form):
    """A visit: the host city, the dates, the agenda and the visiting delegation."""

    host = forms.TypedChoiceField(label=_("Host city"), coerce=int)
    starts_on = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_INPUT)
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the delegation will see and discuss, day by day."),
    )
    delegates = forms.TypedMultipleChoiceField(
        label=_("Visiting delegation"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The people who travel, from the twinning's other cities."),
    )

    def __init__(self, *args, twinning, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)
        self.cities = {m.city_id: m.city for m in twinning.members.all()}
        self.memberships = {m.pk: m for m in memberships}
        self.fields["host"].choices = [(pk, c.display_name) for pk, c in self.cities.items()]
        self.fields["delegates"].choices = [
            (m.pk, f"{display_name(m.user)} ({m.city.display_name})") for m in memberships
        ]

    def clean_delegates(self) -> list[int]:
        # A person ticked twice (a repeated value in the request) travels once.
        return list(dict.fromkeys(self.cleaned_data["delegates"]))

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data

    def visit_data(self) -> dict:
        data = self.cleaned_data
        return {
            "host": self.cities[data["host"]],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "agenda": data["agenda"],
            "delegates": [
                (self.memberships[pk].user, self.memberships[pk].city) for pk in data["delegates"]
            ],
        }


class ClaimForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ClaimCategory.choices)
    description = forms.CharField(
        label=_("What it was"), max_length=300, help_text=_("e.g. Train Évora – Lisboa – Torino")
    )
    amount = forms.DecimalField(
        label=_("Amount paid"), max_digits=10, decimal_places=2, min_value=0.01
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        initial="EUR",
        max_length=3,
        help_text=_("Three letters, e.g. EUR, DKK, CZK."),
        error_messages={"invalid": _("A three-letter currency code, e.g. EUR.")},
    )
    amount_eur = forms.DecimalField(
        label=_("Amount in euro"),
        max_digits=10,
        decimal_places=2,
        min_value=0.01,
        required=False,
        help_text=_("At the rate of the day you paid; leave empty for euro."),
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A PDF or an image (PNG, JPEG, WebP, GIF), up to %(size)d MB.")
        % {"size": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    def __init__(self, *args, receipt_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receipt"].required = receipt_required

    def clean(self):
        data = super().clean()
        currency = (data.get("currency") or "").upper()
        data["currency"] = currency
        if currency == "EUR" and data.get("amount") and not data.get("amount_eur"):
            data["amount_eur"] = data["amount"]
        elif currency and not data.get("amount_eur") and "amount_eur" not in self.errors:
            self.add_error("amount_eur", _("Give the amount in euro."))
        return data

    def claim_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("category", "description", "amount", "currency", "amount_eur")
        }


class VisitStateForm(forms.Form):
    report = forms.CharField(
        label=_("Short report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the delegation saw and learnt, and what it will take home."),
    )


class ClaimDecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the traveller"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning or rejecting a claim."),
    )
    confirm_over_budget = forms.BooleanField(
        label=_("I have checked: approve beyond the budget"), required=False
    )
