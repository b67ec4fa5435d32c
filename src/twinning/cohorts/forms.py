"""Organisers' forms for a cohort, its windows and their extension.

Times are typed as wall-clock times in the window's own time zone, as deadlines
are published ("17:00 CEST"), and read back in that zone.
"""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from twinning.cohorts.models import Cohort, Milestone
from twinning.common.forms import TranslatedTextsForm
from twinning.common.ranges import limit_dates

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def in_zone(value, zone_name: str):
    """A wall-clock time typed in a form, read in `zone_name` (None when the zone is unknown)."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name or "Europe/Brussels")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    naive = timezone.make_naive(value, timezone.get_current_timezone())
    return timezone.make_aware(naive, zone)


class ZonedTimesMixin:
    """A model form whose `starts_at` and `ends_at` are typed in the object's `time_zone`.

    They are shown in that zone, read back in the zone chosen on the form, and
    count as changed only when the moment itself moved, whatever zone the
    viewer's pages use.
    """

    TIMES = ("starts_at", "ends_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)
        self._stored = {name: getattr(self.instance, name) for name in self.TIMES}
        if self.instance.pk:
            zone = self.instance.zone
            for name in self.TIMES:
                # Naive, so that the field does not move it to the viewer's zone.
                local = timezone.localtime(self._stored[name], zone)
                self.initial[name] = local.replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        for name in self.TIMES:
            if data.get(name):
                data[name] = in_zone(data[name], data.get("time_zone")) or data[name]
        return data

    @property
    def changed_data(self):
        changed = [name for name in super().changed_data if name not in self.TIMES]
        if self.instance.pk is None or not hasattr(self, "cleaned_data"):
            return super().changed_data
        moved = [n for n in self.TIMES if self.cleaned_data.get(n) != self._stored[n]]
        return changed + moved


class CohortForm(TranslatedTextsForm, forms.ModelForm):
    """A cohort's settings, and the texts of its public page in each site language."""

    class Meta:
        model = Cohort
        fields = [
            "number",
            "name",
            "slug",
            "is_published",
            "time_zone",
            "introduction",
            "whats_new",
            "why_join",
            "selection_cap",
            "twins_ranked",
            "twins_per_mission_minded",
            "registration_without_invitation",
            "answer_days",
            "programme_months",
            "joint_output_name",
            "visits_per_twinning",
            "visit_budget_per_representative",
            "representatives_covered",
        ]
        error_messages = {
            "number": {"unique": _("Another cohort has this number.")},
            "slug": {"unique": _("Another cohort has this short name.")},
        }
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "whats_new": forms.Textarea(attrs={"rows": 4}),
            "why_join": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].help_text = _(
            "Where the programme team works, for example Europe/Brussels."
        )


class MilestoneForm(TranslatedTextsForm, ZonedTimesMixin, forms.ModelForm):
    """A window of a cohort; its times are typed in the window's own time zone, its title
    and description may be given in each site language."""

    class Meta:
        model = Milestone
        fields = ["kind", "title", "description", "starts_at", "ends_at", "time_zone"]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _("In the window's time zone.")
        self.fields["ends_at"].help_text = _("In the window's time zone.")
        self.fields["time_zone"].help_text = _("For example Europe/Brussels.")

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A window must close after it opens."))
        return data


class ExtensionForm(forms.Form):
    """A later close for a window, typed in the window's time zone, and why."""

    ends_at = forms.DateTimeField(label=_("New closing time"), widget=DATETIME_INPUT)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history of changes, for the programme team."),
    )

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone
        limit_dates(self)
        self.fields["ends_at"].help_text = _("In the window's time zone (%(zone)s).") % {
            "zone": milestone.time_zone
        }

    def clean_ends_at(self):
        ends_at = in_zone(self.cleaned_data["ends_at"], self.milestone.time_zone)
        if ends_at <= self.milestone.ends_at:
            raise forms.ValidationError(
                _("An extension must close the window later than it closes now.")
            )
        return ends_at


class PartnerForm(forms.Form):
    """A partner of a cohort; the logo is checked by content when the form is handled."""

    name = forms.CharField(label=pgettext_lazy("of an organisation", "Name"), max_length=200)
    link = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=99,
        initial=0,
        help_text=_("Partners are shown in this order, lowest first (0 to 99)."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("An image (PNG, JPEG, WebP or GIF) of up to 1 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )

    def __init__(self, *args, partner=None, **kwargs):
        if partner is not None:
            kwargs.setdefault(
                "initial",
                {"name": partner.name, "link": partner.link, "position": partner.position},
            )
        super().__init__(*args, **kwargs)
        if partner is not None:
            self.fields["logo"].required = False
            self.fields["logo"].help_text = _(
                "Leave empty to keep the current logo. An image (PNG, JPEG, WebP or GIF) of up "
                "to 1 MB."
            )
