import csv
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CohortFactory, MembershipFactory, UserFactory
from tests.factories.dashboard import add_cities, known_cohort
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import City, Registration
from twinning.common.audit import record_action
from twinning.common.maps import project
from twinning.matchmaking.models import MeetingRequest
from twinning.programme.enums import Acceptance, TwinningState
from twinning.programme.models import TwinningMember

pytestmark = pytest.mark.django_db

# Every list of the dashboard, in the order of its sections.
EVERY_LIST = [
    "funnel-mission-minded",
    "funnel-mission",
    "registrations-by-week",
    "countries",
    "themes",
    "matchmaking",
    "matchmaking-reports",
    "ranking",
    "twinnings",
    "visits",
    "claims",
    "budget",
    "plans",
    "feedback-questions",
    "feedback-events",
    "feedback-texts",
    "cities",
    "returning",
    "cohorts",
    "all-countries",
]

SECTIONS = [
    "overview",
    "registrations",
    "matchmaking",
    "selection",
    "year",
    "feedback",
    "map",
    "cohorts",
    "downloads",
]
PAGES = [
    ("orga:dashboard", []),
    *(("orga:dashboard_section", [section]) for section in SECTIONS),
    ("orga:dashboard_export", ["cohort-5", "funnel-mission", "csv"]),
    ("orga:dashboard_report", ["cohort-5"]),
]


@pytest.fixture
def known():
    return known_cohort()


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_dashboard_sends_visitors_to_sign_in(client, name, args):
    CohortFactory(number=5)

    response = client.get(reverse(name, args=args))

    assert (response.status_code, response.url.split("?")[0]) == (302, "/accounts/login/")


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("who", ["facilitator", "city representative"])
def test_dashboard_refuses_facilitators_and_city_representatives(client, name, args, who):
    CohortFactory(number=5)
    person = (
        UserFactory(is_facilitator=True)
        if who == "facilitator"
        else MembershipFactory(user=UserFactory()).user
    )
    client.force_login(person)

    response = client.get(reverse(name, args=args))

    assert response.status_code == 403


def test_dashboard_shows_the_current_cohort_by_default(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard"))

    assert response.status_code == 200
    assert response.context["cohort"] == known.cohort
    assert [c.number for c in response.context["cohorts"]] == [5, 4]


def test_dashboard_shows_the_chosen_cohort(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard"), {"cohort": "cohort-4"})

    assert response.context["cohort"] == known.earlier
    assert [
        block["funnel"].stage("accepted").announced for block in response.context["funnels"]
    ] == [2, 1]  # H counts as accepted: it was twinned in cohort 4 without a registration


def test_dashboard_falls_back_to_the_current_cohort_for_an_unknown_one(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard"), {"cohort": "no-such-cohort"})

    assert response.context["cohort"] == known.cohort


def test_dashboard_without_any_cohort_says_so(organiser_client):
    response = organiser_client.get(reverse("orga:dashboard"))

    assert response.status_code == 200
    assert "No cohort is open yet." in response.content.decode()


def _section(client, section, **params):
    response = client.get(reverse("orga:dashboard_section", args=[section]), params)
    assert response.status_code == 200
    return response.content.decode()


def _captions(html: str) -> list[str]:
    return re.findall(r"<caption>(.*?)</caption>", html)


def _menu(html: str) -> str:
    return re.search(r'<nav class="subnav dashboard-sections".*?</nav>', html, re.DOTALL)[0]


def _images(html: str) -> list[str]:
    return re.findall(r'<title id="[^"]*">(.*?)</title>', html)


def test_overview_shows_the_key_figures_and_a_funnel_per_kind_of_city(organiser_client, known):
    html = organiser_client.get(reverse("orga:dashboard")).content.decode()

    assert _captions(html) == [
        "Funnel of the Mission-minded cities",
        "Funnel of the Mission cities",
    ]
    assert _images(html) == ["Funnel of the Mission-minded cities", "Funnel of the Mission cities"]
    assert "<div><dt>Cities registered</dt><dd>9</dd></div>" in html
    assert "<div><dt>Cities withdrawn</dt><dd>3</dd></div>" in html
    # The glossary of each funnel comes right after its table.
    minded = html.index("<caption>Funnel of the Mission-minded cities</caption>")
    mission = html.index("<caption>Funnel of the Mission cities</caption>")
    assert minded < html.index("Mission-minded cities invited to the cohort.") < mission
    assert html.index("Mission cities that ranked their preferred twins.") > mission
    assert "2 Mission-minded cities registered without an invitation" in html
    assert 'style="' not in html
    assert "<script>" not in html


PLACES = {
    "Torino": (45.07, 7.69),
    "Košice": (48.72, 21.26),
    "Pécs": (46.07, 18.23),
    "Évora": (38.57, -7.9),
    "Oulu": (65.01, 25.47),
    "Kerava": (60.4, 25.1),
}


def _placed(known):
    for city in known.cities.values():
        if city.name in PLACES:
            city.latitude, city.longitude = PLACES[city.name]
            city.save(update_fields=["latitude", "longitude"])


def _map_lines(html):
    return sorted(re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+"/>', html))


def _start(name):
    return tuple(str(value) for value in project(*PLACES[name]))


def test_dashboard_maps_the_cohorts_cities_and_its_agreed_twinnings(organiser_client, known):
    _placed(known)

    html = _section(organiser_client, "map")

    shapes = re.findall(r'<(circle|path) class="map-city map-(\w+)"[^>]*><title>([^,]*),', html)
    assert sorted(shapes) == [
        ("circle", "mission", "Košice"),
        ("circle", "mission", "Pécs"),
        ("circle", "mission", "Torino"),
        ("path", "mission_minded", "Kerava"),
        ("path", "mission_minded", "Oulu"),
        ("path", "mission_minded", "Évora"),
    ]
    # T1 (Évora and Torino, active) and T3 (Kerava and Pécs, completed); T2 was withdrawn.
    assert _map_lines(html) == sorted([_start("Torino"), _start("Pécs")])
    assert html.count('<path d="M') > 40


@pytest.mark.parametrize(
    ("section", "captions", "images", "glossary"),
    [
        (
            "registrations",
            ["Registrations per week", "Cities by country", "Cities by theme"],
            ["Registrations per week", "Cities by country", "Cities by theme"],
            "a week without any shows 0",
        ),
        (
            "matchmaking",
            ["Matchmaking Days", "Meetings reported by the cities"],
            [],
            "Cities registered to take part",
        ),
        (
            "selection",
            ["Ranking of preferred twins", "Twinnings"],
            [],
            "a choice is one city at one rank",
        ),
        (
            "year",
            ["Visits", "Expense claims", "Visit budget", "Joint plans"],
            ["Visit budget"],
            "Used: approved and paid claims.",
        ),
        (
            "feedback",
            ["Feedback by question", "Feedback by event", "Feedback in words"],
            [],
            "The cohort has no feedback survey yet.",
        ),
        # The map draws itself (public/catalogue/_map.html): its own tests check it.
        (
            "map",
            ["Cities of the cohort"],
            None,
            "Cities of the cohort with an accepted registration",
        ),
        (
            "cohorts",
            [
                "Cities per cohort",
                "Returning cities",
                "Cities supported per country since the first cohort",
            ],
            [],
            "Returning cities: cities supported in more than one cohort.",
        ),
        ("downloads", [], [], "The report holds the figures of every section"),
    ],
)
def test_each_section_shows_its_own_figures_and_what_they_count(
    organiser_client, known, section, captions, images, glossary
):
    html = _section(organiser_client, section)

    assert _captions(html) == captions
    assert images is None or _images(html) == images
    assert glossary in html
    heading = re.search(r'<h2 id="section-heading">([^<]*)</h2>', html)[1]
    assert heading == re.search(r'aria-current="page">([^<]*)</a>', _menu(html))[1]
    assert 'style="' not in html


def test_the_section_shown_is_the_current_one_in_the_menu(organiser_client, known):
    html = _section(organiser_client, "selection")

    current = re.findall(r'<a href="([^"]*)" aria-current="page">([^<]*)</a>', _menu(html))
    assert current == [("/orga/dashboard/selection/?cohort=cohort-5", "Selection")]


def test_the_menu_keeps_the_chosen_cohort(organiser_client, known):
    html = _section(organiser_client, "matchmaking", cohort="cohort-4")

    links = re.findall(r'<a href="([^"]*)"', _menu(html))
    assert links == [
        "/orga/dashboard/?cohort=cohort-4",
        *(f"/orga/dashboard/{section}/?cohort=cohort-4" for section in SECTIONS[1:]),
    ]
    assert '<option value="cohort-4" selected>' in html


def test_the_registrations_section_lists_every_week_of_the_window(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard_section", args=["registrations"]))

    weeks = response.context["tables"]["registrations_by_week"]
    assert len(weeks.rows) == 11
    assert [row[3] for row in weeks.rows].count(0) == 8
    assert len(response.context["charts"]["weeks"].bars) == 11


def test_the_downloads_section_offers_every_list_and_the_report(organiser_client, known):
    html = _section(organiser_client, "downloads")

    links = re.findall(r'href="/orga/dashboard/cohort-5/([^"]*)"', html)
    assert links[0] == "report.pdf"
    assert links[1:] == [f"{table}.{fmt}" for table in EVERY_LIST for fmt in ("csv", "xlsx")]


def test_an_unknown_section_is_not_found(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard_section", args=["nothing"]))

    assert response.status_code == 404


def test_export_of_a_list_as_csv(organiser_client, known):
    response = organiser_client.get(
        reverse("orga:dashboard_export", args=["cohort-5", "countries", "csv"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response["Content-Disposition"] == 'attachment; filename="cohort-5-countries.csv"'
    assert rows == [
        ["Country", "Mission cities", "Mission-minded cities", "All"],
        ["Finland", "0", "2", "2"],
        ["Italy", "2", "0", "2"],
        ["Portugal", "0", "1", "1"],
        ["Slovakia", "1", "0", "1"],
    ]


def test_export_of_a_list_as_xlsx(organiser_client, known):
    response = organiser_client.get(
        reverse("orga:dashboard_export", args=["cohort-5", "matchmaking", "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active

    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["Matchmaking Day in Torino", "4", "4", "2", "1", "1", "1", "1", "0"]
    ]


@pytest.mark.parametrize("table", EVERY_LIST)
def test_every_list_of_the_dashboard_downloads(organiser_client, known, table):
    response = organiser_client.get(
        reverse("orga:dashboard_export", args=["cohort-5", table, "xlsx"])
    )

    assert (response.status_code, response.content[:2]) == (200, b"PK")


def test_export_of_the_returning_cities(organiser_client, known):
    response = organiser_client.get(
        reverse("orga:dashboard_export", args=["cohort-5", "returning", "csv"])
    )

    assert response.content.decode("utf-8-sig").splitlines() == [
        "City,Country,Cohorts",
        'Pécs,Italy,"Cohort 4, Cohort 5"',
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["cohort-5", "nothing", "csv"],
        ["cohort-5", "funnel-mission", "pdf"],
        ["nope", "funnel-mission", "csv"],
    ],
)
def test_export_of_an_unknown_list_format_or_cohort_is_not_found(organiser_client, known, args):
    response = organiser_client.get(reverse("orga:dashboard_export", args=args))

    assert response.status_code == 404


def test_cohort_report_is_a_pdf(organiser_client, known):
    _placed(known)  # the map has cities and twinnings to draw

    response = organiser_client.get(reverse("orga:dashboard_report", args=["cohort-5"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cohort-5-report.pdf"'
    assert response.content[:4] == b"%PDF"


def test_cohort_report_html_holds_the_title_page_charts_and_tables(organiser_client, known):
    from django.template.loader import render_to_string
    from django.utils import timezone

    from twinning.orga.views.dashboard import _context

    _placed(known)
    context = _context(known.cohort) | {"generated_at": timezone.now()}
    html = render_to_string("orga/dashboard/report.html", context)

    assert "<h1>Report of Cohort 5</h1>" in html
    assert "<div><dt>Cities twinned</dt><dd>6</dd></div>" in html
    assert _images(html) == [
        "Funnel of the Mission-minded cities",
        "Funnel of the Mission cities",
        "Registrations per week",
        "Cities by country",
        "Cities by theme",
        "Visit budget",
    ]
    assert html.count("<svg") == 7 + 3  # and the map, with the three symbols of its legend
    assert _captions(html) == [
        "Funnel of the Mission-minded cities",
        "Funnel of the Mission cities",
        "Registrations per week",
        "Cities by country",
        "Cities by theme",
        "Cities of the cohort",
        "Matchmaking Days",
        "Meetings reported by the cities",
        "Ranking of preferred twins",
        "Twinnings",
        "Visits",
        "Expense claims",
        "Visit budget",
        "Joint plans",
        "Feedback by event",
        "Cities per cohort",
        "Returning cities",
        "Cities supported per country since the first cohort",
    ]
    assert _map_lines(html) == sorted([_start("Torino"), _start("Pécs")])
    assert 'fill="#1f5fbf" cx=' in html  # colours as attributes, which WeasyPrint draws


def _queries(client, section) -> int:
    cache.clear()  # count the queries of computing the figures, not of reading them back
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("orga:dashboard_section", args=[section]))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_data(organiser_client, known):
    add_cities(known, 1)
    small = {section: _queries(organiser_client, section) for section in SECTIONS}
    add_cities(known, 12)

    large = {section: _queries(organiser_client, section) for section in SECTIONS}

    assert small == large


def test_dashboard_shows_the_demo_figures(organiser_client):
    from twinning.site.demo import load_demo

    load_demo()
    cohort5 = Registration.objects.filter(cohort__number=5).first().cohort

    response = organiser_client.get(
        reverse("orga:dashboard_section", args=["cohorts"]), {"cohort": cohort5.slug}
    )
    minded, mission = (block["funnel"] for block in response.context["funnels"])
    html = response.content.decode()

    accepted = Registration.objects.filter(cohort=cohort5, state=RegistrationState.ACCEPTED)
    assert [minded.stage("accepted").announced, mission.stage("accepted").announced] == [
        accepted.filter(kind=CityKind.MISSION_MINDED).count(),
        accepted.filter(kind=CityKind.MISSION).count(),
    ]
    twinned = TwinningMember.objects.filter(
        twinning__cohort=cohort5,
        acceptance=Acceptance.ACCEPTED,
        twinning__state__in=[TwinningState.ACCEPTED, TwinningState.ACTIVE, TwinningState.COMPLETED],
    )
    assert minded.stage("twinned").announced + mission.stage("twinned").announced == (
        twinned.values("city").distinct().count()
    )
    requests = MeetingRequest.objects.filter(day__cohort=cohort5)
    matchmaking = response.context["tables"]["matchmaking"].rows
    assert [row[2] for row in matchmaking] == [
        requests.filter(day=day).count()
        for day in cohort5.matchmaking_days.order_by("created", "id")
    ]
    supported = City.objects.filter(
        Q(registrations__state=RegistrationState.ACCEPTED)
        | Q(
            twinning_memberships__acceptance=Acceptance.ACCEPTED,
            twinning_memberships__twinning__state__in=[
                TwinningState.ACCEPTED,
                TwinningState.ACTIVE,
                TwinningState.COMPLETED,
            ],
        )
    ).distinct()
    assert response.context["cross"].cities_supported == supported.count()
    assert response.context["cross"].countries == supported.values("country").distinct().count()
    returning = {
        city.display_name
        for city in supported
        if Registration.objects.filter(city=city, state=RegistrationState.ACCEPTED)
        .values("cohort")
        .distinct()
        .count()
        > 1
    }
    assert {row[0] for row in response.context["cross"].returning.rows} == returning
    assert f"<dd>{supported.count()}</dd>" in html


def test_dashboard_figures_are_kept_until_a_recorded_change(organiser_client, known):
    url = reverse("orga:dashboard")
    organiser_client.get(url)  # the session's own first queries
    cache.clear()
    with CaptureQueriesContext(connection) as computing:
        organiser_client.get(url, {"cohort": "cohort-5"})
    with CaptureQueriesContext(connection) as kept:
        organiser = organiser_client.get(url, {"cohort": "cohort-5"})
    registration = Registration.objects.filter(cohort__slug="cohort-5").first()
    record_action("registration.changed", registration)

    with CaptureQueriesContext(connection) as after_change:
        organiser_client.get(url, {"cohort": "cohort-5"})

    assert organiser.status_code == 200
    assert len(kept) < len(computing)
    assert len(after_change) == len(computing)


def test_export_of_one_list_computes_that_list_alone(organiser_client, known):
    export = reverse("orga:dashboard_export", args=["cohort-5", "countries", "csv"])
    with CaptureQueriesContext(connection) as one_list:
        response = organiser_client.get(export)
    cache.clear()
    with CaptureQueriesContext(connection) as page:
        organiser_client.get(reverse("orga:dashboard"), {"cohort": "cohort-5"})

    assert response.status_code == 200
    assert len(one_list) < len(page) / 3
