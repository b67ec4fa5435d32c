"""The public catalogue: published practices, the cities that tested them, and a map."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from twinning.cities.countries import country_name
from twinning.cities.domain.queries import cities_taking_part, public_registrations
from twinning.cities.enums import CityKind
from twinning.cities.models import City, PartnerProject
from twinning.cohorts.domain.queries import (
    ALL_COHORTS,
    current_cohort,
    pick_cohort,
    published_cohorts,
)
from twinning.common.maps import city_map
from twinning.common.rendering import render_markdown
from twinning.practices.domain.queries import (
    CatalogueFilters,
    catalogue,
    catalogue_countries,
    catalogue_projects,
    published_practices,
)
from twinning.practices.enums import PracticeStage
from twinning.practices.models import Practice, PracticeAttachment
from twinning.programme.domain.queries import twinned_pairs
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme

PAGE_SIZE = 20


def _cohort_choice(request, cohorts, *, default=current_cohort):
    """The cohort asked for in `?cohort=`, `default()` otherwise, None for all."""
    cohort = pick_cohort(request, cohorts, default=default, allow_all=True)
    return cohort, cohort.slug if cohort else ALL_COHORTS


def _every_cohort():
    return None


def practice_list(request):
    """Every published practice, of every cohort unless one is asked for, searched and
    filtered from the address: a visitor comes for all the tested practices."""
    cohorts = list(published_cohorts())
    cohort, cohort_slug = _cohort_choice(request, cohorts, default=_every_cohort)
    get = request.GET
    filters = CatalogueFilters(
        q=get.get("q", "")[:200],
        cohort=cohort,
        field=get.get("field", ""),
        lever=get.get("lever", ""),
        country=get.get("country", "")[:2].upper(),
        project=get.get("project", ""),
        stage=get.get("stage", ""),
        sort=get.get("sort", ""),
    )
    page = Paginator(catalogue(filters), PAGE_SIZE).get_page(get.get("page"))
    themes = list(Theme.objects.all())
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "public/catalogue/practice_list.html",
        {
            "page": page,
            "practices": list(page.object_list),
            "filters": filters,
            "cohorts": cohorts,
            "cohort": cohort,
            "cohort_slug": cohort_slug,
            "fields_of_action": [t for t in themes if t.kind == ThemeKind.FIELD_OF_ACTION],
            "levers": [t for t in themes if t.kind == ThemeKind.LEVER],
            "countries": [(code, country_name(code)) for code in catalogue_countries(cohort)],
            "projects": catalogue_projects(),
            "stages": PracticeStage.choices,
            "sorts": [
                ("", _("Best match") if filters.q else _("Newest first")),
                ("newest", _("Newest first")),
                ("title", _("Title")),
                ("city", _("City")),
            ],
            "query_string": query.urlencode(),
        },
    )


def _visible_practice(request, slug) -> Practice:
    practice = get_object_or_404(
        Practice.objects.select_related(
            "registration__city", "registration__cohort", "partner_project"
        ),
        slug=slug,
    )
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404
    return practice


def practice_detail(request, slug):
    practice = _visible_practice(request, slug)
    return render(
        request,
        "public/catalogue/practice_detail.html",
        {
            "practice": practice,
            "city": practice.registration.city,
            "description": render_markdown(practice.description),
            "fields_of_action": list(practice.fields_of_action.all()),
            "levers": list(practice.levers.all()),
            "results": list(practice.results.all()),
            "attachments": list(practice.attachments.all()),
        },
    )


def practice_attachment(request, slug, pk):
    """A practice's file, served only to those who may see the practice."""
    practice = _visible_practice(request, slug)
    attachment = get_object_or_404(PracticeAttachment, pk=pk, practice=practice)
    if attachment.content_type not in (
        "application/pdf",
    ) and not attachment.content_type.startswith("image/"):
        raise PermissionDenied
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


CITIES_PAGE_SIZE = 60


def city_list(request):
    """The cohort's cities on a map of Europe with lines between twinned cities, and in two
    lists a page at a time."""
    cohorts = list(published_cohorts())
    cohort, cohort_slug = _cohort_choice(request, cohorts)
    cities = cities_taking_part(cohort)
    kinds = {city.pk: kind for city, kind in cities}
    the_map = city_map(
        [city for city, _kind in cities],
        kind_of=lambda city: kinds[city.pk],
        country_name_of=country_name,
        links=twinned_pairs(cohort),
    )
    lists = {
        kind: Paginator([c for c, k in cities if k == kind], CITIES_PAGE_SIZE).get_page(
            request.GET.get(f"{kind}_page")
        )
        for kind in (CityKind.MISSION, CityKind.MISSION_MINDED)
    }
    return render(
        request,
        "public/catalogue/city_list.html",
        {
            "cohorts": cohorts,
            "cohort": cohort,
            "cohort_slug": cohort_slug,
            "map": the_map,
            "mission_cities": lists[CityKind.MISSION],
            "mission_minded_cities": lists[CityKind.MISSION_MINDED],
        },
    )


def city_detail(request, slug):
    """A city's public page: profile, practices, partner projects and where it is."""
    city = get_object_or_404(City, slug=slug)
    registrations = list(
        public_registrations()
        .filter(city=city)
        .select_related("cohort")
        .prefetch_related(
            Prefetch("partner_projects", queryset=PartnerProject.objects.order_by("acronym"))
        )
        .order_by("-cohort__number")
    )
    practices = list(published_practices().filter(registration__city=city).order_by("title"))
    if not registrations and not practices and not city.is_mission_city:
        raise Http404
    projects = {p.pk: p for r in registrations for p in r.partner_projects.all()}
    return render(
        request,
        "public/catalogue/city_detail.html",
        {
            "city": city,
            "registrations": registrations,
            "practices": practices,
            "partner_projects": sorted(projects.values(), key=lambda p: p.acronym),
            "map": city_map(
                [city],
                kind_of=lambda c: (
                    CityKind.MISSION if c.is_mission_city else CityKind.MISSION_MINDED
                ),
                country_name_of=country_name,
                zoom=True,
            ),
        },
    )
