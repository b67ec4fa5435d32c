"""Why the scheduler left a meeting out, in plain words for the organisers.

The engine gives each left-out meeting a `kind` of reason with the cities and slot it
names (see `twinning.engine.scheduling.reasons`); here each kind becomes a translated
sentence with the cities' names and the slot's time. The engine's own English sentence
and its ids ("c12", "r-18", a slot's id) are never shown: a run stored before the engine
gave kinds, or a kind this version does not know, gets a neutral sentence.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.engine.scheduling.model import ROOMS
from twinning.matchmaking.domain.schedule import NO_LONGER_AVAILABLE

# Sentences that name the place: a table at the venue, a video room online.
_PLACE_SENTENCES = {
    ("no_table", False): lambda: _(
        "No table was free at the times when both %(first)s and %(second)s could meet."
    ),
    ("no_table", True): lambda: _(
        "No video room was free at the times when both %(first)s and %(second)s could meet."
    ),
    ("busy_or_no_table", False): lambda: _(
        "At every time when both %(first)s and %(second)s could meet, one of them already "
        "had another meeting or no table was free."
    ),
    ("busy_or_no_table", True): lambda: _(
        "At every time when both %(first)s and %(second)s could meet, one of them already "
        "had another meeting or no video room was free."
    ),
    ("fixed_no_table", False): lambda: _("It is locked at %(slot)s, when no table was free."),
    ("fixed_no_table", True): lambda: _("It is locked at %(slot)s, when no video room was free."),
}

_SENTENCES = {
    "no_common_slot": lambda: _("%(first)s and %(second)s have no free slot in common."),
    "no_meetings": lambda: _("%(first)s takes no meetings at this day."),
    "displaced": lambda: _(
        "It would only fit at %(slot)s, in place of a meeting with a higher priority."
    ),
    "one_busy": lambda: _(
        "%(first)s already has other meetings at every time when it could meet %(second)s."
    ),
    "both_busy": lambda: _(
        "%(first)s and %(second)s already have other meetings at every time when both could meet."
    ),
    "either_busy": lambda: _(
        "At every time when both %(first)s and %(second)s could meet, one of them already "
        "had another meeting."
    ),
    "fixed_elsewhere": lambda: _("%(first)s already has a locked meeting at %(slot)s."),
    "fixed_clash": lambda: _(
        "%(first)s already has a locked meeting at %(slot)s, with %(second)s."
    ),
    "fixed_both_busy": lambda: _(
        "It is locked at %(slot)s, when %(first)s and %(second)s both have other meetings."
    ),
    "fixed_one_busy": lambda: _("It is locked at %(slot)s, when %(first)s has another meeting."),
    NO_LONGER_AVAILABLE: lambda: _(
        "%(first)s is no longer available at %(slot)s, where this meeting was locked."
    ),
}


def no_reason() -> str:
    """What is shown where the run gives no reason this version can word."""
    return _("No reason can be shown for this meeting.")


def _city(names: dict, participant) -> str:
    return names.get(participant) or _("a city no longer listed")


def _sentence(item: dict, names: dict, slot_name, rooms: bool) -> str:
    kind = item.get("kind")
    who = [_city(names, p) for p in item.get("participants", [])]
    values = {
        "first": who[0] if who else "",
        "second": who[1] if len(who) > 1 else "",
        "slot": slot_name(item.get("slot")),
    }
    limits = item.get("limits") or []
    if kind == "one_full" and limits:
        return ngettext(
            "%(first)s already has the most meetings a city can have: %(limit)d.",
            "%(first)s already has the most meetings a city can have: %(limit)d.",
            limits[0],
        ) % {**values, "limit": limits[0]}
    if kind == "both_full" and limits:
        return ngettext(
            "%(first)s and %(second)s both already have the most meetings a city can have: "
            "%(limit)d.",
            "%(first)s and %(second)s both already have the most meetings a city can have: "
            "%(limit)d.",
            max(limits),
        ) % {**values, "limit": max(limits)}
    if kind == "fixed_tables_full" and item.get("capacity") is not None:
        capacity = item["capacity"]
        if rooms:
            text = ngettext(
                "It is locked at %(slot)s, when the only video room holds another locked meeting.",
                "It is locked at %(slot)s, when all %(count)d video rooms hold other locked "
                "meetings.",
                capacity,
            )
        else:
            text = ngettext(
                "It is locked at %(slot)s, when the only table holds another locked meeting.",
                "It is locked at %(slot)s, when all %(count)d tables hold other locked meetings.",
                capacity,
            )
        return text % {**values, "count": capacity}
    sentence = _PLACE_SENTENCES.get((kind, rooms)) or _SENTENCES.get(kind)
    if sentence is None:
        return no_reason()
    return sentence() % values


def left_out_meetings(run, slots) -> list[dict]:
    """Each meeting the run left out, in the instance's order: `meeting` (the request's
    engine id), the two cities' names `first` and `second`, and `why` in a sentence.

    `slots` are the day's slots, named by their local time; the run's stored instance
    gives the cities' names as they were sent to the engine."""
    if not run.result:
        return []
    instance = run.instance
    names = {p["id"]: p.get("name") for p in instance.get("participants", [])}
    stored_slots = {s["id"]: s.get("name") for s in instance.get("slots", [])}
    slot_names = {slot.engine_id: str(slot) for slot in slots}
    meetings = {m["id"]: m for m in instance.get("meetings", [])}
    online = run.day.is_online

    def slot_name(slot_id):
        return (
            slot_names.get(slot_id) or stored_slots.get(slot_id) or _("a time no longer in the day")
        )

    items = []
    for item in [*instance.get("left_out", []), *run.result.get("unscheduled", [])]:
        meeting = meetings.get(item["meeting"], {})
        # A meeting the app kept out of the engine's instance names its cities itself.
        pair = [_city(names, p) for p in meeting.get("participants", item.get("between", []))]
        pair += ["", ""]
        rooms = online or meeting.get("pool") == ROOMS
        items.append(
            {
                "meeting": item["meeting"],
                "first": pair[0],
                "second": pair[1],
                "why": _sentence(item, names, slot_name, rooms),
            }
        )
    return items
