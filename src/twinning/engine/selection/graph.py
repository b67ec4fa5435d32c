"""The selection as a bipartite graph: which pairs are allowed, what the pins leave free.

Pinned seekers are settled before any search: they leave the graph, their providers
count as selected and keep only their remaining places. Forbidden and same-country
pairs are simply absent, so no model needs a constraint for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from twinning.engine.selection.model import SelectionInstance


@dataclass(frozen=True)
class Edge:
    """An allowed pair between a free seeker and a provider with a free place."""

    seeker: int
    provider: int
    rank: int


@dataclass(frozen=True)
class SelectionGraph:
    """The free part of the problem, by index into the instance's providers and seekers.

    `room[p]` is the provider's capacity minus its pins; `select_left` and
    `country_left` are the selection budgets the pinned providers leave.
    """

    instance: SelectionInstance
    edges: tuple[Edge, ...]
    pinned: tuple[Edge, ...]
    room: tuple[int, ...]
    pinned_providers: frozenset[int]
    select_left: int
    country_left: dict[str, int] | None

    @property
    def max_rank(self) -> int:
        return self.instance.longest_preferences


def build_graph(instance: SelectionInstance) -> SelectionGraph:
    """The allowed pairs of the free seekers, in a deterministic order (seeker, then rank)."""
    provider_index = {provider.id: index for index, provider in enumerate(instance.providers)}
    seeker_index = {seeker.id: index for index, seeker in enumerate(instance.seekers)}
    rules = instance.rules
    forbidden = set(rules.forbidden)

    room = [provider.capacity for provider in instance.providers]
    pinned = []
    for seeker_id, provider_id in rules.pinned:
        s, p = seeker_index[seeker_id], provider_index[provider_id]
        rank = instance.seekers[s].preferences.index(provider_id) + 1
        pinned.append(Edge(s, p, rank))
        room[p] -= 1
    pinned.sort(key=lambda edge: edge.seeker)
    pinned_seekers = {edge.seeker for edge in pinned}
    pinned_providers = frozenset(edge.provider for edge in pinned)

    edges = []
    for s, seeker in enumerate(instance.seekers):
        if s in pinned_seekers:
            continue
        for rank, provider_id in enumerate(seeker.preferences, start=1):
            p = provider_index[provider_id]
            if room[p] <= 0 or (seeker.id, provider_id) in forbidden:
                continue
            if not rules.allow_same_country and seeker.country == instance.providers[p].country:
                continue
            edges.append(Edge(s, p, rank))

    country_left = None
    if rules.max_selected_per_country is not None:
        pinned_per_country = Counter(instance.providers[p].country for p in pinned_providers)
        country_left = {
            provider.country: rules.max_selected_per_country - pinned_per_country[provider.country]
            for provider in instance.providers
        }
    return SelectionGraph(
        instance=instance,
        edges=tuple(edges),
        pinned=tuple(pinned),
        room=tuple(room),
        pinned_providers=pinned_providers,
        select_left=instance.select - len(pinned_providers),
        country_left=country_left,
    )
