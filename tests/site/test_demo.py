import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.site.crawl import loaded_demo
from twinning.accounts.models import User
from twinning.cities.enums import CityKind
from twinning.cities.models import City, Invitation, Membership, Registration
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.cohorts.models import Cohort, Milestone, Webinar
from twinning.mail.models import OutgoingMail
from twinning.matchmaking.domain.days import booking_refusal
from twinning.matchmaking.domain.queries import agenda, day_attendance
from twinning.matchmaking.domain.requests import request_refusal
from twinning.matchmaking.models import (
    DayParticipation,
    MatchmakingDay,
    Meeting,
    MeetingReport,
    MeetingRequest,
    ScheduleRun,
)
from twinning.nextsteps.domain.nudges import send_nudges
from twinning.orga import figures
from twinning.outreach.models import WebinarRegistration
from twinning.practices.models import Practice
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.domain.preferences import preferences_refusal
from twinning.selection.models import Interest, Preference, SelectionRun
from twinning.site.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-data")]

DEMO_EMAILS = [
    "facilitator@demo.twinning.eu",
    "mission-city@demo.twinning.eu",
    "mission-minded@demo.twinning.eu",
    "organiser@demo.twinning.eu",
]
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _on_the_demo_day(time_machine):
    """The demo is checked as it stands on TODAY, whatever the machine's date."""
    time_machine.move_to(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded on TODAY once for the module; each test's changes are rolled back."""
    with loaded_demo(django_db_blocker, at=dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)):
        yield


def _counts():
    models = [City, Registration, User, Membership, Cohort, Milestone, Practice, Preference]
    models += [Interest, SelectionRun, Twinning, TwinningMember, MatchmakingDay]
    models += [DayParticipation, MeetingRequest, Meeting, ScheduleRun, MeetingReport]
    return {model.__name__: model.objects.count() for model in models}


def _snapshot():
    return {
        "counts": _counts(),
        "milestones": list(Milestone.objects.order_by("pk").values_list("pk", "starts_at")),
        "requests": list(MeetingRequest.objects.order_by("pk").values_list("pk", "state")),
        "twinnings": list(Twinning.objects.order_by("pk").values_list("pk", "state")),
        "passwords": list(User.objects.order_by("pk").values_list("password", flat=True)),
    }


def test_load_demo_creates_cohort_5_with_its_milestones(capsys):
    call_command("load_demo")

    cohort = Cohort.objects.get(number=5)
    assert cohort.name == "Cohort 5, 2026-2027"
    assert cohort.selection_cap == 10
    assert [m.kind for m in cohort.milestones.all()] == [
        "mission_minded_registration",
        "mission_registration",
        "matchmaking",
        "selection",
        "programme",
    ]
    output = capsys.readouterr().out
    for email in DEMO_EMAILS:
        assert email in output
    assert f"password for all: {DEMO_PASSWORD}" in output


def test_load_demo_accounts_sign_in_with_the_demo_password(demo, client):
    accounts = User.objects.filter(email__endswith="@demo.twinning.eu")
    assert sorted(accounts.values_list("email", flat=True)) == DEMO_EMAILS
    for email in DEMO_EMAILS:
        assert client.login(email=email, password=DEMO_PASSWORD) is True
    assert User.objects.get(email="organiser@demo.twinning.eu").is_organiser is True
    assert Membership.objects.get(user__email="mission-city@demo.twinning.eu").city.name == (
        "Torino"
    )


def test_load_demo_has_real_cities_with_accents(demo):
    names = set(City.objects.values_list("name", flat=True))
    assert {"Sønderborg", "Pécs", "Košice", "İzmir", "Évora", "Brașov", "Võru"} <= names


def test_load_demo_has_a_cohort_at_each_stage_around_the_day_it_is_loaded(demo):
    moment = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    stages = {
        c.number: (c.name, [m.kind for m in cohort_calendar(c, at=moment).open_now])
        for c in Cohort.objects.all()
    }
    assert stages == {
        1: ("Cohort 1", []),
        2: ("Cohort 2", []),
        3: ("Cohort 3", []),
        4: ("Cohort 4", []),
        5: ("Cohort 5, 2026-2027", ["programme"]),
        6: ("Cohort 6, 2027-2028 (demo: selection)", ["selection"]),
        7: ("Cohort 7, 2027-2028 (demo: Matchmaking Days)", ["matchmaking", "preferences"]),
    }
    # The public page presents the cohort whose Matchmaking Days and ranking are open.
    assert current_cohort().number == 7
    demo_cities = {"Torino", "Évora"}
    for number in (5, 6, 7):
        assert demo_cities <= set(
            Registration.objects.filter(cohort__number=number, state="accepted").values_list(
                "city__name", flat=True
            )
        )


def test_load_demo_cohort_in_matchmaking_has_an_open_and_a_published_day(demo):
    days = MatchmakingDay.objects.filter(cohort__number=7).order_by("-created")
    assert [(d.name, d.participations.count(), d.published_at is not None) for d in days] == [
        ("Online Matchmaking Day", 15, False),
        ("Matchmaking Day in Bologna", 8, True),
    ]
    open_day, published_day = days
    moment = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    assert (request_refusal(open_day, at=moment), booking_refusal(open_day, at=moment)) == (
        None,
        None,
    )
    assert request_refusal(published_day, at=moment) == (
        "Meeting requests for Matchmaking Day in Bologna closed."
    )
    states = {}
    for state in open_day.requests.values_list("state", flat=True):
        states[state] = states.get(state, 0) + 1
    assert states == {"accepted": 9, "pending": 4, "declined": 2}
    assert list(open_day.runs.values_list("status", flat=True)) == ["done"]
    assert open_day.meetings.filter(slot__isnull=False, published=False).count() == 9
    assert not open_day.participations.filter(city__name="Torino").exists()
    for city, other in (("Torino", "Évora"), ("Évora", "Torino")):
        participation = published_day.participations.get(city__name=city)
        met = {m.request.from_city.name for m in agenda(participation)} | {
            m.request.to_city.name for m in agenda(participation)
        }
        assert other in met
        assert participation.attendees.count() == 1


def test_load_demo_past_day_has_the_cities_reports_and_one_no_show(demo):
    day = MatchmakingDay.objects.get(cohort__number=5)

    attendance = day_attendance(day)

    scheduled = attendance.totals["scheduled"]
    assert scheduled > 3
    assert attendance.totals == {
        "scheduled": scheduled,
        "held_both": scheduled - 2,
        "held_one": 1,
        "no_show": 1,
        "differ": 0,
        "unreported": 0,
        "ticked_held": scheduled - 1,
        "ticked_missed": 1,
    }
    torino = next(row for row in attendance.cities if row.city.name == "Torino")
    assert (torino.unreported, torino.held_one) == (1, 1)


def test_load_demo_cohort_in_matchmaking_waits_for_torinos_ranking(demo):
    cohort = Cohort.objects.get(number=7)
    torino = City.objects.get(name="Torino")
    ranked = sorted(
        set(Preference.objects.filter(cohort=cohort).values_list("mission_city__name", flat=True))
    )
    assert ranked == ["Aarhus", "Bologna", "Leuven", "Lyon"]
    assert preferences_refusal(cohort, torino) is None
    assert SelectionRun.objects.filter(cohort=cohort).count() == 0
    assert Practice.objects.filter(registration__cohort=cohort).count() == 8


def test_load_demo_cohort_at_selection_has_runs_to_compare_and_answers_to_give(demo):
    cohort = Cohort.objects.get(number=6)
    runs = SelectionRun.objects.filter(cohort=cohort).order_by("pk")
    assert [(r.note, r.status, r.confirmed_at is not None) for r in runs] == [
        ("The cohort's rules", "done", False),
        ("At most one Mission-minded city per country", "done", False),
        ("Torino with Évora", "done", True),
    ]
    assert preferences_refusal(cohort, City.objects.get(name="Torino")) is not None
    twinnings = Twinning.objects.filter(cohort=cohort)
    assert sorted(twinnings.values_list("state", flat=True)) == [
        "accepted",
        "confirmed",
        "confirmed",
        "confirmed",
        "confirmed",
    ]
    assert twinnings.filter(published_at__isnull=False).count() == 0
    demo = TwinningMember.objects.filter(
        twinning__cohort=cohort, city__name__in=["Torino", "Évora"]
    )
    assert sorted(demo.values_list("city__name", "acceptance")) == [
        ("Torino", "pending"),
        ("Évora", "pending"),
    ]
    assert demo[0].twinning_id == demo[1].twinning_id


def test_load_demo_twice_changes_nothing(demo):
    before = _snapshot()

    load_demo(today=TODAY)

    assert _snapshot() == before


def test_load_demo_on_a_later_day_sets_the_stage_cohorts_around_that_day(demo):
    before = _counts()

    load_demo(today=TODAY + dt.timedelta(days=3))

    assert _counts() == before
    opens = Milestone.objects.get(cohort__number=7, kind="matchmaking").starts_at
    assert opens == dt.datetime(2026, 11, 18, 8, tzinfo=dt.UTC)
    cohort5 = Milestone.objects.get(cohort__number=5, kind="matchmaking").starts_at
    assert cohort5 == dt.datetime(2026, 4, 1, 7, tzinfo=dt.UTC)


def test_load_demo_screens_of_each_stage_open_for_the_demo_accounts(demo, client):
    torino = City.objects.get(name="Torino")
    answer = TwinningMember.objects.get(twinning__cohort__number=6, city__name="Évora")
    open_day = MatchmakingDay.objects.get(cohort__number=7, name="Online Matchmaking Day")
    day_page = reverse("portal:matchmaking_city", args=[open_day.pk, torino.pk])
    pages = [
        ("mission-city@demo.twinning.eu", reverse("portal:preferences", args=[torino.pk])),
        ("mission-city@demo.twinning.eu", day_page),
        ("mission-minded@demo.twinning.eu", reverse("portal:twinning_answer", args=[answer.pk])),
        ("organiser@demo.twinning.eu", reverse("orga:selection_runs") + "?cohort=cohort-6"),
        ("organiser@demo.twinning.eu", reverse("orga:matchmaking_day", args=[open_day.pk])),
    ]  # fmt: skip
    statuses = []
    for email, url in pages:
        client.force_login(User.objects.get(email=email))
        statuses.append(client.get(url).status_code)

    assert statuses == [200, 200, 200, 200, 200]


def test_public_twinnings_of_the_demo_present_the_current_cohort_and_keep_cohort_5(demo, client):
    current = client.get(reverse("public:twinnings"))
    earlier = client.get(reverse("public:twinnings"), {"cohort": "cohort-5"})
    unknown = client.get(reverse("public:twinnings"), {"cohort": "cohort-99"})

    assert (current.context["cohort"].number, len(current.context["twinnings"])) == (7, 0)
    assert (earlier.context["cohort"].number, len(earlier.context["twinnings"])) == (5, 4)
    assert unknown.context["cohort"].number == 7
    assert [c.number for c in earlier.context["cohorts"]] == [7, 6, 5, 4, 3, 2, 1]


def test_portal_home_of_the_demo_mission_city_shows_what_is_open_in_each_of_its_cohorts(
    demo, client
):
    client.force_login(User.objects.get(email="mission-city@demo.twinning.eu"))

    response = client.get(reverse("portal:home"))

    assert response.context["cohort"].number == 7
    assert [m.kind for m in response.context["open_windows"]] == ["matchmaking", "preferences"]
    assert [
        (other.number, [m.kind for m in windows])
        for other, windows in response.context["other_open"]
    ] == [(6, ["selection"])]


def test_load_demo_plan_shows_what_a_former_member_wrote(demo, client):
    twinning = Twinning.objects.get(
        cohort__number=5, members__city__name="Torino", plan__isnull=False
    )
    funding = twinning.plan.sections.get(kind="funding")
    client.force_login(User.objects.get(email="facilitator@demo.twinning.eu"))

    response = client.get(reverse("portal:plan", args=[twinning.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert (page.count("a former member"), page.count("Giulia")) == (2, 0)
    assert (funding.version, funding.updated_by.email) == (
        1,
        f"removed-{funding.updated_by.pk}@invalid",
    )
    assert funding.updated_by.anonymised_at is not None


def test_a_visitor_of_the_demo_can_take_a_seat_at_a_coming_webinar(demo, client):
    programme = client.get(reverse("public:home"))
    coming = Webinar.objects.get(cohort__number=7)

    response = client.post(
        reverse("public:webinar_register", args=[coming.pk]),
        {
            "name": "Visitor",
            "email": "visitor@example.org",
            "organisation": "Town hall",
            "city": "Pécs",
            "country": "HU",
            "role": "civil_servant",
            "consent": "on",
        },
    )

    assert reverse("public:webinar_register", args=[coming.pk]) in programme.content.decode()
    assert coming.starts_at.date() == TODAY + dt.timedelta(days=12)
    assert response.status_code == 302
    assert WebinarRegistration.objects.filter(webinar=coming, email="visitor@example.org").exists()


def test_demo_funnels_narrow_at_every_stage(demo):
    for cohort in Cohort.objects.order_by("number"):
        for funnel in figures.funnel(cohort):
            announced = [stage.announced for stage in funnel.stages]
            active = [stage.active for stage in funnel.stages]

            assert announced == sorted(announced, reverse=True), (cohort.number, funnel.kind)
            assert active == sorted(active, reverse=True), (cohort.number, funnel.kind)


def test_demo_mission_minded_cities_registered_through_their_invitations(demo):
    for number in (5, 6, 7):
        cohort = Cohort.objects.get(number=number)
        minded = Registration.objects.filter(cohort=cohort, kind=CityKind.MISSION_MINDED)
        invited = Invitation.objects.filter(cohort=cohort)
        funnel = figures.funnel(cohort)[0]

        assert set(
            invited.filter(registration__isnull=False).values_list("registration", flat=True)
        ) == set(minded.values_list("pk", flat=True))
        assert funnel.uninvited == 0
        assert funnel.stage("invited").announced == invited.values("city").distinct().count()
    assert [
        figures.funnel(Cohort.objects.get(number=number))[0].stage("invited").announced
        for number in (5, 6, 7)
    ] == [18, 10, 11]


def test_demo_registrations_come_in_over_every_week_of_their_windows(demo):
    cohort = Cohort.objects.get(number=5)

    weeks = figures.registrations_by_week(cohort)

    assert (weeks.rows[0][0], weeks.rows[-1][0]) == (dt.date(2025, 12, 1), dt.date(2026, 3, 30))
    assert len(weeks.rows) == 18
    assert sum(weeks.column(3)) == Registration.objects.filter(cohort=cohort).count()
    assert sum(1 for total in weeks.column(3) if total) >= 12


def test_a_nudge_sweep_after_loading_the_demo_reminds_torino_to_rank(demo):
    send_nudges()
    again = send_nudges()

    (mail,) = OutgoingMail.objects.filter(template="nudge", to=["mission-city@demo.twinning.eu"])
    assert "Rank the Mission-minded cities Torino (Turin) would like to twin with" in mail.body
    assert again == 0


def test_load_demo_torino_and_evora_write_before_and_during_their_twinning(demo):
    from twinning.conversations.domain.queries import conversations_of
    from twinning.conversations.models import Message

    evora = User.objects.get(email="mission-minded@demo.twinning.eu")
    conversations = conversations_of(evora)
    kinds = sorted((c.twinning_id is not None, c.unread) for c in conversations)
    assert kinds == [(False, 0), (True, 1)]
    facilitator = User.objects.get(email="facilitator@demo.twinning.eu")
    assert Message.objects.filter(author=facilitator).count() == 1
    count = Message.objects.count()

    load_demo(today=TODAY)

    assert Message.objects.count() == count


def test_the_demo_programme_page_has_why_join_partners_and_the_first_year(demo, client):
    response = client.get(reverse("public:home"))

    page = response.content.decode()
    partners = list(Cohort.objects.get(number=7).partners.order_by("position"))
    assert [p.name for p in partners] == ["NetZeroCities", "EU Cities Mission", "POCITYF"]
    assert "Why join" in page
    assert "cities supported since 2023" in page
    for partner in partners:
        logo = client.get(reverse("public:partner_logo", args=[partner.pk]))
        assert (logo.status_code, logo["Content-Type"]) == (200, "image/svg+xml")
        assert reverse("public:partner_logo", args=[partner.pk]) in page
