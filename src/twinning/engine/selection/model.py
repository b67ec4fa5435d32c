"""The data of a selection: what goes in (an instance) and what comes out (a result).

Seekers are Mission cities, providers are Mission-minded cities. All ids are the
city ids as given by the caller; ranks are 1-based (1 = first choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provider:
    """A Mission-minded city that may be selected and paired with up to `capacity` seekers."""

    id: str
    country: str
    capacity: int = 1


@dataclass(frozen=True)
class Seeker:
    """A Mission city with its ranked list of acceptable providers, most preferred first."""

    id: str
    country: str
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """The organisers' rules: country rules, pinned pairs and forbidden pairs.

    Pairs are (seeker id, provider id).
    """

    allow_same_country: bool = True
    max_selected_per_country: int | None = None
    pinned: tuple[tuple[str, str], ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SelectionInstance:
    """Everything the engine needs: at most `select` providers may be selected."""

    select: int
    providers: tuple[Provider, ...]
    seekers: tuple[Seeker, ...]
    rules: Rules = field(default_factory=Rules)

    @property
    def longest_preferences(self) -> int:
        """The signature's length: the longest preference list, 0 if no seeker lists any."""
        return max((len(seeker.preferences) for seeker in self.seekers), default=0)


@dataclass(frozen=True)
class Pair:
    """A seeker paired with a provider it ranked `rank` (1 = first choice)."""

    seeker: str
    provider: str
    rank: int


@dataclass(frozen=True)
class Reason:
    """One step of an explanation: a `code` (see `explain.CODES`) and the facts it names,
    with the instance's ids and 1-based ranks, so that an app can say it in its own words."""

    code: str
    params: dict[str, object]

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class SelectionResult:
    """The engine's answer, ordered as the input (providers and seekers in input order).

    `signature[k]` counts the seekers paired with their (k+1)-th choice; `optimal` is
    true only when no feasible result is better; `explanations` maps every seeker that
    did not get its first choice to one string of short sentences, and
    `explanation_codes` maps the same seekers to the same explanation as codes.
    """

    selected: tuple[str, ...]
    pairs: tuple[Pair, ...]
    unmatched: tuple[str, ...]
    signature: tuple[int, ...]
    optimal: bool
    explanations: dict[str, str]
    stats: dict[str, object]
    explanation_codes: dict[str, tuple[Reason, ...]] = field(default_factory=dict)
