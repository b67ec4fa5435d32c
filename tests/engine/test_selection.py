"""Example tests of the selection engine on hand-built instances, with exact answers."""

from __future__ import annotations

import random

import pytest

from twinning.engine.errors import InvalidInstance
from twinning.engine.selection import (
    Pair,
    Provider,
    Rules,
    Seeker,
    SelectionInstance,
    parse_instance,
    result_to_json,
    run_json,
    select_twinnings,
)


def make_instance(select, providers, seekers, **rules):
    """Contract JSON from (id, country, capacity) and (id, country, preferences) tuples."""
    return {
        "select": select,
        "rules": rules,
        "providers": [{"id": i, "country": c, "capacity": cap} for i, c, cap in providers],
        "seekers": [{"id": i, "country": c, "preferences": prefs} for i, c, prefs in seekers],
    }


def without_stats(result):
    return {key: value for key, value in result.items() if key != "stats"}


def test_select_trio_capacity_takes_two_seekers():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 2), ("mm-gent", "BE", 1)],
        [
            ("mc-torino", "IT", ["mm-lahti"]),
            ("mc-graz", "AT", ["mm-lahti"]),
            ("mc-lyon", "FR", ["mm-lahti", "mm-gent"]),
        ],
    )

    result = run_json(data)

    assert without_stats(result) == {
        "selected": ["mm-lahti", "mm-gent"],
        "pairs": [
            {"seeker": "mc-torino", "provider": "mm-lahti", "rank": 1},
            {"seeker": "mc-graz", "provider": "mm-lahti", "rank": 1},
            {"seeker": "mc-lyon", "provider": "mm-gent", "rank": 2},
        ],
        "unmatched": [],
        "signature": [2, 1],
        "optimal": True,
        "explanations": {
            "mc-lyon": "Paired with its 2nd choice mm-gent. First choice mm-lahti is full: "
            "it was given to mc-torino and mc-graz, which ranked it 1st."
        },
        "explanation_codes": {
            "mc-lyon": [
                {"code": "paired_with_rank", "params": {"provider": "mm-gent", "rank": 2}},
                {
                    "code": "full",
                    "params": {
                        "provider": "mm-lahti",
                        "rank": 1,
                        "takers": [
                            {"seeker": "mc-torino", "rank": 1, "pinned": False},
                            {"seeker": "mc-graz", "rank": 1, "pinned": False},
                        ],
                    },
                },
            ]
        },
    }


def test_select_cap_on_selected_keeps_the_provider_that_pairs_more():
    data = make_instance(
        1,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1), ("mm-porto", "PT", 2)],
        [
            ("mc-torino", "IT", ["mm-lahti"]),
            ("mc-graz", "AT", ["mm-gent", "mm-lahti"]),
            ("mc-lyon", "FR", ["mm-porto"]),
            ("mc-wien", "AT", ["mm-porto", "mm-lahti"]),
        ],
    )

    result = run_json(data)

    cap = (
        "was not selected: the cap of 1 selected city was reached, and no selection "
        "that includes it pairs more cities or ranks them higher."
    )
    assert without_stats(result) == {
        "selected": ["mm-porto"],
        "pairs": [
            {"seeker": "mc-lyon", "provider": "mm-porto", "rank": 1},
            {"seeker": "mc-wien", "provider": "mm-porto", "rank": 1},
        ],
        "unmatched": ["mc-torino", "mc-graz"],
        "signature": [2, 0],
        "optimal": True,
        "explanations": {
            "mc-torino": f"Not paired. First choice mm-lahti {cap}",
            "mc-graz": f"Not paired. First choice mm-gent {cap} Second choice mm-lahti was "
            "not selected either, for the same cap.",
        },
        "explanation_codes": {
            "mc-torino": [
                {"code": "not_paired", "params": {}},
                {
                    "code": "selection_cap",
                    "params": {"provider": "mm-lahti", "rank": 1, "cap": 1, "optimal": True},
                },
            ],
            "mc-graz": [
                {"code": "not_paired", "params": {}},
                {
                    "code": "selection_cap",
                    "params": {"provider": "mm-gent", "rank": 1, "cap": 1, "optimal": True},
                },
                {"code": "same_cap", "params": {"provider": "mm-lahti", "rank": 2}},
            ],
        },
    }


def test_select_per_country_cap_names_the_selected_cities_of_that_country():
    data = make_instance(
        3,
        [("mm-berlin", "DE", 2), ("mm-bonn", "DE", 1), ("mm-lille", "FR", 1)],
        [
            ("mc-torino", "IT", ["mm-berlin"]),
            ("mc-graz", "AT", ["mm-berlin"]),
            ("mc-wien", "AT", ["mm-bonn", "mm-lille"]),
        ],
        max_selected_per_country=1,
    )

    result = run_json(data)

    assert result["selected"] == ["mm-berlin", "mm-lille"]
    assert result["signature"] == [2, 1]
    assert result["explanations"] == {
        "mc-wien": "Paired with its 2nd choice mm-lille. First choice mm-bonn was not "
        "selected: at most 1 selected city per country (DE: mm-berlin)."
    }
    assert result["explanation_codes"] == {
        "mc-wien": [
            {"code": "paired_with_rank", "params": {"provider": "mm-lille", "rank": 2}},
            {
                "code": "country_cap",
                "params": {
                    "provider": "mm-bonn",
                    "rank": 1,
                    "country": "DE",
                    "cap": 1,
                    "selected": ["mm-berlin"],
                },
            },
        ]
    }


def test_select_same_country_rule_skips_the_own_country_provider():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [("mc-oulu", "FI", ["mm-lahti", "mm-gent"])],
        allow_same_country=False,
    )

    result = run_json(data)

    assert result["pairs"] == [{"seeker": "mc-oulu", "provider": "mm-gent", "rank": 2}]
    assert result["explanations"] == {
        "mc-oulu": "Paired with its 2nd choice mm-gent. First choice mm-lahti is in the same "
        "country (FI) and same-country pairs are not allowed."
    }
    assert result["explanation_codes"]["mc-oulu"][1] == {
        "code": "same_country",
        "params": {"provider": "mm-lahti", "rank": 1, "country": "FI"},
    }


def test_select_same_country_allowed_by_default():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [("mc-oulu", "FI", ["mm-lahti", "mm-gent"])],
    )

    result = run_json(data)

    assert result["pairs"] == [{"seeker": "mc-oulu", "provider": "mm-lahti", "rank": 1}]
    assert result["explanations"] == {}


def test_select_pinned_pair_is_kept_even_when_it_costs_a_first_choice():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [("mc-torino", "IT", ["mm-lahti", "mm-gent"]), ("mc-graz", "AT", ["mm-gent"])],
        pinned=[["mc-torino", "mm-gent"]],
    )

    result = run_json(data)

    assert without_stats(result) == {
        "selected": ["mm-gent"],
        "pairs": [{"seeker": "mc-torino", "provider": "mm-gent", "rank": 2}],
        "unmatched": ["mc-graz"],
        "signature": [0, 1],
        "optimal": True,
        "explanations": {
            "mc-torino": "Pinned by the organisers to its 2nd choice mm-gent.",
            "mc-graz": "Not paired. First choice mm-gent is full: it was given to "
            "mc-torino (pinned), which ranked it 2nd.",
        },
        "explanation_codes": {
            "mc-torino": [{"code": "pinned", "params": {"provider": "mm-gent", "rank": 2}}],
            "mc-graz": [
                {"code": "not_paired", "params": {}},
                {
                    "code": "full",
                    "params": {
                        "provider": "mm-gent",
                        "rank": 1,
                        "takers": [{"seeker": "mc-torino", "rank": 2, "pinned": True}],
                    },
                },
            ],
        },
    }


def test_select_forbidden_pair_is_never_made():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [("mc-torino", "IT", ["mm-lahti", "mm-gent"])],
        forbidden=[["mc-torino", "mm-lahti"]],
    )

    result = run_json(data)

    assert result["pairs"] == [{"seeker": "mc-torino", "provider": "mm-gent", "rank": 2}]
    assert result["explanations"] == {
        "mc-torino": "Paired with its 2nd choice mm-gent. First choice mm-lahti: "
        "the pair is forbidden by the organisers."
    }
    assert result["explanation_codes"]["mc-torino"][1] == {
        "code": "forbidden",
        "params": {"provider": "mm-lahti", "rank": 1},
    }


def test_select_more_pairs_before_more_first_choices():
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [("mc-torino", "IT", ["mm-lahti", "mm-gent"]), ("mc-graz", "AT", ["mm-lahti"])],
    )

    result = run_json(data)

    assert result["pairs"] == [
        {"seeker": "mc-torino", "provider": "mm-gent", "rank": 2},
        {"seeker": "mc-graz", "provider": "mm-lahti", "rank": 1},
    ]
    assert result["signature"] == [1, 1]
    assert result["explanations"] == {
        "mc-torino": "Paired with its 2nd choice mm-gent. First choice mm-lahti is full: "
        "it was given to mc-graz, which ranked it 1st."
    }


def test_select_first_choices_before_second_choices_at_equal_pairs():
    # Either way two seekers are paired; rank-maximality wants both first choices.
    data = make_instance(
        2,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1)],
        [
            ("mc-torino", "IT", ["mm-gent", "mm-lahti"]),
            ("mc-graz", "AT", ["mm-lahti", "mm-gent"]),
        ],
    )

    result = run_json(data)

    assert result["signature"] == [2, 0]
    assert result["explanations"] == {}


def test_select_empty_preferences_are_explained():
    data = make_instance(1, [("mm-lahti", "FI", 1)], [("mc-torino", "IT", [])])

    result = run_json(data)

    assert without_stats(result) == {
        "selected": [],
        "pairs": [],
        "unmatched": ["mc-torino"],
        "signature": [],
        "optimal": True,
        "explanations": {"mc-torino": "Listed no acceptable provider."},
        "explanation_codes": {"mc-torino": [{"code": "no_preferences", "params": {}}]},
    }


def test_select_no_seekers_gives_an_empty_signature():
    result = run_json(make_instance(3, [("mm-lahti", "FI", 1)], []))

    assert without_stats(result) == {
        "selected": [],
        "pairs": [],
        "unmatched": [],
        "signature": [],
        "optimal": True,
        "explanations": {},
        "explanation_codes": {},
    }


def test_select_signature_length_is_the_longest_preference_list():
    data = make_instance(
        1,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 1), ("mm-graz", "AT", 1)],
        [("mc-torino", "IT", ["mm-lahti"]), ("mc-lyon", "FR", ["mm-gent", "mm-graz", "mm-lahti"])],
    )

    result = run_json(data)

    assert result["signature"] == [1, 0, 0]


def test_select_zero_select_pairs_nobody():
    data = make_instance(0, [("mm-lahti", "FI", 1)], [("mc-torino", "IT", ["mm-lahti"])])

    result = run_json(data)

    assert result["pairs"] == []
    assert result["explanations"] == {
        "mc-torino": "Not paired. First choice mm-lahti was not selected: the cap of 0 selected "
        "cities was reached, and no selection that includes it pairs more cities or ranks "
        "them higher."
    }


def test_select_dataclass_api_returns_pairs():
    instance = SelectionInstance(
        select=1,
        providers=(Provider("mm-lahti", "FI", 2),),
        seekers=(Seeker("mc-torino", "IT", ("mm-lahti",)), Seeker("mc-graz", "AT", ("mm-lahti",))),
        rules=Rules(allow_same_country=False),
    )

    result = select_twinnings(instance)

    assert result.pairs == (Pair("mc-torino", "mm-lahti", 1), Pair("mc-graz", "mm-lahti", 1))
    assert result.selected == ("mm-lahti",)
    assert result.signature == (2,)
    assert result.optimal is True


def test_select_dataclass_api_refuses_an_invalid_instance():
    instance = SelectionInstance(
        select=1, providers=(), seekers=(Seeker("mc-torino", "IT", ("mm-x",)),)
    )

    with pytest.raises(InvalidInstance) as error:
        select_twinnings(instance)

    assert str(error.value) == "seekers[0] (mc-torino).preferences: unknown provider mm-x"


def test_select_flow_path_when_no_cap_can_bind():
    data = make_instance(
        5,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 2)],
        [("mc-torino", "IT", ["mm-lahti", "mm-gent"]), ("mc-graz", "AT", ["mm-lahti"])],
    )

    result = run_json(data)

    assert result["stats"]["path"] == "flow"
    assert result["signature"] == [1, 1]


def test_select_milp_path_when_the_cap_binds():
    data = make_instance(
        1,
        [("mm-lahti", "FI", 1), ("mm-gent", "BE", 2)],
        [
            ("mc-torino", "IT", ["mm-lahti", "mm-gent"]),
            ("mc-graz", "AT", ["mm-lahti", "mm-gent"]),
        ],
    )

    result = run_json(data)

    assert result["stats"]["path"] == "milp"
    assert result["selected"] == ["mm-gent"]
    assert result["signature"] == [0, 2]


def random_instance(seed, n_seekers=150, n_providers=80, select=12):
    rng = random.Random(seed)
    countries = ["FI", "DE", "IT", "FR", "ES", "PL", "NL", "NO", "TR"]
    providers = [
        (f"mm-{i:03d}", rng.choice(countries), rng.randint(1, 3)) for i in range(n_providers)
    ]
    weights = [1 / (i + 1) for i in range(n_providers)]
    seekers = []
    for i in range(n_seekers):
        picks: list[str] = []
        while len(picks) < rng.randint(3, 5):
            provider = rng.choices(providers, weights)[0][0]
            if provider not in picks:
                picks.append(provider)
        seekers.append((f"mc-{i:03d}", rng.choice(countries), picks))
    return make_instance(
        select, providers, seekers, allow_same_country=False, max_selected_per_country=2
    )


def test_select_same_instance_gives_the_same_result():
    data = random_instance(7)

    first = run_json(data)
    second = run_json(data)

    assert without_stats(first) == without_stats(second)
    assert first["optimal"] is True


def test_select_result_to_json_matches_the_contract_keys():
    result = select_twinnings(parse_instance(random_instance(3, 20, 10, 3)))

    assert list(result_to_json(result)) == [
        "selected",
        "pairs",
        "unmatched",
        "signature",
        "optimal",
        "explanations",
        "explanation_codes",
        "stats",
    ]


def test_select_explains_every_seeker_without_its_first_choice():
    result = run_json(random_instance(11))

    not_first = [pair["seeker"] for pair in result["pairs"] if pair["rank"] > 1]
    expected = [
        seeker["id"]
        for seeker in random_instance(11)["seekers"]
        if seeker["id"] in set(not_first) | set(result["unmatched"])
    ]
    assert list(result["explanations"]) == expected
    assert list(result["explanation_codes"]) == expected


def test_select_fractional_relaxation_is_settled_by_branching():
    # A per-country cap of 1 over trios: the linear relaxation splits selections
    # between cities of one country, so the engine must branch to prove the optimum.
    data = make_instance(
        3,
        [("mm-0", "A", 3), ("mm-1", "A", 1), ("mm-2", "B", 2), ("mm-3", "B", 2)],
        [
            ("mc-0", "A", ["mm-2"]),
            ("mc-1", "A", ["mm-1", "mm-3", "mm-2"]),
            ("mc-2", "B", ["mm-0", "mm-1", "mm-3"]),
            ("mc-3", "B", ["mm-3", "mm-0"]),
            ("mc-4", "C", ["mm-3", "mm-0"]),
            ("mc-5", "B", ["mm-0", "mm-2", "mm-1", "mm-3"]),
        ],
        max_selected_per_country=1,
    )

    result = run_json(data)

    assert result["stats"]["stages_branched"] == 1
    assert result["selected"] == ["mm-0", "mm-3"]
    assert result["unmatched"] == ["mc-0"]
    assert result["signature"] == [3, 2, 0, 0]
    assert result["optimal"] is True
    assert result["explanations"]["mc-0"] == (
        "Not paired. First choice mm-2 was not selected: at most 1 selected city per country "
        "(B: mm-3)."
    )


def test_select_explanation_codes_name_real_ids_and_give_the_same_text():
    from twinning.engine.selection.explain import CODES, explanation_text

    data = random_instance(5, 60, 30, 4)
    instance = parse_instance(data)

    result = select_twinnings(instance)

    seekers = {seeker.id for seeker in instance.seekers}
    providers = {provider.id for provider in instance.providers}
    assert list(result.explanation_codes) == list(result.explanations)
    for seeker, reasons in result.explanation_codes.items():
        assert explanation_text(reasons) == result.explanations[seeker]
        preferences = next(s.preferences for s in instance.seekers if s.id == seeker)
        for reason in reasons:
            assert reason.code in CODES
            if "provider" in reason.params:
                assert preferences[reason.params["rank"] - 1] == reason.params["provider"]
            for taker in reason.params.get("takers", []):
                assert taker["seeker"] in seekers
            assert set(reason.params.get("selected") or []) <= providers


def test_select_explanation_codes_after_a_time_limit_claim_no_optimality():
    # A limit of zero stops the search at once: the greedy start is returned, unproven.
    result = run_json(random_instance(11), time_limit=0)

    codes = [
        reason["code"] for reasons in result["explanation_codes"].values() for reason in reasons
    ]
    assert result["optimal"] is False
    assert set(result["explanation_codes"]) == set(result["explanations"])
    assert all(
        reason["params"]["optimal"] is False
        for reasons in result["explanation_codes"].values()
        for reason in reasons
        if reason["code"] == "selection_cap"
    )
    assert "not_paired" in codes


def test_select_explanation_codes_of_a_search_stopped_early_say_the_time_limit():
    from twinning.engine.selection.explain import explain_codes, explanation_text

    instance = parse_instance(
        make_instance(
            2,
            [("mm-lahti", "FI", 2), ("mm-gent", "BE", 1)],
            [("mc-torino", "IT", ["mm-lahti"]), ("mc-graz", "AT", ["mm-gent", "mm-lahti"])],
        )
    )
    # What a search stopped at once could return: room left, a provider never selected.
    pairs = (Pair("mc-torino", "mm-lahti", 1),)

    codes = explain_codes(instance, pairs, optimal=False)

    assert [reason.to_json() for reason in codes["mc-graz"]] == [
        {"code": "not_paired", "params": {}},
        {"code": "time_limit", "params": {"provider": "mm-gent", "rank": 1, "in_selection": False}},
        {"code": "time_limit", "params": {"provider": "mm-lahti", "rank": 2, "in_selection": True}},
    ]
    assert explanation_text(codes["mc-graz"]) == (
        "Not paired. First choice mm-gent was not selected before the time limit stopped the "
        "search. Second choice mm-lahti still had room when the time limit stopped the search."
    )
