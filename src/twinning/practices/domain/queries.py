"""Reads of the catalogue: published practices, searched, filtered, sorted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404

from twinning.cities.models import City, PartnerProject, Registration
from twinning.cohorts.domain.queries import published_cohorts
from twinning.common.database import fold
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice, PracticeAttachment
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme

SORTS = {
    "newest": ["-published_at", "title"],
    "title": ["title"],
    "city": ["registration__city__name", "title"],
}


@dataclass
class CatalogueFilters:
    q: str = ""
    cohort: object | None = None  # a Cohort, or None for every cohort
    field: str = ""
    lever: str = ""
    country: str = ""
    project: str = ""
    stage: str = ""
    sort: str = ""


def public_practices() -> QuerySet[Practice]:
    """Published practices of published cohorts: those a visitor may see."""
    return Practice.objects.filter(
        state=PracticeState.PUBLISHED, registration__cohort__in=published_cohorts()
    )


def published_practices() -> QuerySet[Practice]:
    """Published practices of published cohorts with what a list shows, in a fixed
    number of queries."""
    return (
        public_practices()
        .select_related("registration__city", "registration__cohort", "partner_project")
        .prefetch_related(
            Prefetch("fields_of_action", queryset=Theme.objects.order_by("position")),
            Prefetch("levers", queryset=Theme.objects.order_by("position")),
        )
    )


class _StoredSearch(Func):
    """An expression over a practice's stored `search_vector` (PostgreSQL only).

    The column is not a model field, so that no list loads it; it is named through
    the row's own alias, which stays right when the query becomes a subquery.
    """

    template = ""

    def __init__(self, words: str, **extra):
        super().__init__(F("pk"), Value(words, output_field=CharField()), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        words_sql, words_params = compiler.compile(self.source_expressions[1])
        vector = pk_sql.rsplit(".", 1)[0] + '."search_vector"'
        return self.template % {"vector": vector, "words": words_sql}, (*pk_params, *words_params)


class _SearchMatches(_StoredSearch):
    template = "%(vector)s @@ practices_search_query(%(words)s)"
    output_field = BooleanField()


class _SearchRank(_StoredSearch):
    template = "ts_rank(%(vector)s, practices_search_query(%(words)s))"
    output_field = FloatField()


def _search(queryset: QuerySet[Practice], q: str) -> tuple[QuerySet[Practice], bool]:
    """Full-text search on PostgreSQL, every word contained on other databases.

    On PostgreSQL each practice keeps a weighted search vector (title, summary,
    city and project names, description, results; see migration 0005) in the rules
    of its language, without accents or case; a GIN index finds the matches.
    """
    if connection.vendor == "postgresql":
        ranked = queryset.filter(_SearchMatches(q)).annotate(rank=_SearchRank(q))
        return ranked, True
    # Elsewhere every word must appear in the texts or the city's names, accents and
    # case folded on both sides (SQLite's `twinning_fold`, see common.database).
    texts = Func(
        Concat(
            "title",
            Value(" "),
            "summary",
            Value(" "),
            "description",
            Value(" "),
            "registration__city__name",
            Value(" "),
            "registration__city__name_en",
            output_field=CharField(),
        ),
        function="twinning_fold",
        output_field=CharField(),
    )
    queryset = queryset.alias(folded_text=texts)
    for word in q.split():
        queryset = queryset.filter(folded_text__contains=fold(word))
    return queryset, False


def catalogue(
    filters: CatalogueFilters, practices: QuerySet[Practice] | None = None
) -> QuerySet[Practice]:
    """The published practices matching the filters, sorted as asked.

    `practices`, when given, is the set to filter instead of every published
    practice (the API's, with what its answers show).
    """
    practices = published_practices() if practices is None else practices
    if filters.cohort is not None:
        practices = practices.filter(registration__cohort=filters.cohort)
    if filters.field:
        practices = practices.filter(
            fields_of_action__code=filters.field,
            fields_of_action__kind=ThemeKind.FIELD_OF_ACTION,
        )
    if filters.lever:
        practices = practices.filter(levers__code=filters.lever)
    if filters.country:
        practices = practices.filter(registration__city__country=filters.country)
    if filters.project:
        practices = practices.filter(partner_project__acronym=filters.project)
    if filters.stage:
        practices = practices.filter(stage=filters.stage)
    ranked = False
    if filters.q.strip():
        practices, ranked = _search(practices, filters.q.strip())
    if filters.sort in SORTS:
        return practices.order_by(*SORTS[filters.sort])
    if ranked:
        return practices.order_by("-rank", "title")
    return practices.order_by(*SORTS["newest"])


def _with_public_practice(registrations, cohort=None):
    """The registrations (of the cohort) holding at least one public practice.

    Read from the registrations' side, one index probe each, rather than by going
    through every published practice.
    """
    registrations = registrations.filter(cohort__in=published_cohorts())
    if cohort is not None:
        registrations = registrations.filter(cohort=cohort)
    return registrations.filter(
        Exists(Practice.objects.filter(registration=OuterRef("pk"), state=PracticeState.PUBLISHED))
    )


def catalogue_countries(cohort=None) -> list[str]:
    """The countries of cities with a published practice (in the cohort), as codes."""
    registrations = _with_public_practice(Registration.objects.all(), cohort)
    return sorted(
        City.objects.filter(pk__in=registrations.values("city_id"))
        .values_list("country", flat=True)
        .distinct()
    )


def catalogue_projects(cohort=None) -> list[PartnerProject]:
    """The partner projects named by a public practice (of the cohort), by acronym."""
    practices = Practice.objects.filter(
        partner_project=OuterRef("pk"),
        state=PracticeState.PUBLISHED,
        registration__cohort__in=published_cohorts(),
    )
    if cohort is not None:
        practices = practices.filter(registration__cohort=cohort)
    return list(PartnerProject.objects.filter(Exists(practices)).order_by("acronym"))


def review_queue(
    cohort,
    *,
    kind: str = "",
    state: str = "",
    country: str = "",
    q: str = "",
    practices_to_review: bool = False,
) -> QuerySet[Registration]:
    """The cohort's registrations for the organisers' review, oldest submission first,
    with how many practices each has and how many wait for review."""
    registrations = (
        Registration.objects.filter(cohort=cohort)
        .select_related("city", "cohort")
        .annotate(
            practice_count=Count("practices", distinct=True),
            practices_to_review=Count(
                "practices", distinct=True, filter=Q(practices__state=PracticeState.SUBMITTED)
            ),
        )
    )
    if practices_to_review:
        registrations = registrations.filter(practices_to_review__gt=0)
    if kind:
        registrations = registrations.filter(kind=kind)
    if state:
        registrations = registrations.filter(state=state)
    if country:
        registrations = registrations.filter(city__country=country)
    if q:
        registrations = registrations.filter(
            Q(city__name__icontains=q) | Q(city__name_en__icontains=q)
        )
    return registrations.order_by("submitted_at", "city__name")


def practice_with_registration_or_404(pk) -> Practice:
    return get_object_or_404(Practice.objects.select_related("registration"), pk=pk)


def practice_with_city_or_404(pk) -> Practice:
    """A practice with its registration's city and cohort."""
    return get_object_or_404(
        Practice.objects.select_related("registration__city", "registration__cohort"), pk=pk
    )


def attachment_or_404(pk) -> PracticeAttachment:
    """A file attached to a practice, with the practice."""
    return get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)


def registration_for_review_or_404(pk) -> Registration:
    """A registration with everything its review page shows: city, cohort, partner
    projects, ambitions with their themes, and practices with what they hold."""
    return get_object_or_404(
        Registration.objects.select_related("city", "cohort").prefetch_related(
            "partner_projects",
            Prefetch("ambitions__theme"),
            Prefetch(
                "practices",
                queryset=Practice.objects.select_related("partner_project").prefetch_related(
                    "fields_of_action", "levers", "results", "attachments"
                ),
            ),
        ),
        pk=pk,
    )


def registrations_with_practices() -> QuerySet[Registration]:
    """Every registration with its city, partner projects and practices (by title), by
    cohort (newest first) and city."""
    return (
        Registration.objects.select_related("city")
        .prefetch_related(
            "partner_projects",
            Prefetch("practices", queryset=Practice.objects.order_by("title", "id")),
        )
        .order_by("-cohort__number", "city__name", "id")
    )
