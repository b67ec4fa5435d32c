"""Why a Mission city did not get its first choice: as codes with their facts, and as
sentences an organiser can act on.

For every seeker not paired with its first choice, each provider it preferred to what
it got is explained by what stood in the way: a forbidden pair, the same-country rule,
a full provider (and who took the places), a per-country cap or the cap on selected
providers. The claims about optimality ("no selection that includes it does better")
are made only for proven results.

The codes are the explanation; the English sentences are written from them, so that
the command line's text and an app's own wording (in its readers' language, with the
cities' names) always say the same thing. Each seeker's codes come in the sentences'
order; every id in them is an id of the instance:

- `no_preferences` {}: the seeker listed no provider.
- `pinned` {provider, rank}: the organisers pinned it to its rank-th choice.
- `not_paired` {}: the seeker is left out; the codes after it say why for each choice.
- `paired_with_rank` {provider, rank}: paired with its rank-th choice; the codes after it
  say why for each choice it ranked higher.
- Then one code per provider it preferred, each with that `provider` and its `rank`:
  - `forbidden`: the organisers forbade the pair;
  - `same_country` {country}: same-country pairs are not allowed;
  - `full` {takers: [{seeker, rank, pinned}, ...]}: its places went to these seekers,
    which ranked it `rank` (best rank first; `pinned` when the organisers pinned them);
  - `country_cap` {country, cap, selected}: not selected, as `country` already has the
    `cap` selected providers allowed per country (`selected`: their ids);
  - `selection_cap` {cap, optimal}: not selected, as `cap` providers were selected; with
    `optimal`, no selection that includes it pairs more seekers or ranks them higher;
  - `same_cap`: not selected either, for the cap just named;
  - `time_limit` {in_selection}: the time limit stopped the search while it was selected
    and still had room (`in_selection` true), or before it was selected (false).
"""

from __future__ import annotations

from collections import defaultdict

from twinning.engine.selection.model import Pair, Reason, SelectionInstance

NO_PREFERENCES = "no_preferences"
PINNED = "pinned"
NOT_PAIRED = "not_paired"
PAIRED_WITH_RANK = "paired_with_rank"
FORBIDDEN = "forbidden"
SAME_COUNTRY = "same_country"
FULL = "full"
COUNTRY_CAP = "country_cap"
SELECTION_CAP = "selection_cap"
SAME_CAP = "same_cap"
TIME_LIMIT = "time_limit"

CODES = (
    NO_PREFERENCES,
    PINNED,
    NOT_PAIRED,
    PAIRED_WITH_RANK,
    FORBIDDEN,
    SAME_COUNTRY,
    FULL,
    COUNTRY_CAP,
    SELECTION_CAP,
    SAME_CAP,
    TIME_LIMIT,
)

_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")
_WORDS += ("Ninth", "Tenth")


def ordinal(rank: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 11 <= rank % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _choice(rank: int) -> str:
    return f"{_WORDS[rank - 1]} choice" if rank <= len(_WORDS) else f"{ordinal(rank)} choice"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _cities(count: int) -> str:
    return f"{count} selected {'city' if count == 1 else 'cities'}"


def explain_codes(
    instance: SelectionInstance, pairs: tuple[Pair, ...], optimal: bool
) -> dict[str, tuple[Reason, ...]]:
    """The codes of every seeker that did not get its first choice, in input order."""
    rules = instance.rules
    providers = {provider.id: provider for provider in instance.providers}
    forbidden = set(rules.forbidden)
    pinned = set(rules.pinned)
    paired = {pair.seeker: pair for pair in pairs}
    takers: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        takers[pair.provider].append(pair)
    selected_in: dict[str, list[str]] = defaultdict(list)
    for provider in instance.providers:
        if provider.id in takers:
            selected_in[provider.country].append(provider.id)
    n_selected = len(takers)

    def full(provider_id: str) -> dict[str, object]:
        ordered = sorted(takers[provider_id], key=lambda pair: pair.rank)
        return {
            "takers": [
                {
                    "seeker": pair.seeker,
                    "rank": pair.rank,
                    "pinned": (pair.seeker, provider_id) in pinned,
                }
                for pair in ordered
            ]
        }

    def not_selected(provider_id: str, cap_said: bool) -> tuple[str, dict[str, object]]:
        """Why the provider was not selected, as a code and its facts."""
        country = providers[provider_id].country
        cap = rules.max_selected_per_country
        if cap is not None and len(selected_in[country]) >= cap:
            return COUNTRY_CAP, {
                "country": country,
                "cap": cap,
                "selected": list(selected_in[country]),
            }
        if n_selected >= instance.select:
            if cap_said:  # one full sentence about the cap per seeker is enough
                return SAME_CAP, {}
            return SELECTION_CAP, {"cap": instance.select, "optimal": optimal}
        return TIME_LIMIT, {"in_selection": False}

    explained: dict[str, tuple[Reason, ...]] = {}
    for seeker in instance.seekers:
        pair = paired.get(seeker.id)
        if pair is not None and pair.rank == 1:
            continue
        if not seeker.preferences:
            explained[seeker.id] = (Reason(NO_PREFERENCES, {}),)
            continue
        if pair is not None and (seeker.id, pair.provider) in pinned:
            explained[seeker.id] = (Reason(PINNED, {"provider": pair.provider, "rank": pair.rank}),)
            continue
        if pair is None:
            reasons = [Reason(NOT_PAIRED, {})]
            preferred = seeker.preferences
        else:
            reasons = [Reason(PAIRED_WITH_RANK, {"provider": pair.provider, "rank": pair.rank})]
            preferred = seeker.preferences[: pair.rank - 1]
        cap_said = False
        for rank, provider_id in enumerate(preferred, start=1):
            provider = providers[provider_id]
            head = {"provider": provider_id, "rank": rank}
            if (seeker.id, provider_id) in forbidden:
                code, facts = FORBIDDEN, {}
            elif not rules.allow_same_country and provider.country == seeker.country:
                code, facts = SAME_COUNTRY, {"country": provider.country}
            elif len(takers.get(provider_id, ())) >= provider.capacity:
                code, facts = FULL, full(provider_id)
            elif provider_id in takers:
                code, facts = TIME_LIMIT, {"in_selection": True}
            else:
                code, facts = not_selected(provider_id, cap_said)
                cap_said = cap_said or code in (SELECTION_CAP, SAME_CAP)
            reasons.append(Reason(code, {**head, **facts}))
        explained[seeker.id] = tuple(reasons)
    return explained


def _sentence(reason: Reason) -> str:
    """One code in the English of the command line."""
    params = reason.params
    code = reason.code
    if code == NO_PREFERENCES:
        return "Listed no acceptable provider."
    if code == NOT_PAIRED:
        return "Not paired."
    rank, provider_id = params["rank"], params["provider"]
    if code == PINNED:
        return f"Pinned by the organisers to its {ordinal(rank)} choice {provider_id}."
    if code == PAIRED_WITH_RANK:
        return f"Paired with its {ordinal(rank)} choice {provider_id}."
    head = f"{_choice(rank)} {provider_id}"
    if code == FORBIDDEN:
        return f"{head}: the pair is forbidden by the organisers."
    if code == SAME_COUNTRY:
        return (
            f"{head} is in the same country ({params['country']}) "
            "and same-country pairs are not allowed."
        )
    if code == FULL:
        groups: list[tuple[int, list[str]]] = []
        for taker in params["takers"]:
            name = taker["seeker"] + (" (pinned)" if taker["pinned"] else "")
            if groups and groups[-1][0] == taker["rank"]:
                groups[-1][1].append(name)
            else:
                groups.append((taker["rank"], [name]))
        parts = [f"{_join(names)}, which ranked it {ordinal(rank)}" for rank, names in groups]
        return f"{head} is full: it was given to {', and '.join(parts)}."
    if code == COUNTRY_CAP:
        country, names = params["country"], ", ".join(params["selected"])
        listing = f" ({country}: {names})" if names else f" ({country})"
        return f"{head} was not selected: at most {_cities(params['cap'])} per country{listing}."
    if code == SELECTION_CAP:
        text = f"{head} was not selected: the cap of {_cities(params['cap'])} was reached"
        if params["optimal"]:
            text += ", and no selection that includes it pairs more cities or ranks them higher"
        return text + "."
    if code == SAME_CAP:
        return f"{head} was not selected either, for the same cap."
    if params["in_selection"]:
        return f"{head} still had room when the time limit stopped the search."
    return f"{head} was not selected before the time limit stopped the search."


def explanation_text(reasons: tuple[Reason, ...]) -> str:
    """A seeker's codes as the English sentences of the command line."""
    return " ".join(_sentence(reason) for reason in reasons)
