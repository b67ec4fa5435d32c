import datetime as dt
import re
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, MembershipFactory, MilestoneFactory, UserFactory
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
ROME = zoneinfo.ZoneInfo("Europe/Rome")
OPENS = dt.datetime(2026, 2, 2, 9, 0, tzinfo=ROME)
CLOSES = dt.datetime(2026, 3, 31, 17, 0, tzinfo=ROME)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def window():
    return MilestoneFactory(
        cohort=CohortFactory(name="Cohort 5, 2026-2027", time_zone="Europe/Rome"),
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=OPENS,
        ends_at=CLOSES,
        time_zone="Europe/Rome",
    )


def _cohort_form(**changes) -> dict:
    data = {
        "number": "6",
        "name": "Cohort 6, 2027-2028",
        "slug": "cohort-6",
        "is_published": "",
        "time_zone": "Europe/Brussels",
        "introduction": "Cities learn from cities.",
        "whats_new": "",
        "selection_cap": "12",
        "twins_ranked": "5",
        "twins_per_mission_minded": "2",
        "registration_without_invitation": "",
        "answer_days": "14",
        "programme_months": "12",
        "joint_output_name": "Action Plan",
        "visits_per_twinning": "2",
        "visit_budget_per_representative": "900.00",
        "representatives_covered": "2",
    }
    return {**data, **changes}


def _window_form(**changes) -> dict:
    data = {
        "kind": MilestoneKind.MISSION_REGISTRATION,
        "title": "",
        "description": "",
        "starts_at": "2026-02-02T09:00",
        "ends_at": "2026-03-31T17:00",
        "time_zone": "Europe/Rome",
    }
    return {**data, **changes}


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_cohort_list_marks_the_current_cohort(organiser_client):
    CohortFactory(number=4, name="Cohort 4")
    CohortFactory(number=5, name="Cohort 5")
    CohortFactory(number=6, name="Cohort 6", is_published=False)

    response = organiser_client.get(reverse("orga:cohorts"))

    assert response.status_code == 200
    rows = [(c.name, c.is_current, c.is_published) for c in response.context["cohorts"]]
    assert rows == [
        ("Cohort 6", False, False),
        ("Cohort 5", True, True),
        ("Cohort 4", False, True),
    ]
    assert "Current: on the public page" in response.text


@pytest.mark.parametrize("cohorts", [2, 8])
def test_cohort_list_queries_do_not_grow_with_the_cohorts(
    organiser_client, django_assert_max_num_queries, cohorts
):
    for _ in range(cohorts):
        MilestoneFactory(cohort=CohortFactory())

    with django_assert_max_num_queries(25):
        organiser_client.get(reverse("orga:cohorts"))


def test_open_a_cohort_saves_it_and_logs_it(organiser_client, organiser):
    response = organiser_client.post(reverse("orga:cohort_new"), _cohort_form(answer_days="10"))

    cohort = Cohort.objects.get(number=6)
    assert response.status_code == 302
    assert response["Location"] == reverse("orga:cohort", args=[cohort.pk])
    assert (
        cohort.name,
        cohort.twins_per_mission_minded,
        cohort.joint_output_name,
        cohort.answer_days,
    ) == ("Cohort 6, 2027-2028", 2, "Action Plan", 10)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == (
        "cohort.created",
        organiser,
        str(cohort.pk),
    )


def test_open_a_cohort_with_a_number_taken_keeps_what_was_typed(organiser_client):
    CohortFactory(number=6)

    response = organiser_client.post(
        reverse("orga:cohort_new"), _cohort_form(introduction="Kept as typed.")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["number"] == ["Another cohort has this number."]
    assert "Kept as typed." in response.text
    assert _actions() == []


def test_change_the_settings_logs_the_fields_changed(organiser_client, window):
    cohort = window.cohort
    form = _cohort_form(number=str(cohort.number), slug=cohort.slug, name=cohort.name)
    form.update(is_published="on", time_zone="Europe/Rome", selection_cap="10")
    form.update(joint_output_name="Replication Plan", twins_per_mission_minded="1")

    response = organiser_client.post(reverse("orga:cohort_edit", args=[cohort.pk]), form)

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.introduction == "Cities learn from cities."
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.data["fields"]) == ("cohort.changed", ["introduction"])


def test_organisers_give_the_public_texts_in_other_languages(organiser_client, window):
    cohort = window.cohort
    form = _cohort_form(number=str(cohort.number), slug=cohort.slug, name=cohort.name)
    form.update(is_published="on", time_zone="Europe/Rome", selection_cap="10")
    form.update(joint_output_name="Replication Plan", twins_per_mission_minded="1")
    form.update(why_join="Learn from a city that did it.")
    form.update(why_join_fr="Apprenez avec une ville qui a réussi.", introduction_pl="Miasta uczą.")

    response = organiser_client.post(reverse("orga:cohort_edit", args=[cohort.pk]), form)

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.why_join == "Learn from a city that did it."
    assert cohort.translations == {
        "fr": {"why_join": "Apprenez avec une ville qui a réussi."},
        "pl": {"introduction": "Miasta uczą."},
    }
    entry = AuditEntry.objects.get()
    assert entry.data["fields"] == ["introduction", "introduction_pl", "why_join", "why_join_fr"]


def test_the_settings_form_shows_each_languages_texts_and_clearing_one_removes_it(
    organiser_client, window
):
    cohort = window.cohort
    cohort.translations = {"de": {"whats_new": "Neu: Matchmaking in Turin."}}
    cohort.save()
    url = reverse("orga:cohort_edit", args=[cohort.pk])

    page = organiser_client.get(url)
    form = _cohort_form(number=str(cohort.number), slug=cohort.slug, name=cohort.name)
    organiser_client.post(url, {**form, "whats_new_de": ""})

    textarea = r'<textarea name="whats_new_de"[^>]* lang="de"[^>]*>\s*Neu: Matchmaking in Turin.<'
    assert re.search(textarea, page.text)
    assert re.findall(
        r"<details class=\"translations\"( open)?>\s*<summary>(\w+)</summary>", page.text
    ) == [
        ("", "French"),
        (" open", "German"),
        ("", "Italian"),
        ("", "Spanish"),
        ("", "Polish"),
    ]
    cohort.refresh_from_db()
    assert cohort.translations == {}


def test_a_refused_settings_form_keeps_the_texts_typed_in_each_language(organiser_client):
    CohortFactory(number=6)

    response = organiser_client.post(
        reverse("orga:cohort_new"),
        _cohort_form(why_join_it="Imparate da una città.", whats_new_es="Novedades."),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["number"] == ["Another cohort has this number."]
    assert "Imparate da una città.</textarea>" in response.text
    assert "Novedades.</textarea>" in response.text
    assert Cohort.objects.count() == 1


def test_a_translation_longer_than_the_english_field_allows_is_refused(organiser_client, window):
    response = organiser_client.post(
        reverse("orga:milestone_edit", args=[window.cohort.pk, window.pk]),
        _window_form(title_fr="T" * 201, description_fr="Gardé tel quel."),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["title_fr"] == [
        "Ensure this value has at most 200 characters (it has 201)."
    ]
    assert "Gardé tel quel.</textarea>" in response.text
    window.refresh_from_db()
    assert window.translations == {}


def test_organisers_give_a_windows_title_and_description_in_other_languages(
    organiser_client, organiser, window
):
    response = organiser_client.post(
        reverse("orga:milestone_edit", args=[window.cohort.pk, window.pk]),
        _window_form(
            title_it="Iscrizione delle città della Missione", description_it="Entro marzo."
        ),
    )

    assert response.status_code == 302
    window.refresh_from_db()
    assert window.translations == {
        "it": {"title": "Iscrizione delle città della Missione", "description": "Entro marzo."}
    }
    changed = AuditEntry.objects.get(action="milestone.changed")
    assert (changed.actor, changed.data["fields"], changed.data["description_it"]) == (
        organiser,
        ["description_it", "title_it"],
        "Entro marzo.",
    )


def test_cohort_page_says_in_which_languages_the_texts_are_given(organiser_client, window):
    cohort = window.cohort
    cohort.translations = {"pl": {"why_join": "Dlaczego."}, "fr": {"introduction": "Intro."}}
    cohort.save()

    response = organiser_client.get(reverse("orga:cohort", args=[cohort.pk]))

    assert "<dt>Public texts also given in</dt><dd>French, Polish</dd>" in response.text


def test_cohort_page_shows_windows_extension_and_history(organiser_client, window):
    window.original_ends_at = CLOSES - dt.timedelta(days=7)
    window.save()
    organiser_client.post(
        reverse("orga:milestone_extend", args=[window.cohort.pk, window.pk]),
        {"ends_at": "2026-04-10T17:00", "reason": "Many cities asked for more time."},
    )

    response = organiser_client.get(reverse("orga:cohort", args=[window.cohort.pk]))

    assert response.status_code == 200
    ((shown, status),) = response.context["timeline"]
    assert (shown.label, shown.was_extended, status) == (
        "Registration of Mission cities",
        True,
        "upcoming",
    )
    (entry,) = response.context["history"]
    assert (entry.action, entry.data["reason"]) == (
        "milestone.extended",
        "Many cities asked for more time.",
    )
    assert "Many cities asked for more time." in response.text


def test_add_a_window_in_its_time_zone(organiser_client, organiser):
    cohort = CohortFactory(time_zone="Europe/Rome")

    response = organiser_client.post(
        reverse("orga:milestone_new", args=[cohort.pk]), _window_form()
    )

    assert response.status_code == 302
    milestone = cohort.milestones.get()
    assert (milestone.starts_at, milestone.ends_at) == (OPENS, CLOSES)
    assert _actions() == ["milestone.added"]


def test_change_a_window_moves_it_and_logs_the_move(organiser_client, organiser, window):
    response = organiser_client.post(
        reverse("orga:milestone_edit", args=[window.cohort.pk, window.pk]),
        _window_form(starts_at="2026-02-09T09:00", title="Mission cities register"),
    )

    assert response.status_code == 302
    window.refresh_from_db()
    assert (window.starts_at, window.ends_at, window.title) == (
        OPENS + dt.timedelta(days=7),
        CLOSES,
        "Mission cities register",
    )
    assert _actions() == ["milestone.window_changed", "milestone.changed"]
    changed = AuditEntry.objects.get(action="milestone.changed")
    assert (changed.actor, changed.data["fields"]) == (organiser, ["title"])


def test_change_a_window_unchanged_for_a_viewer_in_another_zone_logs_nothing(client, window):
    organiser = UserFactory(is_organiser=True, time_zone="Asia/Tokyo")
    client.force_login(organiser)
    url = reverse("orga:milestone_edit", args=[window.cohort.pk, window.pk])

    response = client.get(url)
    client.post(url, _window_form())

    assert 'value="2026-02-02T09:00"' in response.text
    window.refresh_from_db()
    assert (window.starts_at, window.ends_at) == (OPENS, CLOSES)
    assert _actions() == []


def test_change_a_window_closing_before_it_opens_keeps_what_was_typed(organiser_client, window):
    response = organiser_client.post(
        reverse("orga:milestone_edit", args=[window.cohort.pk, window.pk]),
        _window_form(ends_at="2026-02-01T17:00", description="Typed before the slip."),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == ["A window must close after it opens."]
    assert 'value="2026-02-01T17:00"' in response.text
    assert "Typed before the slip." in response.text
    window.refresh_from_db()
    assert window.ends_at == CLOSES
    assert _actions() == []


def test_extend_a_window_keeps_the_first_close_and_the_reason(organiser_client, organiser, window):
    response = organiser_client.post(
        reverse("orga:milestone_extend", args=[window.cohort.pk, window.pk]),
        {"ends_at": "2026-04-10T17:00", "reason": "Easter holidays."},
    )

    assert response.status_code == 302
    window.refresh_from_db()
    assert window.ends_at == dt.datetime(2026, 4, 10, 17, tzinfo=ROME)
    assert (window.original_ends_at, window.was_extended) == (CLOSES, True)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.data) == (
        "milestone.extended",
        organiser,
        {
            "reason": "Easter holidays.",
            "ends_at": "2026-04-10T17:00:00+02:00",
            "previous_ends_at": "2026-03-31T15:00:00+00:00",
        },
    )


def test_extend_a_window_to_an_earlier_close_is_refused_and_keeps_the_reason(
    organiser_client, window
):
    response = organiser_client.post(
        reverse("orga:milestone_extend", args=[window.cohort.pk, window.pk]),
        {"ends_at": "2026-03-31T17:00", "reason": "Typed reason."},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"] == [
        "An extension must close the window later than it closes now."
    ]
    assert "Typed reason." in response.text
    window.refresh_from_db()
    assert (window.ends_at, window.original_ends_at) == (CLOSES, None)
    assert _actions() == []


def test_extend_a_window_without_a_reason_is_refused(organiser_client, window):
    response = organiser_client.post(
        reverse("orga:milestone_extend", args=[window.cohort.pk, window.pk]),
        {"ends_at": "2026-04-10T17:00", "reason": ""},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["reason"]
    window.refresh_from_db()
    assert window.ends_at == CLOSES


def test_a_window_of_another_cohort_is_not_found(organiser_client, window):
    other = CohortFactory()

    response = organiser_client.get(reverse("orga:milestone_extend", args=[other.pk, window.pk]))

    assert response.status_code == 404


def _pages(window) -> list[str]:
    cohort = window.cohort
    return [
        reverse("orga:cohorts"),
        reverse("orga:cohort_new"),
        reverse("orga:cohort", args=[cohort.pk]),
        reverse("orga:cohort_edit", args=[cohort.pk]),
        reverse("orga:milestone_new", args=[cohort.pk]),
        reverse("orga:milestone_edit", args=[cohort.pk, window.pk]),
        reverse("orga:milestone_extend", args=[cohort.pk, window.pk]),
    ]


@pytest.mark.parametrize("who", ["facilitator", "city member"])
def test_cohort_pages_refuse_facilitators_and_city_members(client, window, who):
    person = UserFactory(is_facilitator=True) if who == "facilitator" else MembershipFactory().user
    client.force_login(person)

    statuses = {url: client.get(url).status_code for url in _pages(window)}
    extend = client.post(
        reverse("orga:milestone_extend", args=[window.cohort.pk, window.pk]),
        {"ends_at": "2026-04-10T17:00", "reason": "No."},
    )

    assert set(statuses.values()) == {403}
    assert extend.status_code == 403
    assert Milestone.objects.get().ends_at == CLOSES
