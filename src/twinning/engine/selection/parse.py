"""Reading and checking an instance, and writing a result, in the contract's JSON shape.

The instance is checked as a whole before any solving: the first problem found, in a
stable order (top-level fields, providers, seekers, forbidden pairs, pinned pairs),
is reported as one line that names the field and the id.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from twinning.engine.errors import InvalidInstance
from twinning.engine.selection.model import (
    Pair,
    Provider,
    Rules,
    Seeker,
    SelectionInstance,
    SelectionResult,
)


def _is_int(value: object) -> bool:
    # JSON true/false arrive as bool, which Python counts as int: refuse them.
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: object) -> str:
    """A value as JSON would spell it, cut short: what the person wrote in the file."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _or_empty(value: object, empty: object) -> object:
    # An absent optional field and an explicit null both mean "use the default".
    return empty if value is None else value


def _int_at_least(value: object, minimum: int, where: str) -> int:
    if not _is_int(value) or value < minimum:
        raise InvalidInstance(f"{where} must be an integer >= {minimum}, got {_show(value)}")
    return value


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInstance(f"{where} must be an object")
    return value


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInstance(f"{where} must be a list")
    return value


def _id(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInstance(f"{where} must be a non-empty string, got {_show(value)}")
    return value


def _pairs(value: object, where: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for index, item in enumerate(_list(value, where)):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(part, str) and part for part in item)
        ):
            raise InvalidInstance(f"{where}[{index}] must be a [seeker, provider] pair of ids")
        pairs.append((item[0], item[1]))
    return tuple(pairs)


def _rules(data: dict[str, Any]) -> Rules:
    rules = _object(_or_empty(data.get("rules"), {}), "rules")
    allow = rules.get("allow_same_country", True)
    if not isinstance(allow, bool):
        raise InvalidInstance(f"rules.allow_same_country must be true or false, got {_show(allow)}")
    per_country = rules.get("max_selected_per_country")
    if per_country is not None:
        _int_at_least(per_country, 0, "rules.max_selected_per_country")
    pinned = _pairs(_or_empty(rules.get("pinned"), []), "rules.pinned")
    forbidden = _pairs(_or_empty(rules.get("forbidden"), []), "rules.forbidden")
    return Rules(allow, per_country, pinned, forbidden)


def parse_instance(data: object) -> SelectionInstance:
    """Build an instance from the contract's JSON (already decoded), or raise InvalidInstance.

    Unknown keys are ignored. The returned instance has passed `check_instance`.
    """
    data = _object(data, "the instance")
    if "select" not in data:
        raise InvalidInstance("select is missing")
    select = _int_at_least(data["select"], 0, "select")
    defaults = _object(_or_empty(data.get("defaults"), {}), "defaults")
    default_capacity = _int_at_least(defaults.get("capacity", 1), 1, "defaults.capacity")
    rules = _rules(data)

    providers = []
    for index, item in enumerate(_list(data.get("providers"), "providers")):
        where = f"providers[{index}]"
        item = _object(item, where)
        provider_id = _id(item.get("id"), f"{where}.id")
        where = f"{where} ({provider_id})"
        country = _id(item.get("country"), f"{where}.country")
        capacity = _int_at_least(item.get("capacity", default_capacity), 1, f"{where}.capacity")
        providers.append(Provider(provider_id, country, capacity))

    seekers = []
    for index, item in enumerate(_list(data.get("seekers"), "seekers")):
        where = f"seekers[{index}]"
        item = _object(item, where)
        seeker_id = _id(item.get("id"), f"{where}.id")
        where = f"{where} ({seeker_id})"
        country = _id(item.get("country"), f"{where}.country")
        preferences = _list(item.get("preferences"), f"{where}.preferences")
        for rank, provider_id in enumerate(preferences, start=1):
            _id(provider_id, f"{where}.preferences[{rank - 1}]")
        seekers.append(Seeker(seeker_id, country, tuple(preferences)))

    instance = SelectionInstance(select, tuple(providers), tuple(seekers), rules)
    check_instance(instance)
    return instance


def check_instance(instance: SelectionInstance) -> None:
    """Raise InvalidInstance naming the first id that breaks the contract; return if valid.

    Checks ids (unique, known, not both a provider and a seeker), preference lists, and
    that the pinned pairs alone respect every rule and capacity.
    """
    if not _is_int(instance.select) or instance.select < 0:
        raise InvalidInstance(f"select must be an integer >= 0, got {_show(instance.select)}")
    providers: dict[str, Provider] = {}
    for index, provider in enumerate(instance.providers):
        if provider.id in providers:
            raise InvalidInstance(f"providers[{index}]: duplicate provider id {provider.id}")
        if not _is_int(provider.capacity) or provider.capacity < 1:
            raise InvalidInstance(
                f"providers[{index}] ({provider.id}).capacity must be an integer >= 1, "
                f"got {_show(provider.capacity)}"
            )
        providers[provider.id] = provider
    seekers: dict[str, Seeker] = {}
    for index, seeker in enumerate(instance.seekers):
        where = f"seekers[{index}] ({seeker.id})"
        if seeker.id in seekers:
            raise InvalidInstance(f"seekers[{index}]: duplicate seeker id {seeker.id}")
        if seeker.id in providers:
            raise InvalidInstance(f"{where}: {seeker.id} is both a provider and a seeker")
        seen: set[str] = set()
        for provider_id in seeker.preferences:
            if provider_id not in providers:
                raise InvalidInstance(f"{where}.preferences: unknown provider {provider_id}")
            if provider_id in seen:
                raise InvalidInstance(f"{where}.preferences name {provider_id} twice")
            seen.add(provider_id)
        seekers[seeker.id] = seeker

    rules = instance.rules
    per_country = rules.max_selected_per_country
    if per_country is not None and (not _is_int(per_country) or per_country < 0):
        raise InvalidInstance(
            f"rules.max_selected_per_country must be null or an integer >= 0, "
            f"got {_show(per_country)}"
        )
    for field_name in ("forbidden", "pinned"):
        for index, (seeker_id, provider_id) in enumerate(getattr(rules, field_name)):
            where = f"rules.{field_name}[{index}]"
            if seeker_id not in seekers:
                raise InvalidInstance(f"{where}: unknown seeker {seeker_id}")
            if provider_id not in providers:
                raise InvalidInstance(f"{where}: unknown provider {provider_id}")

    forbidden = set(rules.forbidden)
    pinned_seekers: set[str] = set()
    pins_per_provider: Counter[str] = Counter()
    for index, (seeker_id, provider_id) in enumerate(rules.pinned):
        where = f"rules.pinned[{index}]"
        seeker, provider = seekers[seeker_id], providers[provider_id]
        if provider_id not in seeker.preferences:
            raise InvalidInstance(
                f"{where}: {provider_id} is not in the preferences of {seeker_id}"
            )
        if (seeker_id, provider_id) in forbidden:
            raise InvalidInstance(f"{where}: the pair {seeker_id}, {provider_id} is also forbidden")
        if not rules.allow_same_country and seeker.country == provider.country:
            raise InvalidInstance(
                f"{where}: {seeker_id} and {provider_id} are both in {seeker.country} "
                "and same-country pairs are not allowed"
            )
        if seeker_id in pinned_seekers:
            raise InvalidInstance(f"{where}: {seeker_id} is pinned twice")
        pinned_seekers.add(seeker_id)
        pins_per_provider[provider_id] += 1
        if pins_per_provider[provider_id] > provider.capacity:
            raise InvalidInstance(
                f"{where}: {provider_id} is pinned to {pins_per_provider[provider_id]} seekers "
                f"but its capacity is {provider.capacity}"
            )
    if len(pins_per_provider) > instance.select:
        count = len(pins_per_provider)
        raise InvalidInstance(
            f"rules.pinned: the pins select {count} provider{'s' if count != 1 else ''} "
            f"but select is {instance.select}"
        )
    if per_country is not None:
        per_country_pins = Counter(providers[p].country for p in pins_per_provider)
        for country, count in sorted(per_country_pins.items()):
            if count > per_country:
                raise InvalidInstance(
                    f"rules.pinned: {count} pinned providers in {country} "
                    f"but max_selected_per_country is {per_country}"
                )


def result_to_json(result: SelectionResult) -> dict[str, Any]:
    """The result in the contract's JSON shape (lists and plain values only)."""
    return {
        "selected": list(result.selected),
        "pairs": [_pair_to_json(pair) for pair in result.pairs],
        "unmatched": list(result.unmatched),
        "signature": list(result.signature),
        "optimal": result.optimal,
        "explanations": dict(result.explanations),
        "explanation_codes": {
            seeker: [reason.to_json() for reason in reasons]
            for seeker, reasons in result.explanation_codes.items()
        },
        "stats": dict(result.stats),
    }


def _pair_to_json(pair: Pair) -> dict[str, Any]:
    return {"seeker": pair.seeker, "provider": pair.provider, "rank": pair.rank}
