"""Query filters of the API's lists; the practices use the public catalogue's own query."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.domain.queries import published_cohorts
from twinning.common.runs import RunStatus
from twinning.matchmaking.enums import DayFormat
from twinning.outreach.enums import SeatStatus
from twinning.practices.domain.queries import SORTS, CatalogueFilters, catalogue
from twinning.practices.enums import PracticeStage
from twinning.practices.models import Practice

COHORT_HELP = _("The cohort's short name (slug), e.g. cohort-5.")


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    """A record's id: a whole number within the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "boolean"})
class BooleanChoiceFilter(django_filters.ChoiceFilter):
    """`true` or `false`, nothing else."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)


class PracticeFilter(django_filters.FilterSet):
    """The catalogue's filters: the same parameters as /practices/ on the site."""

    q = django_filters.CharFilter(
        max_length=200, method="noop", help_text=_("Words to search for.")
    )
    cohort = django_filters.CharFilter(max_length=100, method="noop", help_text=COHORT_HELP)
    field = django_filters.CharFilter(
        max_length=60, method="noop", help_text=_("Code of a field of action.")
    )
    lever = django_filters.CharFilter(
        max_length=60, method="noop", help_text=_("Code of a systemic lever.")
    )
    theme = django_filters.CharFilter(
        max_length=60, method="noop", help_text=_("Code of a field of action or of a lever.")
    )
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES, method="noop")
    project = django_filters.CharFilter(
        max_length=60, method="noop", help_text=_("Acronym of a partner project.")
    )
    stage = django_filters.ChoiceFilter(choices=PracticeStage.choices, method="noop")
    sort = django_filters.ChoiceFilter(
        choices=[(key, key) for key in SORTS],
        method="noop",
        help_text=_("Default: best match when searching, else newest first."),
    )

    class Meta:
        model = Practice
        fields: list[str] = []

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        cohort = None
        if data.get("cohort"):
            cohort = published_cohorts().filter(slug=data["cohort"]).first()
            if cohort is None:
                return queryset.none()
        practices = catalogue(
            CatalogueFilters(
                q=data.get("q") or "",
                cohort=cohort,
                field=data.get("field") or "",
                lever=data.get("lever") or "",
                country=data.get("country") or "",
                project=data.get("project") or "",
                stage=data.get("stage") or "",
                sort=data.get("sort") or "",
            ),
            queryset,
        )
        if data.get("theme"):
            code = data["theme"]
            practices = practices.filter(
                Q(pk__in=Practice.objects.filter(fields_of_action__code=code).values("pk"))
                | Q(pk__in=Practice.objects.filter(levers__code=code).values("pk"))
            )
        return practices


class CityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CityKind.choices, method="filter_kind")
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES)
    q = django_filters.CharFilter(
        max_length=200, method="filter_q", help_text=_("Part of the city's name.")
    )

    def filter_kind(self, queryset, name, value):
        return queryset.filter(is_mission_city=value == CityKind.MISSION)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(name_en__icontains=value))


class CohortSlugFilter(django_filters.FilterSet):
    cohort = django_filters.CharFilter(
        field_name="cohort__slug", max_length=100, help_text=COHORT_HELP
    )


class TwinningFilter(CohortSlugFilter):
    city = IdFilter(method="filter_city", help_text=_("Id of a city in the twinning."))

    def filter_city(self, queryset, name, value):
        return queryset.filter(members__city_id=value).distinct()


class RegistrationFilter(CohortSlugFilter):
    kind = django_filters.ChoiceFilter(choices=CityKind.choices)
    state = django_filters.ChoiceFilter(choices=RegistrationState.choices)
    country = django_filters.ChoiceFilter(field_name="city__country", choices=COUNTRY_CHOICES)


class InvitationFilter(CohortSlugFilter):
    email = django_filters.CharFilter(lookup_expr="iexact", max_length=254)


class SelectionRunFilter(CohortSlugFilter):
    status = django_filters.ChoiceFilter(choices=RunStatus.choices)


class MatchmakingDayFilter(CohortSlugFilter):
    format = django_filters.ChoiceFilter(choices=DayFormat.choices)


class MeetingFilter(django_filters.FilterSet):
    day = IdFilter(field_name="day_id")
    published = BooleanChoiceFilter(method="filter_published")

    def filter_published(self, queryset, name, value):
        return queryset.filter(published=value == "true")


class WebinarRegistrationFilter(django_filters.FilterSet):
    webinar = IdFilter(field_name="webinar_id")
    status = django_filters.ChoiceFilter(choices=SeatStatus.choices)
