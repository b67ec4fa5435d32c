import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.selection import (
    CityMemberFactory,
    InterestFactory,
    QuickUserFactory,
    rank,
    selection_cohort,
)
from twinning.common.runs import RunStatus
from twinning.programme.domain import confirm_twinning, propose_twinning, set_member_acceptance
from twinning.programme.enums import Acceptance, MemberRole
from twinning.selection.models import Preference, SelectionRun

pytestmark = pytest.mark.django_db


def _member_client(client, city):
    client.force_login(city.memberships.first().user)
    return client


def test_a_mission_city_member_saves_a_ranking(client):
    _cohort, mission, minded = selection_cohort()
    _member_client(client, mission[0])

    response = client.post(
        reverse("portal:preferences", args=[mission[0].pk]),
        {"city_1": minded[2].pk, "motivation_1": "Heat pumps", "city_2": minded[0].pk,
         "motivation_2": "Bikes"},
    )  # fmt: skip

    assert response.status_code == 302
    assert list(
        Preference.objects.order_by("rank").values_list("mission_minded_city_id", "motivation")
    ) == [(minded[2].pk, "Heat pumps"), (minded[0].pk, "Bikes")]


def test_the_ranking_form_offers_as_many_choices_as_the_cohort_sets(client):
    cohort, mission, _minded = selection_cohort()
    cohort.twins_ranked = 3
    cohort.save(update_fields=["twins_ranked"])
    _member_client(client, mission[0])

    response = client.get(reverse("portal:preferences", args=[mission[0].pk]))

    assert [rank for rank, _city, _motivation in response.context["form"].rows] == [1, 2, 3]
    assert "Rank up to 3 Mission-minded cities" in response.content.decode()


@pytest.mark.parametrize(
    ("ranked", "text"),
    [(1, "Rank up to 1 Mission-minded city of "), (2, "Rank up to 2 Mission-minded cities of ")],
)
def test_the_ranking_page_counts_the_choices_in_the_right_number(client, ranked, text):
    cohort, mission, _minded = selection_cohort()
    cohort.twins_ranked = ranked
    cohort.save(update_fields=["twins_ranked"])
    _member_client(client, mission[0])

    html = client.get(reverse("portal:preferences", args=[mission[0].pk])).content.decode()

    assert text in html


@pytest.mark.parametrize(
    ("capacity", "text"),
    [(1, "takes up to 1 Mission city."), (2, "takes up to 2 Mission cities.")],
)
def test_the_run_form_counts_the_twins_of_a_selected_city_in_the_right_number(
    client, organiser, capacity, text
):
    cohort, _mission, _minded = selection_cohort()
    cohort.twins_per_mission_minded = capacity
    cohort.save(update_fields=["twins_per_mission_minded"])
    client.force_login(organiser)

    html = client.get(reverse("orga:selection_run_new")).content.decode()

    assert f"each selected Mission-minded city {text}" in html


def test_a_choice_without_motivation_is_shown_next_to_the_field_and_nothing_is_lost(client):
    _cohort, mission, minded = selection_cohort()
    _member_client(client, mission[0])

    response = client.post(
        reverse("portal:preferences", args=[mission[0].pk]),
        {"city_1": minded[1].pk, "motivation_1": "", "city_2": minded[0].pk,
         "motivation_2": "Bikes"},
    )  # fmt: skip

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"motivation_1": ["Say in a sentence why this city."]}
    assert form["motivation_2"].value() == "Bikes"
    assert Preference.objects.count() == 0


def test_the_ranking_is_locked_once_the_window_has_closed(client):
    cohort, mission, minded = selection_cohort(open_=False)
    rank(cohort, mission[0], [minded[0]])
    _member_client(client, mission[0])
    url = reverse("portal:preferences", args=[mission[0].pk])

    page = client.get(url)
    refused = client.post(url, {"city_1": minded[1].pk, "motivation_1": "x"})

    assert page.status_code == 200
    assert page.context["form"] is None
    assert page.context["refusal"].startswith("Ranking of preferred twins closed on")
    assert refused.status_code == 409
    assert list(Preference.objects.values_list("mission_minded_city_id", flat=True)) == [
        minded[0].pk
    ]


def test_only_the_citys_members_rank_its_twins(client):
    _cohort, mission, _minded = selection_cohort()
    client.force_login(QuickUserFactory())

    response = client.get(reverse("portal:preferences", args=[mission[0].pk]))

    assert response.status_code == 403


def test_a_mission_minded_city_cannot_rank_twins(client):
    _cohort, _mission, minded = selection_cohort()
    _member_client(client, minded[0])

    response = client.get(reverse("portal:preferences", args=[minded[0].pk]))

    assert response.status_code == 403


def test_a_choice_moves_up(client):
    cohort, mission, minded = selection_cohort()
    preferences = rank(cohort, mission[0], minded[:2])
    _member_client(client, mission[0])

    response = client.post(reverse("portal:preference_move", args=[preferences[1].pk, "up"]))

    assert response.status_code == 302
    assert list(
        Preference.objects.order_by("rank").values_list("mission_minded_city_id", flat=True)
    ) == [minded[1].pk, minded[0].pk]


def test_a_mission_minded_city_states_its_interests(client):
    _cohort, mission, minded = selection_cohort()
    _member_client(client, minded[0])

    response = client.post(
        reverse("portal:interests", args=[minded[0].pk]), {"cities": [mission[1].pk]}
    )

    assert response.status_code == 302
    assert [i.mission_city for i in minded[0].interests_given.all()] == [mission[1]]


def test_a_city_member_declines_with_a_reason(client, organiser):
    cohort, mission, minded = selection_cohort()
    twinning = confirm_twinning(
        propose_twinning(cohort, minded[0], [(mission[0], 1, "")], by=organiser), by=organiser
    )
    member = twinning.members.get(role=MemberRole.MISSION)
    _member_client(client, mission[0])
    url = reverse("portal:twinning_answer", args=[member.pk])

    missing = client.post(url, {"answer": "decline", "reason": ""})
    done = client.post(url, {"answer": "decline", "reason": "Elections"})

    assert missing.status_code == 400
    assert missing.context["form"].errors == {
        "reason": ["Say why the city declines, so the programme team can help."]
    }
    assert done.status_code == 302
    member.refresh_from_db()
    assert (member.acceptance, member.decline_reason) == (Acceptance.DECLINED, "Elections")


def test_another_citys_member_cannot_answer(client, organiser):
    cohort, mission, minded = selection_cohort()
    twinning = propose_twinning(cohort, minded[0], [(mission[0], 1, "")], by=organiser)
    member = twinning.members.get(role=MemberRole.MISSION)
    _member_client(client, mission[1])

    response = client.post(
        reverse("portal:twinning_answer", args=[member.pk]), {"answer": "accept"}
    )

    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["orga:selection_runs", "orga:selection_run_new", "orga:twinnings",
             "orga:selection_preferences"],
)  # fmt: skip
def test_selection_pages_are_for_organisers_only(client, name):
    selection_cohort()
    client.force_login(CityMemberFactory().user)

    response = client.get(reverse(name))

    assert response.status_code == 403


def test_an_organiser_starts_a_run_with_a_pin_and_sees_the_result(
    client, organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0], minded[1]])
    rank(cohort, mission[1], [minded[0]])
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orga:selection_run_new"),
            {"cap": 3, "allow_same_country": "on", "pinned": [f"{mission[0].pk}-{minded[0].pk}"]},
        )

    run = SelectionRun.objects.get()
    assert response.status_code == 302
    assert run.status == RunStatus.DONE
    assert run.options["pinned"] == [[mission[0].pk, minded[0].pk]]
    detail = client.get(reverse("orga:selection_run", args=[run.pk]))
    assert detail.status_code == 200
    report = detail.context["report"]
    assert (report.matched, report.seekers) == (1, 2)
    assert [u["name"] for u in report.unmatched] == [mission[1].display_name]


def test_a_pair_pinned_and_forbidden_is_shown_next_to_the_field(client, organiser):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    client.force_login(organiser)
    pair = f"{mission[0].pk}-{minded[0].pk}"

    response = client.post(
        reverse("orga:selection_run_new"), {"cap": 3, "pinned": [pair], "forbidden": [pair]}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "forbidden": ["A pair cannot be both pinned and forbidden."]
    }
    assert SelectionRun.objects.count() == 0


def test_two_runs_compared_show_who_gains_and_who_loses(
    client, organiser, django_capture_on_commit_callbacks
):
    from twinning.selection.domain.runs import start_selection_run

    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    rank(cohort, mission[1], [minded[1]])
    with django_capture_on_commit_callbacks(execute=True):
        one = start_selection_run(cohort, options={"cap": 1}, by=organiser, note="cap 1")
        two = start_selection_run(cohort, options={"cap": 2}, by=organiser, note="cap 2")
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_compare"), {"a": one.pk, "b": two.pk})

    assert response.status_code == 200
    assert sorted(row.change for row in response.context["rows"]) == ["gains a twin", "same"]


def _accepted_twinning(cohort, minded, mission, by):
    twinning = confirm_twinning(propose_twinning(cohort, minded, [(mission, 1, "")], by=by), by=by)
    for member in twinning.members.all():
        set_member_acceptance(member, True, by=by)
    return twinning


@pytest.mark.parametrize("size", [1, 4])
def test_list_pages_make_the_same_number_of_queries_at_any_size(client, organiser, size):
    from twinning.programme.domain import publish_twinnings
    from twinning.selection.domain.runs import start_selection_run

    cohort, mission, minded = selection_cohort(missions=size, minded=size)
    for city, other in zip(mission, minded, strict=True):
        rank(cohort, city, [other])
        InterestFactory(cohort=cohort, mission_minded_city=other, mission_city=city)
        _accepted_twinning(cohort, other, city, organiser)
    for cap in range(size):
        start_selection_run(cohort, options={"cap": cap}, by=organiser)
    publish_twinnings(cohort, by=organiser)
    client.force_login(organiser)
    # With the organisers' menu and its counters (14 queries on every page of their area)
    # and, on every page, the header's question whether the person represents a city.
    expected = {
        reverse("orga:selection_runs"): 7 + 14,
        reverse("orga:selection_preferences"): 8 + 14,
        reverse("orga:twinnings"): 10 + 14,
        reverse("public:twinnings"): 8 + 1,
    }

    counts = {}
    for url in expected:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)

    assert counts == expected


def test_comparing_with_a_run_that_does_not_exist_is_not_found(client, organiser):
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_compare"), {"a": "x", "b": "2"})

    assert response.status_code == 404


@pytest.mark.parametrize("size", [1, 4])
def test_a_representatives_overview_makes_the_same_number_of_queries_at_any_size(
    client, organiser, size
):
    cohort, mission, minded = selection_cohort(missions=size, minded=size)
    person = QuickUserFactory()
    for city, other in zip(mission, minded, strict=True):
        CityMemberFactory(city=city, user=person)
        confirm_twinning(
            propose_twinning(cohort, other, [(city, 1, "")], by=organiser), by=organiser
        )
    client.force_login(person)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:selection"))

    assert response.status_code == 200
    assert len(response.context["answers"]) == size
    assert len(queries) == 8 + 16  # and the portal's menu with its counters


def test_a_new_run_pins_the_twinnings_held_and_forbids_the_declined_pairs(client, organiser):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    rank(cohort, mission[1], [minded[1]])
    held = confirm_twinning(
        propose_twinning(cohort, minded[0], [(mission[0], 1, "")], by=organiser), by=organiser
    )
    refused = confirm_twinning(
        propose_twinning(cohort, minded[1], [(mission[1], 1, "")], by=organiser), by=organiser
    )
    set_member_acceptance(
        refused.members.get(role=MemberRole.MISSION), False, by=organiser, reason="No staff"
    )
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_run_new"))

    form = response.context["form"]
    assert held.state == "confirmed"
    assert form["pinned"].value() == [f"{mission[0].pk}-{minded[0].pk}"]
    assert form["forbidden"].value() == [f"{mission[1].pk}-{minded[1].pk}"]


def test_an_organiser_withdraws_a_twinning_and_a_second_click_changes_nothing(client, organiser):
    cohort, mission, minded = selection_cohort()
    twinning = propose_twinning(cohort, minded[0], [(mission[0], 1, "")], by=organiser)
    client.force_login(organiser)
    url = reverse("orga:twinning_withdraw", args=[twinning.pk])

    first = client.post(url, {"reason": "The city merged with another."})
    second = client.post(url, {"reason": "again"})

    twinning.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 302)
    assert twinning.state == "withdrawn"
    assert [str(m) for m in second.wsgi_request._messages] == [
        "The twinning is withdrawn; its cities are told.",
        "A twinning that is withdrawn cannot become withdrawn.",
    ]


def test_a_twinning_not_yet_confirmed_says_when_it_can_be_answered(client, organiser):
    cohort, mission, minded = selection_cohort()
    twinning = propose_twinning(cohort, minded[0], [(mission[0], 1, "")], by=organiser)
    member = twinning.members.get(role=MemberRole.MISSION)
    _member_client(client, mission[0])
    url = reverse("portal:twinning_answer", args=[member.pk])

    page = client.get(url).content.decode()
    posted = client.post(url, {"answer": "accept"})

    assert "Send the answer" not in page
    assert (
        "The programme team has not confirmed this twinning yet: the city answers once it is "
        "confirmed, and is told by e-mail."
    ) in page
    assert posted.status_code == 400
    member.refresh_from_db()
    assert member.acceptance == Acceptance.PENDING
