import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CohortFactory
from tests.factories.matchmaking import ParticipationFactory, matchmaking_day
from tests.factories.recommendations import minded_city, mission_city
from tests.factories.selection import InterestFactory, PreferenceFactory
from twinning.cities.enums import CityKind, RegistrationState
from twinning.matchmaking.domain import fit as scoring
from twinning.matchmaking.domain.recommendations import (
    all_recommendations,
    recommendations_for,
)
from twinning.matchmaking.models import MatchmakingDay
from twinning.practices.enums import PracticeState

HOUSING = "Renovate our public housing faster, with tenants on board."
FUNDING = "Combine EU funds and private investment for district heating."


# The scoring, without the database


def _model(seekers, providers):
    return scoring.text_model(seekers, providers)


def _seeker(**fields):
    values = {
        "key": 1,
        "challenges": (
            scoring.Challenge(11, "built-environment", HOUSING),
            scoring.Challenge(12, "finance-funding", FUNDING),
        ),
        "fields": frozenset({"built-environment"}),
        "levers": frozenset({"finance-funding"}),
        "population": 850_000,
        "country": "IT",
    }
    values.update(fields)
    return scoring.Seeker(**values)


def _practice(key, text, *themes):
    fields = frozenset(t for t in themes if t in {"built-environment", "energy-systems"})
    return scoring.PracticeText(key, text, fields, frozenset(themes) - fields)


def test_text_similarity_picks_the_practice_whose_text_answers_the_challenge():
    seeker = _seeker(fields=frozenset(), levers=frozenset())
    provider = scoring.Provider(
        2,
        (
            _practice(21, "LED street lamps with motion sensors."),
            _practice(22, "Deep retrofit of social housing towers; tenants stay during works."),
            _practice(23, "Electric buses on every line of the city."),
        ),
    )

    result = scoring.fit(_model([seeker], [provider]), seeker, provider)

    assert [(m.challenge, m.practice, m.terms) for m in result.text_matches] == [
        (11, 22, ("housing", "tenants"))
    ]
    assert result.practices == (22,)


def test_shared_terms_quote_phrases_only_as_both_texts_write_them():
    seeker = _seeker()
    provider = scoring.Provider(
        2, (_practice(21, "A district heating network paid with EU funds and private investment."),)
    )

    result = scoring.fit(_model([seeker], [provider]), seeker, provider)

    # “funds private” is a pair of TF-IDF terms once “and” is dropped, but no one wrote it.
    assert result.text_matches[0].terms == ("district heating", "eu funds", "private investment")


def test_each_reason_is_there_exactly_when_the_data_supports_it():
    seeker = _seeker(challenges=())
    field_only = scoring.Provider(2, (_practice(21, "x", "built-environment"),), 3_000_000, "FR")
    lever_size_country = scoring.Provider(
        3, (_practice(31, "x", "finance-funding", "energy-systems"),), 340_000, "IT"
    )
    model = _model([seeker], [field_only, lever_size_country])

    first = scoring.fit(model, seeker, field_only)
    second = scoring.fit(model, seeker, lever_size_country)

    assert (first.shared_fields, first.shared_levers, first.similar_size, first.same_country) == (
        frozenset({"built-environment"}),
        frozenset(),
        False,
        False,
    )
    assert (
        second.shared_fields,
        second.shared_levers,
        second.similar_size,
        second.same_country,
    ) == (frozenset(), frozenset({"finance-funding"}), True, True)
    assert (first.score, second.score) == (0.30, 0.35)


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        (100_000, 250_000, True),
        (250_000, 100_000, True),
        (100_000, 251_000, False),
        (None, 1, False),
    ],
)
def test_similar_size_is_within_a_factor_of_two_and_a_half(a, b, similar):
    seeker = _seeker(population=a)
    provider = scoring.Provider(2, (), b)

    assert scoring.fit(_model([seeker], [provider]), seeker, provider).similar_size is similar


def test_size_and_country_alone_do_not_make_a_recommendation():
    seeker = _seeker()
    provider = scoring.Provider(2, (_practice(21, "Tram lines.", "energy-systems"),), 850_000, "IT")

    assert scoring.providers_for(_model([seeker], [provider]), seeker, [provider]) == []


def test_providers_are_ranked_by_score_and_equal_scores_keep_their_order():
    seeker = _seeker(challenges=())
    both = scoring.Provider(2, (_practice(21, "x", "built-environment", "finance-funding"),))
    field_a = scoring.Provider(3, (_practice(31, "x", "built-environment"),))
    field_b = scoring.Provider(4, (_practice(41, "x", "built-environment"),))
    lever = scoring.Provider(5, (_practice(51, "x", "finance-funding"),))
    providers = [lever, field_a, both, field_b]

    ranked = scoring.providers_for(_model([seeker], providers), seeker, providers)

    assert [f.provider for f in ranked] == [2, 3, 4, 5]


def test_texts_of_stop_words_only_compare_as_nothing():
    seeker = _seeker(challenges=(scoring.Challenge(11, "built-environment", "and the of"),))
    provider = scoring.Provider(2, (_practice(21, "the and", "built-environment"),))

    result = scoring.fit(_model([seeker], [provider]), seeker, provider)

    assert (result.text_matches, result.score) == ((), 0.3)


# Recommendations from the cohort's data


@pytest.fixture
def cohort_cities(db):
    cohort = CohortFactory()
    torino = mission_city(
        cohort,
        "Torino",
        [("built-environment", HOUSING), ("finance-funding", FUNDING)],
        population=850_000,
    )
    trento = minded_city(
        cohort,
        "Trento",
        [
            (
                "Social housing retrofit",
                "Deep retrofit of social housing towers, tenants stay at home during the works.",
                ["built-environment"],
            )
        ],
        population=120_000,
        country="IT",
    )
    pamplona = minded_city(
        cohort,
        "Pamplona",
        [
            (
                "District heating for a retrofitted district",
                "A district heating network paid with EU funds and private investment.",
                ["energy-systems", "finance-funding"],
            )
        ],
        population=500_000,
        country="ES",
    )
    kladno = minded_city(
        cohort,
        "Kladno",
        [
            (
                "Smart street lighting",
                "LED street lamps with motion sensors.",
                ["energy-systems", "technology-infrastructure"],
            )
        ],
        population=70_000,
        country="CZ",
    )
    return cohort, torino, trento, pamplona, kladno


PAMPLONA_FOR_TORINO = [
    "Practice “District heating for a retrofitted district” answers your challenge “Combine EU "
    "funds and private investment for district heating.” (“district heating”, “eu funds”, "
    "“private investment”)",
    "Shared lever: Finance and funding",
    "Similar size: 500,000 inhabitants, and 850,000 in your city",
]
TRENTO_FOR_TORINO = [
    "Practice “Social housing retrofit” answers your challenge “Renovate our public housing "
    "faster, with tenants on board.” (“housing”, “tenants”)",
    "Shared field of action: Built environment",
    "Same country: Italy",
]


def test_a_mission_city_gets_mission_minded_cities_ranked_with_their_reasons(cohort_cities):
    cohort, torino, trento, pamplona, _kladno = cohort_cities

    found = recommendations_for(cohort, torino)

    assert [(r.city, r.reasons, r.fit_label) for r in found] == [
        (pamplona, PAMPLONA_FOR_TORINO, "Good fit"),
        (trento, TRENTO_FOR_TORINO, "Good fit"),
    ]
    assert [[p.title for p in r.practices] for r in found] == [
        ["District heating for a retrofitted district"],
        ["Social housing retrofit"],
    ]


def test_a_mission_minded_city_gets_mission_cities_its_practices_answer(cohort_cities):
    cohort, torino, _trento, pamplona, kladno = cohort_cities
    kosice = mission_city(
        cohort,
        "Košice",
        [("energy-systems", "Move the heat network away from coal.")],
        population=230_000,
        country="SK",
    )

    found = recommendations_for(cohort, pamplona)

    assert [(r.city, r.reasons) for r in found] == [
        (
            torino,
            [
                "Your practice “District heating for a retrofitted district” answers their "
                "challenge “Combine EU funds and private investment for district heating.” "
                "(“district heating”, “eu funds”, “private investment”)",
                "Shared lever: Finance and funding",
                "Similar size: 850,000 inhabitants, and 500,000 in your city",
            ],
        ),
        (
            kosice,
            [
                "Shared field of action: Energy systems",
                "Similar size: 230,000 inhabitants, and 500,000 in your city",
            ],
        ),
    ]
    assert [r.city for r in recommendations_for(cohort, kladno)] == [kosice]


def test_cities_not_accepted_and_unpublished_practices_are_left_out(cohort_cities):
    cohort, torino, trento, pamplona, _kladno = cohort_cities
    for state in (RegistrationState.SUBMITTED, RegistrationState.REJECTED):
        minded_city(
            cohort,
            f"Bilbao {state}",
            [("Public housing", HOUSING, ["built-environment", "finance-funding"])],
            state=state,
        )
    trento.registrations.get().practices.update(state=PracticeState.DRAFT)

    found = recommendations_for(cohort, torino)

    assert [r.city for r in found] == [pamplona]


def test_a_city_whose_registration_is_under_way_already_sees_recommendations(cohort_cities):
    cohort, torino, _trento, pamplona, _kladno = cohort_cities
    reggio = mission_city(
        cohort, "Reggio", [("finance-funding", FUNDING)], state=RegistrationState.SUBMITTED
    )
    withdrawn = mission_city(
        cohort, "Ghent", [("finance-funding", FUNDING)], state=RegistrationState.WITHDRAWN
    )

    assert [r.city for r in recommendations_for(cohort, reggio)] == [pamplona]
    assert recommendations_for(cohort, withdrawn) == []
    # Not taking part in the cohort: nothing to recommend.
    assert recommendations_for(CohortFactory(), torino) == []
    # A city whose registration is not accepted is recommended to no one.
    assert [r.city for r in recommendations_for(cohort, pamplona)] == [torino]


def test_cities_already_chosen_are_marked_not_hidden(cohort_cities):
    cohort, torino, trento, pamplona, _kladno = cohort_cities
    PreferenceFactory(cohort=cohort, mission_city=torino, mission_minded_city=trento)
    InterestFactory(cohort=cohort, mission_minded_city=pamplona, mission_city=torino)

    assert [(r.city, r.marked) for r in recommendations_for(cohort, torino)] == [
        (pamplona, False),
        (trento, True),
    ]
    assert [(r.city, r.marked) for r in recommendations_for(cohort, pamplona)] == [(torino, True)]


def test_a_recommended_city_at_an_open_matchmaking_day_is_linked(cohort_cities):
    cohort, torino, trento, pamplona, _kladno = cohort_cities
    day = matchmaking_day(cohort, name="Torino Matchmaking Day")
    ParticipationFactory(day=day, city=torino, kind=CityKind.MISSION)
    ParticipationFactory(day=day, city=pamplona)
    other_day = matchmaking_day(cohort, name="Online Matchmaking Day")
    ParticipationFactory(day=other_day, city=trento)

    links = {r.city: r.matchmaking for r in recommendations_for(cohort, torino)}

    assert (links[pamplona].day, links[pamplona].url, links[pamplona].both_take_part) == (
        "Torino Matchmaking Day",
        reverse("portal:matchmaking_request_new", args=[day.pk, torino.pk, pamplona.pk]),
        True,
    )
    assert (links[trento].day, links[trento].url, links[trento].both_take_part) == (
        "Online Matchmaking Day",
        reverse("portal:matchmaking_city", args=[other_day.pk, torino.pk]),
        False,
    )
    MatchmakingDay.objects.update(request_deadline=timezone.now() - dt.timedelta(minutes=1))
    assert [r.matchmaking for r in recommendations_for(cohort, torino)] == [None, None]


def test_all_recommendations_cover_every_accepted_city_of_the_cohort(cohort_cities):
    cohort, torino, trento, pamplona, kladno = cohort_cities

    everything = all_recommendations(cohort)

    assert {pk: [r.city for r in found] for pk, found in everything.items()} == {
        torino.pk: [pamplona, trento],
        trento.pk: [torino],
        pamplona.pk: [torino],
        kladno.pk: [],
    }
    assert everything[torino.pk][0].reasons == PAMPLONA_FOR_TORINO
