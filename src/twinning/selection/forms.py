from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    """Rank k: a Mission-minded city and why; empty rows are left out, the order kept."""

    def __init__(self, *args, cities, ranking=(), max_choices, **kwargs):
        self.max_choices = max_choices
        initial = {}
        for preference in ranking:
            initial[f"city_{preference.rank}"] = preference.mission_minded_city_id
            initial[f"motivation_{preference.rank}"] = preference.motivation
        super().__init__(*args, initial=initial, **kwargs)
        choices = [("", _("— none —"))] + [(str(c.pk), c.display_name) for c in cities]
        for rank in range(1, self.max_choices + 1):
            self.fields[f"city_{rank}"] = forms.TypedChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"motivation_{rank}"] = forms.CharField(
                label=_("Why this city (choice %(rank)s)") % {"rank": rank},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=1000,
                required=False,
            )

    @property
    def rows(self):
        return [
            (rank, self[f"city_{rank}"], self[f"motivation_{rank}"])
            for rank in range(1, self.max_choices + 1)
        ]

    def clean(self):
        data = super().clean()
        seen, choices = set(), []
        for rank in range(1, self.max_choices + 1):
            city = data.get(f"city_{rank}")
            motivation = (data.get(f"motivation_{rank}") or "").strip()
            if city is None:
                if motivation:
                    self.add_error(f"city_{rank}", _("Choose the city this motivation is for."))
                continue
            if city in seen:
                self.add_error(f"city_{rank}", _("This city is already ranked higher."))
                continue
            if not motivation:
                self.add_error(f"motivation_{rank}", _("Say in a sentence why this city."))
                continue
            seen.add(city)
            choices.append((city, motivation))
        data["choices"] = choices
        return data


class InterestsForm(forms.Form):
    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cities"] = forms.TypedMultipleChoiceField(
            label=_("Mission cities your city would like to work with"),
            choices=[(str(c.pk), c.display_name) for c in cities],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )


class SelectionRunForm(forms.Form):
    cap = forms.IntegerField(
        label=_("Mission-minded cities selected at most"), validators=[MinValueValidator(0)]
    )
    allow_same_country = forms.BooleanField(
        label=_("Allow twinnings of two cities of the same country"), required=False
    )
    max_selected_per_country = forms.IntegerField(
        label=_("At most this many selected Mission-minded cities per country"),
        help_text=_("Leave empty for no limit."),
        validators=[MinValueValidator(1)],
        required=False,
    )
    pinned = forms.MultipleChoiceField(
        label=_("Pairs that must be in the result"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    forbidden = forms.MultipleChoiceField(
        label=_("Pairs that must not be in the result"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pinned"].choices = pairs
        self.fields["forbidden"].choices = pairs

    def clean(self):
        data = super().clean()
        both = set(data.get("pinned", [])) & set(data.get("forbidden", []))
        if both:
            self.add_error("forbidden", _("A pair cannot be both pinned and forbidden."))
        return data

    def options(self) -> dict:
        data = self.cleaned_data

        def pairs(values):
            return [[int(n) for n in value.split("-")] for value in values]

        return {
            "cap": data["cap"],
            "allow_same_country": data["allow_same_country"],
            "max_selected_per_country": data["max_selected_per_country"],
            "pinned": pairs(data["pinned"]),
            "forbidden": pairs(data["forbidden"]),
        }


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your city's answer"),
        choices=[("accept", _("We accept this twinning")), ("decline", _("We decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If you decline: why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Say why the city declines, so the programme team can help.")
            )
        return data
