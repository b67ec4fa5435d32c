"""The organisers' dashboard of a cohort in sections, its downloads and the cohort report as PDF."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinning.cities.countries import country_name
from twinning.cohorts.domain.queries import current_cohort, pick_cohort
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.common.charts import bar_chart, column_chart
from twinning.common.exports import FORMATS, export_response
from twinning.common.maps import city_map
from twinning.common.permissions import requires
from twinning.matchmaking.domain.reports import REPORTING_DAYS
from twinning.orga import figures
from twinning.orga.feedback_figures import FEEDBACK_TABLES, cohort_feedback, feedback_tables
from twinning.programme.domain.queries import twinned_pairs

REPORT_CSS = "twinning/css/report-print.css"

# The dashboard's sections, one page each: (key in the URL, name in the menu).
SECTIONS = [
    ("overview", gettext_lazy("Overview")),
    ("registrations", gettext_lazy("Registrations")),
    ("matchmaking", gettext_lazy("Matchmaking")),
    ("selection", gettext_lazy("Selection")),
    ("year", gettext_lazy("Programme year")),
    ("feedback", gettext_lazy("Feedback")),
    ("map", gettext_lazy("Map")),
    ("cohorts", gettext_lazy("All cohorts")),
    ("downloads", gettext_lazy("Downloads and report")),
]
SECTION_NAMES = dict(SECTIONS)

# Lists that do not depend on the chosen cohort.
CROSS_COHORT = {"returning", "cohorts", "all-countries"}
YEAR_TABLES = ["visits", "claims", "budget", "plans"]
SELECTION_TABLES = ["ranking", "twinnings"]
FUNNEL_TABLES = ["funnel-mission-minded", "funnel-mission"]


def _one(table):
    return lambda cohort: [table(cohort)]


# How to compute each list of a cohort without the others, for a download of that list
# alone: the function gives the list among those computed with it.
SINGLE_TABLES = {
    **dict.fromkeys(FUNNEL_TABLES, figures.funnel_tables),
    "registrations-by-week": _one(figures.registrations_by_week),
    "countries": _one(figures.cities_by_country),
    "themes": _one(figures.cities_by_theme),
    "cities": _one(figures.cities_table),
    "matchmaking": _one(figures.matchmaking_figures),
    "matchmaking-reports": _one(figures.matchmaking_reports),
    **dict.fromkeys(SELECTION_TABLES, figures.selection_figures),
    **dict.fromkeys(YEAR_TABLES, figures.programme_year),
}


def _cohort_table(cohort: Cohort, key: str) -> figures.Table | None:
    """One list of the cohort: from the dashboard's cached figures when they are there,
    else computed alone (with the few lists computed together with it)."""
    if key in FEEDBACK_TABLES:
        # Answers arrive without an audit entry: feedback is counted afresh, never cached.
        return {table.key: table for table in feedback_tables(cohort)}[key]
    cached = figures.peek_figures(f"cohort-{cohort.pk}")
    if cached is not None:
        return cached["tables"].get(key)
    if key in SINGLE_TABLES:
        return {table.key: table for table in SINGLE_TABLES[key](cohort)}.get(key)
    return None


def _cohort_tables(cohort: Cohort) -> dict:
    return figures.cached_figures(f"cohort-{cohort.pk}", lambda: _compute_cohort_tables(cohort))


def _cross_cohort() -> figures.CrossCohort:
    return figures.cached_figures("cross-cohort", figures.cross_cohort)


def _compute_cohort_tables(cohort: Cohort) -> dict:
    funnels = figures.funnel(cohort)
    cities = figures.cohort_cities(cohort)
    tables = {table.key: table for table in figures.funnel_tables(cohort, funnels)}
    tables.update(
        {
            "registrations-by-week": figures.registrations_by_week(cohort),
            "countries": figures.cities_by_country(cohort),
            "themes": figures.cities_by_theme(cohort),
            "cities": figures.cities_table(cohort, cities),
            "matchmaking": figures.matchmaking_figures(cohort),
            "matchmaking-reports": figures.matchmaking_reports(cohort),
        }
    )
    tables.update((table.key, table) for table in figures.selection_figures(cohort))
    tables.update((table.key, table) for table in figures.programme_year(cohort))
    return {"funnels": funnels, "cities": cities, "tables": tables}


def _cross_tables(cross: figures.CrossCohort) -> dict[str, figures.Table]:
    return {
        "returning": cross.returning,
        "cohorts": cross.per_cohort,
        "all-countries": cross.countries_table,
    }


def _funnel_chart(funnel: figures.Funnel):
    return bar_chart(
        [stage.label for stage in funnel.stages],
        [
            (_("Announced"), [stage.announced for stage in funnel.stages]),
            (_("Active"), [stage.active for stage in funnel.stages]),
        ],
        title=funnel.title,
        description=_("Cities at each stage, announced and still active."),
    )


def _charts(tables: dict[str, figures.Table], funnels: list[figures.Funnel]) -> dict:
    """Charts of the lists, from the very tables shown next to them."""
    budget = tables["budget"]
    weeks = tables["registrations-by-week"]
    countries = tables["countries"]
    themes = tables["themes"]
    return {
        "funnels": [_funnel_chart(funnel) for funnel in funnels],
        "weeks": column_chart(
            weeks.column(0),
            weeks.column(3),
            title=_("Registrations per week"),
            description=_(
                "Registrations first submitted in each week of the registration windows."
            ),
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


def _figures_only(funnel: figures.Table) -> figures.Table:
    # The page and the report say what each stage counts under the table; a download
    # keeps it in its last column.
    return figures.Table(
        funnel.key, funnel.title, funnel.headers[:-1], [row[:-1] for row in funnel.rows]
    )


def _context(cohort: Cohort, *, with_map: bool = True) -> dict:
    """Every figure of the cohort, as the dashboard's sections and the report show them."""
    cohort_data = _cohort_tables(cohort)
    cross = _cross_cohort()
    tables = cohort_data["tables"]
    funnels = cohort_data["funnels"]
    charts = _charts(tables, funnels)
    cross_tables = _cross_tables(cross)
    year_tables = [tables[key] for key in YEAR_TABLES if key in tables]
    selection_tables = [tables[key] for key in SELECTION_TABLES if key in tables]
    feedback = cohort_feedback(cohort)
    feedback_lists = feedback_tables(cohort, feedback)
    return {
        "feedback": feedback,
        "feedback_tables": feedback_lists,
        "cohort": cohort,
        "funnels": [
            {"funnel": funnel, "chart": chart, "table": _figures_only(tables[funnel.key])}
            for funnel, chart in zip(funnels, charts["funnels"], strict=True)
        ],
        "key_figures": figures.key_figures(funnels, cross),
        # Templates cannot read keys with hyphens.
        "tables": {key.replace("-", "_"): table for key, table in tables.items()},
        "year_tables": year_tables,
        "selection_tables": selection_tables,
        "charts": charts,
        "map": _map(cohort_data["cities"], twinned_pairs(cohort, published_only=False))
        if with_map
        else None,
        "cross": cross,
        "cross_tables": cross_tables,
        "definitions": [
            figures.FUNNEL_DEFINITION,
            figures.ANNOUNCED_DEFINITION,
            figures.ACTIVE_DEFINITION,
        ],
        "withdrawn_definition": figures.WITHDRAWN_DEFINITION,
        "reporting_days": REPORTING_DAYS,
        "downloads": [
            (SECTION_NAMES["overview"], [tables[key] for key in FUNNEL_TABLES]),
            (
                SECTION_NAMES["registrations"],
                [tables[key] for key in ("registrations-by-week", "countries", "themes")],
            ),
            (
                SECTION_NAMES["matchmaking"],
                [tables["matchmaking"], tables["matchmaking-reports"]],
            ),
            (SECTION_NAMES["selection"], selection_tables),
            (SECTION_NAMES["year"], year_tables),
            (SECTION_NAMES["feedback"], feedback_lists),
            (SECTION_NAMES["map"], [tables["cities"]]),
            (SECTION_NAMES["cohorts"], list(cross_tables.values())),
        ],
    }


def _section_url(key: str) -> str:
    if key == "overview":
        return reverse("orga:dashboard")
    return reverse("orga:dashboard_section", args=[key])


def _chosen_cohort(request, cohorts):
    # With no cohort published yet, the newest one is shown rather than none.
    return pick_cohort(
        request, cohorts, default=lambda: current_cohort() or (cohorts[0] if cohorts else None)
    )


@requires("cohorts.view_dashboard")
def dashboard(request, section: str = "overview"):
    """One section of the dashboard, for the cohort chosen with `?cohort=`."""
    if section not in SECTION_NAMES:
        raise Http404
    cohorts = list(Cohort.objects.order_by("-number"))
    cohort = _chosen_cohort(request, cohorts)
    context = {
        "cohorts": cohorts,
        "cohort": cohort,
        "section": section,
        "section_name": SECTION_NAMES[section],
        "sections": [(key, name, _section_url(key)) for key, name in SECTIONS],
    }
    if cohort is not None:
        context.update(_context(cohort, with_map=section == "map"))
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
    """The cohort report for the funder, as PDF: the figures of every section of the dashboard."""
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
