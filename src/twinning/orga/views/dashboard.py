"""The organisers' dashboard of a cohort, its downloads and the cohort report as PDF."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from twinning.cities.countries import country_name
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import current_cohort, pick_cohort
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.common.charts import bar_chart, column_chart
from twinning.common.exports import FORMATS, export_response
from twinning.common.maps import city_map
from twinning.common.permissions import requires
from twinning.orga import figures
from twinning.programme.domain.queries import twinned_pairs

REPORT_CSS = "twinning/css/report-print.css"

# Lists that do not depend on the chosen cohort.
CROSS_COHORT = {"returning", "cohorts", "all-countries"}
YEAR_TABLES = ["visits", "claims", "budget", "plans"]


# How to compute each list of a cohort on its own, for a download of that list alone.
SINGLE_TABLES = {
    "funnel": figures.funnel_table,
    "registrations-by-week": figures.registrations_by_week,
    "countries": figures.cities_by_country,
    "themes": figures.cities_by_theme,
    "cities": figures.cities_table,
    "matchmaking": figures.matchmaking_figures,
}


def _cohort_table(cohort: Cohort, key: str) -> figures.Table | None:
    """One list of the cohort: from the dashboard's cached figures when they are there,
    else computed alone (the programme year's four lists come together)."""
    cached = figures.peek_figures(f"cohort-{cohort.pk}")
    if cached is not None:
        return cached["tables"].get(key)
    if key in SINGLE_TABLES:
        return SINGLE_TABLES[key](cohort)
    if key in YEAR_TABLES:
        return {table.key: table for table in figures.programme_year(cohort)}.get(key)
    return None


def _cohort_tables(cohort: Cohort) -> dict:
    return figures.cached_figures(f"cohort-{cohort.pk}", lambda: _compute_cohort_tables(cohort))


def _cross_cohort() -> figures.CrossCohort:
    return figures.cached_figures("cross-cohort", figures.cross_cohort)


def _compute_cohort_tables(cohort: Cohort) -> dict:
    stages = figures.funnel(cohort)
    cities = figures.cohort_cities(cohort)
    tables = {
        "funnel": figures.funnel_table(cohort, stages),
        "registrations-by-week": figures.registrations_by_week(cohort),
        "countries": figures.cities_by_country(cohort),
        "themes": figures.cities_by_theme(cohort),
        "cities": figures.cities_table(cohort, cities),
        "matchmaking": figures.matchmaking_figures(cohort),
    }
    tables.update((table.key, table) for table in figures.programme_year(cohort))
    return {"stages": stages, "cities": cities, "tables": tables}


def _cross_tables(cross: figures.CrossCohort) -> dict[str, figures.Table]:
    return {
        "returning": cross.returning,
        "cohorts": cross.per_cohort,
        "all-countries": cross.countries_table,
    }


def _charts(tables: dict[str, figures.Table], stages) -> dict:
    """Charts of the lists, from the very tables shown next to them."""
    budget = tables["budget"]
    weeks = tables["registrations-by-week"]
    countries = tables["countries"]
    themes = tables["themes"]
    return {
        "funnel": bar_chart(
            [stage.label for stage in stages],
            [
                (_("Announced"), [stage.announced_total for stage in stages]),
                (_("Active"), [stage.active_total for stage in stages]),
            ],
            title=_("Funnel of the cohort"),
            description=_("Cities at each stage, announced and still active."),
        ),
        "weeks": column_chart(
            weeks.column(0),
            weeks.column(3),
            title=_("Registrations per week"),
            description=_("Registrations first submitted in each week."),
        ),
        "countries": bar_chart(
            countries.column(0),
            [(_("Cities"), countries.column(3))],
            title=_("Cities by country"),
            description=_("Cities with an accepted registration in each country."),
        ),
        "themes": bar_chart(
            themes.column(0),
            [(_("Cities"), themes.column(4))],
            title=_("Cities by theme"),
            description=_("Cities working on each field of action and lever."),
        ),
        "budget": bar_chart(
            [_("Available"), _("Used"), _("Pending")],
            [(_("EUR"), budget.column(1)[:3])],
            title=_("Visit budget"),
            description=_("Budget available for the visits, used by claims and pending."),
        ),
    }


def _map(cities, links=()):
    kinds = {city.pk: kind for city, kind in cities}
    return city_map(
        [city for city, _kind in cities],
        kind_of=lambda city: kinds[city.pk],
        country_name_of=country_name,
        links=links,
    )


def _context(cohort: Cohort) -> dict:
    cohort_data = _cohort_tables(cohort)
    cross = _cross_cohort()
    tables = cohort_data["tables"]
    return {
        "cohort": cohort,
        "stages": cohort_data["stages"],
        # Templates cannot read keys with hyphens.
        "tables": {key.replace("-", "_"): table for key, table in tables.items()},
        "year_tables": [tables[key] for key in YEAR_TABLES if key in tables],
        "charts": _charts(tables, cohort_data["stages"]),
        "map": _map(cohort_data["cities"], twinned_pairs(cohort, published_only=False)),
        "cross": cross,
        "cross_tables": _cross_tables(cross),
        "definitions": [figures.ANNOUNCED_DEFINITION, figures.ACTIVE_DEFINITION],
        "mission_kind": CityKind.MISSION,
        "formats": sorted(FORMATS),
    }


def _chosen_cohort(request, cohorts):
    # With no cohort published yet, the newest one is shown rather than none.
    return pick_cohort(
        request, cohorts, default=lambda: current_cohort() or (cohorts[0] if cohorts else None)
    )


@requires("cohorts.view_dashboard")
def dashboard(request):
    cohorts = list(Cohort.objects.order_by("-number"))
    cohort = _chosen_cohort(request, cohorts)
    context = {"cohorts": cohorts, "cohort": cohort}
    if cohort is not None:
        context.update(_context(cohort))
    return render(request, "orga/dashboard/dashboard.html", context)


@requires("cohorts.view_dashboard")
def dashboard_export(request, slug, table, fmt):
    """One list of the dashboard as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    cohort = get_object_or_404(Cohort, slug=slug)
    if table in CROSS_COHORT:
        chosen = _cross_tables(_cross_cohort())[table]
        filename = table
    else:
        chosen = _cohort_table(cohort, table)
        filename = f"{cohort.slug}-{table}"
    if chosen is None:
        raise Http404
    return export_response(fmt, filename, chosen.headers, chosen.rows)


@requires("cohorts.view_dashboard")
def dashboard_report(request, slug):
    """The cohort report for the funder, as PDF: funnel, charts and every list."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a PDF

    cohort = get_object_or_404(Cohort, slug=slug)
    context = _context(cohort)
    context["generated_at"] = clock.now()
    html = render_to_string("orga/dashboard/report.html", context, request=request)
    stylesheet = CSS(filename=finders.find(REPORT_CSS))
    pdf = HTML(string=html, url_fetcher=_no_fetching).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{cohort.slug}-report.pdf"'
    return response


def _no_fetching(url, *args, **kwargs):
    # The report is self-contained: it never loads anything over the network.
    raise ValueError(f"The cohort report does not load {url}")
