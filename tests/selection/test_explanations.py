"""The selection's explanations as organisers and Mission cities read them: sentences with
the cities' names, in the reader's language, never the engine's keys or English text."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import CityFactory, MissionCityFactory, RegistrationFactory
from tests.factories.selection import CityMemberFactory, TwinningMemberFactory, rank
from twinning.cities.enums import CityKind
from twinning.common.runs import RunStatus
from twinning.programme.enums import MemberRole
from twinning.programme.models import TwinningMember
from twinning.selection.domain import explanations
from twinning.selection.domain.explanations import explain_choice, member_explanation
from twinning.selection.domain.runs import confirm_selection_run, start_selection_run
from twinning.selection.models import SelectionRun

pytestmark = pytest.mark.django_db

ENGINE_KEY = re.compile(r"city-\d+")

TORINO = (
    "Paired with Gent, its choice no. 2. Choice no. 1, Lahti, is full: its place went to "
    "Graz (its choice no. 1)."
)
LYON = "It was not paired. Choice no. 1, Porto: the organisers forbade this pair."


def _city(factory, kind, cohort, name, country):
    # Slugs unlike the engine's keys, so that a key on a page cannot hide behind a link.
    city = factory(name=name, name_en=name, slug=name.lower(), country=country)
    RegistrationFactory(cohort=cohort, city=city, kind=kind)
    CityMemberFactory(city=city)
    return city


@pytest.fixture
def cities(db):
    """Torino gets its second choice (Graz took Lahti), Lyon none (its pair is forbidden)."""
    from tests.factories import CohortFactory
    from tests.factories.selection import preferences_window

    cohort = CohortFactory()
    preferences_window(cohort)
    mission = {
        name: _city(MissionCityFactory, CityKind.MISSION, cohort, name, country)
        for name, country in [("Torino", "IT"), ("Graz", "AT"), ("Lyon", "FR")]
    }
    minded = {
        name: _city(CityFactory, CityKind.MISSION_MINDED, cohort, name, country)
        for name, country in [("Lahti", "FI"), ("Gent", "BE"), ("Porto", "PT")]
    }
    rank(cohort, mission["Torino"], [minded["Lahti"], minded["Gent"]])
    rank(cohort, mission["Graz"], [minded["Lahti"]])
    rank(cohort, mission["Lyon"], [minded["Porto"]])
    return cohort, {**mission, **minded}


@pytest.fixture
def run(cities, organiser, django_capture_on_commit_callbacks):
    cohort, city = cities
    with django_capture_on_commit_callbacks(execute=True):
        started = start_selection_run(
            cohort,
            options={"cap": 3, "forbidden": [[city["Lyon"].pk, city["Porto"].pk]]},
            by=organiser,
        )
    started.refresh_from_db()
    assert started.status == RunStatus.DONE
    return started


def test_the_run_page_explains_each_choice_with_the_cities_names(client, organiser, run):
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_run", args=[run.pk]))

    report = response.context["report"]
    twinnings = {t.provider: t.seekers for t in report.twinnings}
    assert twinnings == {
        "Gent": [{"name": "Torino", "rank": 2, "explanation": TORINO}],
        "Lahti": [{"name": "Graz", "rank": 1, "explanation": "Its first choice."}],
    }
    assert report.unmatched == [{"name": "Lyon", "explanation": LYON}]
    content = response.content.decode()
    assert TORINO in content
    assert LYON in content
    assert ENGINE_KEY.search(content) is None


def test_a_run_stored_before_the_codes_shows_a_neutral_sentence(client, organiser, run):
    run.result = {key: value for key, value in run.result.items() if key != "explanation_codes"}
    run.save(update_fields=["result"])
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_run", args=[run.pk]))

    report = response.context["report"]
    assert [s["explanation"] for t in report.twinnings for s in t.seekers] == [
        "No explanation can be shown for this result.",
        "Its first choice.",
    ]
    assert report.unmatched == [
        {"name": "Lyon", "explanation": "No explanation can be shown for this result."}
    ]
    content = response.content.decode()
    assert "Paired with its 2nd choice" not in content
    assert ENGINE_KEY.search(content) is None


def test_a_confirmed_run_keeps_the_codes_and_the_city_reads_them_with_names(
    client, organiser, run, cities
):
    _cohort, city = cities
    confirm_selection_run(run, by=organiser)
    member = TwinningMember.objects.get(city=city["Torino"])
    client.force_login(city["Torino"].memberships.first().user)

    response = client.get(reverse("portal:twinning_answer", args=[member.pk]))

    assert member.explanation == ""
    assert [reason["code"] for reason in member.explanation_codes] == [
        "paired_with_rank",
        "full",
    ]
    assert response.status_code == 200
    assert response.context["explanation"] == TORINO
    content = response.content.decode()
    assert TORINO in content
    assert ENGINE_KEY.search(content) is None


def test_a_first_choice_has_no_explanation_on_the_answer_page(client, organiser, run, cities):
    _cohort, city = cities
    confirm_selection_run(run, by=organiser)
    member = TwinningMember.objects.get(city=city["Graz"])
    client.force_login(city["Graz"].memberships.first().user)

    response = client.get(reverse("portal:twinning_answer", args=[member.pk]))

    assert response.context["explanation"] == ""


def test_a_twinning_stored_with_the_engines_text_only_shows_a_neutral_sentence(client, cities):
    _cohort, city = cities
    member = TwinningMemberFactory(
        city=city["Torino"],
        rank=2,
        explanation=f"Paired with its 2nd choice city-{city['Gent'].pk}.",
    )
    TwinningMemberFactory(
        twinning=member.twinning, city=city["Gent"], role=MemberRole.MISSION_MINDED
    )
    client.force_login(city["Torino"].memberships.first().user)

    response = client.get(reverse("portal:twinning_answer", args=[member.pk]))

    content = response.content.decode()
    assert response.context["explanation"] == "No explanation can be shown for this result."
    assert "No explanation can be shown for this result." in content
    assert "Paired with its 2nd choice" not in content
    assert ENGINE_KEY.search(content) is None


def test_the_explanation_is_worded_in_the_active_language(organiser, run, cities, monkeypatch):
    _cohort, city = cities
    confirm_selection_run(run, by=organiser)
    member = TwinningMember.objects.get(city=city["Torino"])
    asked_in = []
    for name in ("_", "ngettext", "pgettext"):
        original = getattr(explanations, name)

        def recording(*args, original=original):
            asked_in.append(translation.get_language())
            return original(*args)

        monkeypatch.setattr(explanations, name, recording)

    with translation.override("fr"):
        text = member_explanation(member)

    assert isinstance(text, str)
    assert asked_in
    assert set(asked_in) == {"fr"}
    assert "Gent" in text
    assert "Lahti" in text
    assert "Graz" in text
    assert ENGINE_KEY.search(text) is None


def test_every_code_is_worded_with_names_and_no_key(cities):
    _cohort, city = cities
    keys = {name: f"city-{c.pk}" for name, c in city.items()}
    names = {key: name for name, key in keys.items()}
    codes = [
        {"code": "not_paired", "params": {}},
        {"code": "same_country", "params": {"provider": keys["Lahti"], "rank": 1, "country": "FI"}},
        {
            "code": "full",
            "params": {
                "provider": keys["Gent"],
                "rank": 2,
                "takers": [
                    {"seeker": keys["Graz"], "rank": 1, "pinned": False},
                    {"seeker": keys["Lyon"], "rank": 3, "pinned": True},
                ],
            },
        },
        {
            "code": "country_cap",
            "params": {
                "provider": keys["Porto"],
                "rank": 3,
                "country": "PT",
                "cap": 1,
                "selected": [keys["Lahti"]],
            },
        },
        {
            "code": "selection_cap",
            "params": {"provider": keys["Lahti"], "rank": 4, "cap": 2, "optimal": True},
        },
        {"code": "same_cap", "params": {"provider": keys["Gent"], "rank": 5}},
        {
            "code": "time_limit",
            "params": {"provider": keys["Porto"], "rank": 6, "in_selection": True},
        },
        {"code": "a_code_of_a_later_engine", "params": {"rank": 7}},
    ]

    text = explain_choice(codes, names)

    assert text == (
        "It was not paired. "
        "Choice no. 1, Lahti, is in the same country (Finland), and twinnings within one "
        "country are not allowed. "
        "Choice no. 2, Gent, is full: its places went to Graz (its choice no. 1) and Lyon "
        "(its choice no. 3, pinned by the organisers). "
        "Choice no. 3, Porto, was not selected: at most 1 Mission-minded city may be selected "
        "per country, and Portugal already has Lahti. "
        "Choice no. 4, Lahti, was not selected: the cap of 2 selected Mission-minded cities was "
        "reached. No selection that includes it pairs more Mission cities or gives them higher "
        "choices. "
        "Choice no. 5, Gent, was not selected either, for the same cap. "
        "Choice no. 6, Porto, still had room when the time limit stopped the search. "
        "No explanation can be shown for this result."
    )


def test_a_city_gone_from_the_codes_is_not_named_by_its_key():
    codes = [{"code": "paired_with_rank", "params": {"provider": "city-999999", "rank": 2}}]

    text = explain_choice(codes, explanations.city_names(["city-999999"]))

    assert text == "Paired with a city no longer listed, its choice no. 2."


def test_a_run_page_costs_the_same_queries_with_more_explanations(client, organiser, run):
    client.force_login(organiser)
    client.get(reverse("orga:selection_run", args=[run.pk]))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("orga:selection_run", args=[run.pk]))
    more = SelectionRun.objects.get(pk=run.pk)
    extra = [{"code": "not_paired", "params": {}}] + [
        {"code": "forbidden", "params": {"provider": pair["provider"], "rank": 1}}
        for pair in more.result["pairs"]
    ]
    more.result["explanation_codes"].update({f"city-{n}": extra for n in range(90000, 90020)})
    more.result["unmatched"] += [f"city-{n}" for n in range(90000, 90020)]
    more.save(update_fields=["result"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("orga:selection_run", args=[run.pk]))

    assert response.status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_run_form_shows_pins_that_cannot_hold_with_the_cities_names(client, organiser, cities):
    cohort, city = cities
    client.force_login(organiser)

    response = client.post(
        reverse("orga:selection_run_new") + f"?cohort={cohort.slug}",
        {
            "cap": 1,
            "allow_same_country": "on",
            "pinned": [
                f"{city['Graz'].pk}-{city['Lahti'].pk}",
                f"{city['Lyon'].pk}-{city['Porto'].pk}",
            ],
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "pinned": ["The pins select 2 Mission-minded cities, but this run selects at most 1."]
    }
    assert SelectionRun.objects.count() == 0
    assert ENGINE_KEY.search(response.content.decode()) is None
