"""Why a Mission city got the twin it got, in the reader's language and with the cities'
names: the selection engine's explanation codes (see `twinning.engine.selection.explain`)
turned into sentences at display time.

The engine names cities by their keys ("city-125"); here they become the cities' names,
read from the City rows. The English text the engine also gives is never shown: a run or
a twinning stored before the engine gave codes gets a neutral sentence instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from twinning.cities.countries import country_name
from twinning.cities.models import City
from twinning.selection.domain.runs import city_pk


def no_explanation() -> str:
    """What is shown where only the engine's text of an older run is stored."""
    return _("No explanation can be shown for this result.")


def cities_named(codes: Iterable[Mapping]) -> set[str]:
    """Every city key that the codes name."""
    keys = set()
    for reason in codes:
        params = reason.get("params") or {}
        if params.get("provider"):
            keys.add(params["provider"])
        keys.update(taker.get("seeker") for taker in params.get("takers") or [])
        keys.update(params.get("selected") or [])
    keys.discard(None)
    return keys


def city_names(keys: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """The cities' names by key, from the City rows in one query; `known` names (those
    stored with a run) stand in for a city no longer there."""
    pks = {}
    for key in keys:
        try:
            pks[key] = city_pk(key)
        except ValueError:  # not one of this app's keys: leave it to the fallback
            continue
    cities = City.objects.in_bulk(set(pks.values()))
    names = dict(known or {})
    names.update({key: cities[pk].display_name for key, pk in pks.items() if pk in cities})
    return names


def name_of(names: Mapping[str, str], key) -> str:
    """The name of the city with this key, never the key itself."""
    return names.get(key) or _("a city no longer listed")


def _and(items: list[str]) -> str:
    return str(get_text_list(items, pgettext("the last two items of a list", "and")))


def _full(params: Mapping, values: dict, names: Mapping[str, str]) -> str:
    takers = []
    for taker in params.get("takers") or []:
        if taker.get("pinned"):
            text = pgettext(
                "a Mission city that took a place, and where it ranked that place",
                "%(city)s (its choice no. %(rank)s, pinned by the organisers)",
            )
        else:
            text = pgettext(
                "a Mission city that took a place, and where it ranked that place",
                "%(city)s (its choice no. %(rank)s)",
            )
        takers.append(text % {"city": name_of(names, taker.get("seeker")), "rank": taker["rank"]})
    return ngettext(
        "Choice no. %(rank)s, %(city)s, is full: its place went to %(takers)s.",
        "Choice no. %(rank)s, %(city)s, is full: its places went to %(takers)s.",
        len(takers),
    ) % {**values, "takers": _and(takers)}


def _country_cap(params: Mapping, values: dict, names: Mapping[str, str]) -> str:
    cap, selected = params["cap"], params.get("selected") or []
    values = {**values, "cap": cap, "country": country_name(params["country"])}
    if not selected:
        return (
            ngettext(
                "Choice no. %(rank)s, %(city)s, was not selected: at most %(cap)s Mission-minded "
                "city may be selected per country.",
                "Choice no. %(rank)s, %(city)s, was not selected: at most %(cap)s Mission-minded "
                "cities may be selected per country.",
                cap,
            )
            % values
        )
    return ngettext(
        "Choice no. %(rank)s, %(city)s, was not selected: at most %(cap)s Mission-minded city "
        "may be selected per country, and %(country)s already has %(selected)s.",
        "Choice no. %(rank)s, %(city)s, was not selected: at most %(cap)s Mission-minded "
        "cities may be selected per country, and %(country)s already has %(selected)s.",
        cap,
    ) % {**values, "selected": _and([name_of(names, key) for key in selected])}


def _selection_cap(params: Mapping, values: dict) -> str:
    cap = params["cap"]
    text = ngettext(
        "Choice no. %(rank)s, %(city)s, was not selected: the cap of %(cap)s selected "
        "Mission-minded city was reached.",
        "Choice no. %(rank)s, %(city)s, was not selected: the cap of %(cap)s selected "
        "Mission-minded cities was reached.",
        cap,
    ) % {**values, "cap": cap}
    if params.get("optimal"):
        text += " " + _(
            "No selection that includes it pairs more Mission cities or gives them higher choices."
        )
    return text


def _sentence(reason: Mapping, names: Mapping[str, str]) -> str:
    code = reason.get("code")
    params = reason.get("params") or {}
    if code == "no_preferences":
        return _("It ranked no Mission-minded city.")
    if code == "not_paired":
        return _("It was not paired.")
    if "rank" not in params:
        return no_explanation()
    values = {"rank": params["rank"], "city": name_of(names, params.get("provider"))}
    if code == "pinned":
        return _("The organisers pinned it to %(city)s, its choice no. %(rank)s.") % values
    if code == "paired_with_rank":
        return _("Paired with %(city)s, its choice no. %(rank)s.") % values
    if code == "forbidden":
        return _("Choice no. %(rank)s, %(city)s: the organisers forbade this pair.") % values
    if code == "same_country":
        return _(
            "Choice no. %(rank)s, %(city)s, is in the same country (%(country)s), and "
            "twinnings within one country are not allowed."
        ) % {**values, "country": country_name(params.get("country", ""))}
    if code == "full":
        return _full(params, values, names)
    if code == "country_cap":
        return _country_cap(params, values, names)
    if code == "selection_cap":
        return _selection_cap(params, values)
    if code == "same_cap":
        return _("Choice no. %(rank)s, %(city)s, was not selected either, for the same cap.") % (
            values
        )
    if code == "time_limit" and params.get("in_selection"):
        return (
            _(
                "Choice no. %(rank)s, %(city)s, still had room when the time limit stopped the "
                "search."
            )
            % values
        )
    if code == "time_limit":
        return (
            _(
                "Choice no. %(rank)s, %(city)s, was not selected before the time limit stopped "
                "the search."
            )
            % values
        )
    return no_explanation()


def explain_choice(codes: Iterable[Mapping], names: Mapping[str, str]) -> str:
    """A Mission city's explanation codes as sentences in the active language, the cities
    called by `names` (city key -> name, see `city_names`)."""
    return " ".join(_sentence(reason, names) for reason in codes)


def member_explanation(member) -> str:
    """Why a Mission city in a twinning got this twin, in the active language: "" for a
    first choice, a neutral sentence for a twinning stored with the engine's text only."""
    codes = member.explanation_codes or []
    if codes:
        return explain_choice(codes, city_names(cities_named(codes)))
    return no_explanation() if member.explanation else ""
