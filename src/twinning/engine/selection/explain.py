"""Why a Mission city did not get its first choice, in sentences an organiser can act on.

For every seeker not paired with its first choice, each provider it preferred to what
it got is explained by what stood in the way: a forbidden pair, the same-country rule,
a full provider (and who took the places), a per-country cap or the cap on selected
providers. The claims about optimality ("no selection that includes it does better")
are made only for proven results.
"""

from __future__ import annotations

from collections import defaultdict

from twinning.engine.selection.model import Pair, SelectionInstance

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


def explain_selection(
    instance: SelectionInstance, pairs: tuple[Pair, ...], optimal: bool
) -> dict[str, str]:
    """One string per seeker that did not get its first choice, in input order."""
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

    def full(provider_id: str) -> str:
        groups: list[tuple[int, list[str]]] = []
        for pair in sorted(takers[provider_id], key=lambda pair: pair.rank):
            name = pair.seeker + (" (pinned)" if (pair.seeker, provider_id) in pinned else "")
            if groups and groups[-1][0] == pair.rank:
                groups[-1][1].append(name)
            else:
                groups.append((pair.rank, [name]))
        parts = [f"{_join(names)}, which ranked it {ordinal(rank)}" for rank, names in groups]
        return f"is full: it was given to {', and '.join(parts)}"

    def not_selected(provider_id: str, cap_said: bool) -> tuple[str, bool]:
        """Why the provider was not selected, and whether the reason is the overall cap."""
        country = providers[provider_id].country
        cap = rules.max_selected_per_country
        if cap is not None and len(selected_in[country]) >= cap:
            names = ", ".join(selected_in[country])
            listing = f" ({country}: {names})" if names else f" ({country})"
            return f"was not selected: at most {_cities(cap)} per country{listing}", False
        if n_selected >= instance.select:
            if cap_said:  # one full sentence about the cap per seeker is enough
                return "was not selected either, for the same cap", True
            text = f"was not selected: the cap of {_cities(instance.select)} was reached"
            if optimal:
                text += ", and no selection that includes it pairs more cities or ranks them higher"
            return text, True
        return "was not selected before the time limit stopped the search", False

    explanations: dict[str, str] = {}
    for seeker in instance.seekers:
        pair = paired.get(seeker.id)
        if pair is not None and pair.rank == 1:
            continue
        if not seeker.preferences:
            explanations[seeker.id] = "Listed no acceptable provider."
            continue
        if pair is not None and (seeker.id, pair.provider) in pinned:
            explanations[seeker.id] = (
                f"Pinned by the organisers to its {ordinal(pair.rank)} choice {pair.provider}."
            )
            continue
        if pair is None:
            sentences = ["Not paired."]
            preferred = seeker.preferences
        else:
            sentences = [f"Paired with its {ordinal(pair.rank)} choice {pair.provider}."]
            preferred = seeker.preferences[: pair.rank - 1]
        cap_said = False
        for rank, provider_id in enumerate(preferred, start=1):
            provider = providers[provider_id]
            head = f"{_choice(rank)} {provider_id}"
            if (seeker.id, provider_id) in forbidden:
                reason = f"{head}: the pair is forbidden by the organisers"
            elif not rules.allow_same_country and provider.country == seeker.country:
                reason = (
                    f"{head} is in the same country ({provider.country}) "
                    "and same-country pairs are not allowed"
                )
            elif len(takers.get(provider_id, ())) >= provider.capacity:
                reason = f"{head} {full(provider_id)}"
            elif provider_id in takers:
                reason = f"{head} still had room when the time limit stopped the search"
            else:
                text, by_cap = not_selected(provider_id, cap_said)
                reason = f"{head} {text}"
                cap_said = cap_said or by_cap
            sentences.append(reason + ".")
        explanations[seeker.id] = " ".join(sentences)
    return explanations
