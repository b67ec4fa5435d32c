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
from twinning.matchmaking.models import DayParticipation, MeetingRequest
from twinning.programme.enums import Acceptance, TwinningState
from twinning.programme.models import TwinningMember

pytestmark = pytest.mark.django_db

PAGES = [
    ("orga:dashboard", []),
    ("orga:dashboard_export", ["cohort-5", "funnel", "csv"]),
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
    accepted = next(s for s in response.context["stages"] if s.key == "accepted")
    assert accepted.announced == {"mission": 1, "mission_minded": 1}


def test_dashboard_falls_back_to_the_current_cohort_for_an_unknown_one(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard"), {"cohort": "no-such-cohort"})

    assert response.context["cohort"] == known.cohort


def test_dashboard_without_any_cohort_says_so(organiser_client):
    response = organiser_client.get(reverse("orga:dashboard"))

    assert response.status_code == 200
    assert "No cohort is open yet." in response.content.decode()


def test_dashboard_page_shows_the_funnel_definitions_charts_and_tables(organiser_client, known):
    response = organiser_client.get(reverse("orga:dashboard"))
    html = response.content.decode()

    assert html.count('role="img"') == 6  # five charts and the map
    assert html.count('<table class="figures-table">') == 13
    assert "Cities whose registration the programme team accepted." in html
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

    html = organiser_client.get(reverse("orga:dashboard")).content.decode()

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


@pytest.mark.parametrize(
    "table",
    [
        "funnel",
        "registrations-by-week",
        "countries",
        "themes",
        "cities",
        "matchmaking",
        "visits",
        "claims",
        "budget",
        "plans",
        "returning",
        "cohorts",
        "all-countries",
    ],
)
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
    [["cohort-5", "nothing", "csv"], ["cohort-5", "funnel", "pdf"], ["nope", "funnel", "csv"]],
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
    assert (
        html.count('<svg viewBox="0 0 1000 977" width="1000" height="977" role="img"') == 1
    )  # the map, with 5 charts
    assert html.count('role="img"') == 6
    assert _map_lines(html) == sorted([_start("Torino"), _start("Pécs")])
    assert 'fill="#1f5fbf" cx=' in html  # colours as attributes, which WeasyPrint draws
    assert html.count('<table class="figures-table">') == 13


def _queries(client) -> int:
    cache.clear()  # count the queries of computing the figures, not of reading them back
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("orga:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_data(organiser_client, known):
    add_cities(known, 1)
    small = _queries(organiser_client)
    add_cities(known, 12)

    large = _queries(organiser_client)

    assert small == large


def test_dashboard_shows_the_demo_figures(organiser_client):
    from twinning.site.demo import load_demo

    load_demo()
    cohort5 = Registration.objects.filter(cohort__number=5).first().cohort

    response = organiser_client.get(reverse("orga:dashboard"), {"cohort": cohort5.slug})
    stages = {stage.key: stage for stage in response.context["stages"]}
    html = response.content.decode()

    accepted = Registration.objects.filter(cohort=cohort5, state=RegistrationState.ACCEPTED)
    assert stages["accepted"].announced == {
        "mission": accepted.filter(kind=CityKind.MISSION).count(),
        "mission_minded": accepted.filter(kind=CityKind.MISSION_MINDED).count(),
    }
    assert stages["matchmaking"].announced_total == (
        DayParticipation.objects.filter(day__cohort=cohort5).values("city").distinct().count()
    )
    twinned = TwinningMember.objects.filter(
        twinning__cohort=cohort5,
        acceptance=Acceptance.ACCEPTED,
        twinning__state__in=[TwinningState.ACCEPTED, TwinningState.ACTIVE, TwinningState.COMPLETED],
    )
    assert stages["twinned"].announced_total == twinned.values("city").distinct().count()
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
