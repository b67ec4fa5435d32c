"""Attendance reported by the cities after a Matchmaking Day, and the post-day report."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MilestoneFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from twinning.cities.enums import CityKind
from twinning.cohorts.enums import MilestoneKind
from twinning.common.models import AuditEntry
from twinning.matchmaking.domain.queries import day_attendance
from twinning.matchmaking.domain.reports import report_meetings
from twinning.matchmaking.models import Meeting, MeetingReport
from twinning.nextsteps.domain.steps import agenda_for_representative
from twinning.orga import figures

# The clock stands at 1 April 2026; the day is 1 May 2026, 09:00-12:00 in Torino (CEST),
# six slots of 25 minutes: the first ends at 09:25 (07:25 UTC), the day at 12:00; reports
# close 14 days later, on 15 May at 12:00.
NOW = dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC)
FIRST_SLOT_ENDED = dt.datetime(2026, 5, 1, 7, 30, tzinfo=dt.UTC)
DURING_FIRST_SLOT = dt.datetime(2026, 5, 1, 7, 10, tzinfo=dt.UTC)
BEFORE_CLOSING = dt.datetime(2026, 5, 15, 9, 59, tzinfo=dt.UTC)
AFTER_CLOSING = dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.UTC)

HELD, NO_SHOW = "held", "no_show"


@dataclass
class Day:
    day: object
    cohort: object
    cities: dict
    users: dict
    parts: dict


def _city(cohort, day, name, kind):
    make = MissionCityFactory if kind == CityKind.MISSION else CityFactory
    city = make(name=name, name_en=name)
    RegistrationFactory(cohort=cohort, city=city, kind=kind)
    user = UserFactory(email=f"{name.lower()}@example.org", name=f"Person of {name}")
    MembershipFactory(user=user, city=city)
    participation = ParticipationFactory(day=day, city=city, kind=kind)
    participation.attendees.set([user])
    return city, user, participation


def _publish(meeting, slot, table=1):
    Meeting.objects.filter(pk=meeting.pk).update(
        published=True, published_slot=slot, published_table=table, slot=slot, table=table
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def stage(frozen, db):
    """Torino and Évora meet in the first slot; the schedule is published."""
    cohort = CohortFactory()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        starts_at=NOW - dt.timedelta(days=5),
        ends_at=NOW + dt.timedelta(days=90),
    )
    day = matchmaking_day(cohort, slots=6)
    cities, users, parts = {}, {}, {}
    for name, kind in (
        ("Torino", CityKind.MISSION),
        ("Milano", CityKind.MISSION),
        ("Évora", CityKind.MISSION_MINDED),
        ("Oulu", CityKind.MISSION_MINDED),
        ("Kladno", CityKind.MISSION_MINDED),
    ):
        cities[name], users[name], parts[name] = _city(cohort, day, name, kind)
    day.published_at = NOW
    day.save()
    slots = list(day.slots.all())
    _publish(accepted_meeting(day, cities["Torino"], cities["Évora"]), slots[0])
    return Day(day, cohort, cities, users, parts)


def _meeting(stage, a, b):
    return Meeting.objects.get(
        day=stage.day, request__from_city=stage.cities[a], request__to_city=stage.cities[b]
    )


def _agenda_url(stage, name="Torino"):
    return reverse("portal:matchmaking_agenda", args=[stage.day.pk, stage.cities[name].pk])


def _text(response) -> str:
    return " ".join(response.content.decode().split())


# --- The city's agenda --------------------------------------------------------------------


def test_before_the_slot_ends_the_agenda_says_from_when_the_meeting_can_be_reported(
    client, stage, frozen
):
    frozen.move_to(DURING_FIRST_SLOT, tick=False)
    client.force_login(stage.users["Torino"])

    response = client.get(_agenda_url(stage))

    assert response.status_code == 200
    assert list(response.context["form"].fields) == []
    assert (
        "Your meeting with Évora: you can say whether it took place from "
        '<time datetime="2026-05-01T07:25:00+00:00">Friday 1 May 2026, 09:25 CEST</time>'
    ) in _text(response)
    assert 'type="radio"' not in response.content.decode()


def test_after_the_slot_the_city_says_the_meeting_took_place_and_can_change_it(
    client, stage, frozen
):
    meeting = _meeting(stage, "Torino", "Évora")
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)
    client.force_login(stage.users["Torino"])
    page = client.get(_agenda_url(stage))
    assert list(page.context["form"].fields) == [f"meeting_{meeting.pk}"]
    html = page.content.decode()
    assert "<legend>Your meeting with Évora, " in html
    assert f'<label for="id_meeting_{meeting.pk}_0"><input type="radio"' in html

    first = client.post(_agenda_url(stage), {f"meeting_{meeting.pk}": HELD})
    frozen.move_to(BEFORE_CLOSING, tick=False)
    client.force_login(stage.users["Torino"])  # a fortnight later, in a new session
    second = client.post(_agenda_url(stage), {f"meeting_{meeting.pk}": NO_SHOW})

    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == f"{_agenda_url(stage)}#report-heading"
    report = MeetingReport.objects.get(meeting=meeting)
    assert (report.city, report.outcome, report.reported_by, report.at) == (
        stage.cities["Torino"],
        NO_SHOW,
        stage.users["Torino"],
        BEFORE_CLOSING,
    )
    assert AuditEntry.objects.filter(action="matchmaking.meetings_reported").count() == 2
    again = client.get(_agenda_url(stage))
    assert again.context["form"][f"meeting_{meeting.pk}"].initial == NO_SHOW
    assert f'value="{NO_SHOW}" id="id_meeting_{meeting.pk}_1" checked' in _text(again)


def test_an_unknown_outcome_keeps_the_form_with_an_error(client, stage, frozen):
    meeting = _meeting(stage, "Torino", "Évora")
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)
    client.force_login(stage.users["Torino"])

    response = client.post(_agenda_url(stage), {f"meeting_{meeting.pk}": "maybe"})

    assert response.status_code == 400
    assert response.context["form"].errors[f"meeting_{meeting.pk}"] == [
        "Select a valid choice. maybe is not one of the available choices."
    ]
    assert not MeetingReport.objects.exists()


def test_a_representative_of_another_city_cannot_report_its_meetings(client, stage, frozen):
    meeting = _meeting(stage, "Torino", "Évora")
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)
    client.force_login(stage.users["Oulu"])

    page = client.get(_agenda_url(stage))
    post = client.post(_agenda_url(stage), {f"meeting_{meeting.pk}": NO_SHOW})

    assert (page.status_code, post.status_code) == (403, 403)
    assert not MeetingReport.objects.exists()


def test_a_city_cannot_report_a_meeting_it_is_not_in(stage, frozen):
    other = _publish(
        accepted_meeting(stage.day, stage.cities["Milano"], stage.cities["Oulu"]),
        stage.day.slots.first(),
        table=2,
    )
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)

    with pytest.raises(ValidationError) as refusal:
        report_meetings(stage.parts["Torino"], {other.pk: HELD}, by=stage.users["Torino"])

    assert refusal.value.messages == ["A city can report only its own meetings."]


def test_a_meeting_cannot_be_reported_before_its_slot_ends(stage, frozen):
    meeting = _meeting(stage, "Torino", "Évora")
    frozen.move_to(DURING_FIRST_SLOT, tick=False)

    with pytest.raises(ValidationError) as refusal:
        report_meetings(stage.parts["Torino"], {meeting.pk: HELD}, by=stage.users["Torino"])

    assert refusal.value.messages == ["A meeting can be reported once its slot has ended."]


def test_reports_close_fourteen_days_after_the_day(client, stage, frozen):
    meeting = _meeting(stage, "Torino", "Évora")
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)
    report_meetings(stage.parts["Torino"], {meeting.pk: HELD}, by=stage.users["Torino"])
    frozen.move_to(AFTER_CLOSING, tick=False)
    client.force_login(stage.users["Torino"])

    page = client.get(_agenda_url(stage))
    post = client.post(_agenda_url(stage), {f"meeting_{meeting.pk}": NO_SHOW})

    closed = "Reports on the meetings of Matchmaking Day closed 14 days after the day."
    assert closed in _text(page)
    assert "With Évora (" in _text(page) and "): It took place</li>" in _text(page)
    assert 'type="radio"' not in page.content.decode()
    assert post.status_code == 409
    assert closed in _text(post)
    assert MeetingReport.objects.get(meeting=meeting).outcome == HELD


# --- The post-day report ------------------------------------------------------------------


def _reported_day(stage, frozen):
    """Five meetings, each with another combination of reports, and the organisers' ticks."""
    slots = list(stage.day.slots.all())
    c = stage.cities
    plan = [
        ("Torino", "Oulu", slots[1]),
        ("Torino", "Kladno", slots[2]),
        ("Milano", "Évora", slots[1]),
        ("Milano", "Oulu", slots[2]),
    ]
    for a, b, slot in plan:
        _publish(accepted_meeting(stage.day, c[a], c[b]), slot, table=2)
    frozen.move_to(dt.datetime(2026, 5, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    said = {
        "Torino": {("Torino", "Évora"): HELD, ("Torino", "Oulu"): NO_SHOW},
        "Évora": {("Torino", "Évora"): HELD, ("Milano", "Évora"): HELD},
        "Torino2": {("Torino", "Kladno"): HELD},
        "Kladno": {("Torino", "Kladno"): NO_SHOW},
    }
    for who, outcomes in said.items():
        name = who.rstrip("2")
        report_meetings(
            stage.parts[name],
            {_meeting(stage, *pair).pk: outcome for pair, outcome in outcomes.items()},
            by=stage.users[name],
        )
    Meeting.objects.filter(pk=_meeting(stage, "Torino", "Évora").pk).update(attended=True)
    Meeting.objects.filter(pk=_meeting(stage, "Torino", "Oulu").pk).update(attended=False)
    stage.parts["Torino"].present.set([stage.users["Torino"]])


def test_the_report_counts_per_day_and_per_city(stage, frozen):
    _reported_day(stage, frozen)

    attendance = day_attendance(stage.day)

    assert attendance.totals == {
        "scheduled": 5,
        "held_both": 1,
        "held_one": 1,
        "no_show": 1,
        "differ": 1,
        "unreported": 1,
        "ticked_held": 1,
        "ticked_missed": 1,
    }
    rows = {
        row.city.name: [
            row.scheduled,
            row.held_both,
            row.held_one,
            row.absent,
            row.other_absent,
            row.unreported,
            row.ticked_held,
            row.ticked_missed,
            row.participation.present_count,
        ]
        for row in attendance.cities
    }
    assert rows == {
        "Kladno": [1, 0, 0, 0, 1, 0, 0, 0, 0],
        "Milano": [2, 0, 1, 0, 0, 2, 0, 0, 0],
        "Oulu": [2, 0, 0, 1, 0, 2, 0, 1, 0],
        "Torino": [3, 1, 0, 1, 1, 0, 1, 1, 1],
        "Évora": [2, 1, 1, 0, 0, 0, 1, 0, 0],
    }
    statuses = {
        (i.meeting.request.from_city.name, i.meeting.request.to_city.name): (
            i.status,
            [c.name for c in i.absent_cities],
        )
        for i in attendance.meetings
    }
    assert statuses == {
        ("Torino", "Évora"): ("held_both", []),
        ("Torino", "Oulu"): ("no_show", ["Oulu"]),
        ("Torino", "Kladno"): ("differ", ["Torino"]),
        ("Milano", "Évora"): ("held_one", []),
        ("Milano", "Oulu"): ("unreported", []),
    }


def test_the_report_page_shows_the_figures_beside_the_organisers_ticks(
    organiser_client, stage, frozen
):
    _reported_day(stage, frozen)
    day_page = organiser_client.get(reverse("orga:matchmaking_day", args=[stage.day.pk]))
    url = reverse("orga:matchmaking_report", args=[stage.day.pk])

    response = organiser_client.get(url)

    assert f'<a href="{url}">Post-day report</a>' in day_page.content.decode()
    text = _text(response)
    assert response.status_code == 200
    assert "<dt>A city did not come, says the other</dt><dd>1</dd>" in text
    assert "<dt>Ticked as missed by the programme team</dt><dd>1</dd>" in text
    assert (
        '<th scope="row">Torino</th> <td>3</td> <td>1</td> <td>0</td> <td>1</td> <td>1</td> '
        "<td>0</td> <td>1</td> <td>1 of 1</td>"
    ) in text
    assert (
        '<th scope="row">Torino – Oulu</th> <td>A city did not come, says the other</td> '
        "<td>Oulu</td> <td>missed</td>"
    ) in text
    assert "the cities can say which of their meetings took place" in text.lower()


def test_the_report_refuses_city_representatives(client, stage):
    client.force_login(stage.users["Torino"])

    response = client.get(reverse("orga:matchmaking_report", args=[stage.day.pk]))

    assert response.status_code == 403


def test_the_report_per_city_as_csv(organiser_client, stage, frozen):
    _reported_day(stage, frozen)

    response = organiser_client.get(
        reverse("orga:matchmaking_report_export", args=[stage.day.pk, "cities", "csv"])
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "City",
        "Taking part as",
        "Meetings in the schedule",
        "Took place, say both cities",
        "Took place, says one city",
        "Did not come, says the other city",
        "Says the other city did not come",
        "Not reported by this city",
        "Ticked as held by the programme team",
        "Ticked as missed by the programme team",
        "People registered",
        "People who came, ticked by the programme team",
    ]
    torino = next(row for row in rows if row[0] == "Torino")
    assert torino == ["Torino", "Mission city", "3", "1", "0", "1", "1", "0", "1", "1", "1", "1"]
    assert len(rows) == 6


def test_the_report_per_meeting_as_xlsx(organiser_client, stage, frozen):
    _reported_day(stage, frozen)

    response = organiser_client.get(
        reverse("orga:matchmaking_report_export", args=[stage.day.pk, "meetings", "xlsx"])
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][1:] == [
        "City",
        "What it said",
        "City",
        "What it said",
        "Together",
        "Did not come, says the other city",
        "Held, ticked by the programme team",
    ]
    assert rows[1:] == [
        [
            "2026-05-01T09:00",
            "Torino",
            "It took place",
            "Évora",
            "It took place",
            "Took place, say both cities",
            None,
            "yes",
        ],
        [
            "2026-05-01T09:30",
            "Torino",
            "The other city did not come",
            "Oulu",
            None,
            "A city did not come, says the other",
            "Oulu",
            "no",
        ],
        [
            "2026-05-01T09:30",
            "Milano",
            None,
            "Évora",
            "It took place",
            "Took place, says one city; the other has not said",
            None,
            None,
        ],
        [
            "2026-05-01T10:00",
            "Torino",
            "It took place",
            "Kladno",
            "The other city did not come",
            "The two cities' reports differ",
            "Torino",
            None,
        ],
        [
            "2026-05-01T10:00",
            "Milano",
            None,
            "Oulu",
            None,
            "Not reported by either city",
            None,
            None,
        ],
    ]


def test_an_unknown_report_list_is_not_found(organiser_client, stage):
    response = organiser_client.get(
        reverse("orga:matchmaking_report_export", args=[stage.day.pk, "people", "csv"])
    )

    assert response.status_code == 404


def test_the_report_queries_do_not_grow_with_the_day(organiser_client, stage, frozen):
    url = reverse("orga:matchmaking_report", args=[stage.day.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert organiser_client.get(url).status_code == 200
        return len(queries)

    small = count()
    _reported_day(stage, frozen)
    slots = list(stage.day.slots.all())
    for number in range(6):
        city, _user, _part = _city(
            stage.cohort, stage.day, f"Town {number}", CityKind.MISSION_MINDED
        )
        meeting = accepted_meeting(stage.day, stage.cities["Milano"], city)
        _publish(meeting, slots[number], table=3)

    assert count() == small


# --- The dashboard and the PDF report -----------------------------------------------------


def test_the_dashboard_counts_the_reports_per_day(stage, frozen):
    _reported_day(stage, frozen)

    table = figures.matchmaking_reports(stage.cohort)

    assert table.headers[1:] == [
        "Meetings in the published schedule",
        "Took place, say both cities",
        "Took place, says one city",
        "A city did not come, says the other",
        "Reports differ",
        "Not reported",
        "Held, ticked by the programme team",
    ]
    assert table.rows == [["Matchmaking Day", 5, 1, 1, 1, 1, 1, 1]]


def test_the_cohort_report_holds_the_reports_per_day(stage, frozen):
    from twinning.orga.views.dashboard import _context

    _reported_day(stage, frozen)
    context = _context(stage.cohort, with_map=False) | {"generated_at": timezone.now()}

    html = " ".join(render_to_string("orga/dashboard/report.html", context).split())

    assert "<caption>Meetings reported by the cities</caption>" in html
    assert (
        '<th scope="row">Matchmaking Day</th><td>5</td><td>1</td><td>1</td><td>1</td>'
        "<td>1</td><td>1</td><td>1</td>"
    ) in html.replace("> <", "><")
    assert "until 14 days after the day" in html


# --- The start page -----------------------------------------------------------------------


def _report_steps(user, at):
    return [
        (step.key, step.text, step.url)
        for step in agenda_for_representative(user, at=at).steps
        if step.key.startswith("meeting-reports:")
    ]


def test_the_start_page_asks_to_report_once_a_meeting_has_ended(stage, frozen):
    meeting = _meeting(stage, "Torino", "Évora")
    torino, user = stage.cities["Torino"], stage.users["Torino"]

    before = _report_steps(user, DURING_FIRST_SLOT)
    after = _report_steps(user, FIRST_SLOT_ENDED)
    frozen.move_to(FIRST_SLOT_ENDED, tick=False)
    report_meetings(stage.parts["Torino"], {meeting.pk: HELD}, by=user)
    reported = _report_steps(user, FIRST_SLOT_ENDED)

    assert before == []
    assert after == [
        (
            f"meeting-reports:{stage.day.pk}:{torino.pk}",
            "Say which meetings of Matchmaking Day took place: 1 meeting of Torino to report",
            f"{_agenda_url(stage)}#report-heading",
        )
    ]
    assert reported == []
    assert _report_steps(stage.users["Évora"], AFTER_CLOSING) == []
    assert len(_report_steps(stage.users["Évora"], BEFORE_CLOSING)) == 1
