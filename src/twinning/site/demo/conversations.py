"""Demo data: Torino and Évora write to each other after meeting at the Matchmaking Day,
and in their cohort-5 twinning's workspace with the facilitator; one message waits unread
for Évora's demo account."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from twinning.accounts.models import User
from twinning.cities.models import City
from twinning.common import clock
from twinning.conversations.domain import (
    key_for_cities,
    key_for_twinning,
    mark_read,
    start_conversation,
    start_twinning_conversation,
    write_message,
)
from twinning.conversations.models import Conversation
from twinning.site.demo.plans import _torino_evora

ROME = dt.timezone(dt.timedelta(hours=2))

BEFORE_TWINNING = [
    (
        "mission-city@demo.twinning.eu",
        dt.datetime(2026, 5, 29, 15, tzinfo=ROME),
        "Thank you for the meeting in the Lingotto this morning. Our energy team would like to "
        "learn how Évora set up its energy community in the historic centre. The slides we "
        "showed are on https://www.comune.torino.it/ambiente/ — could you send us yours?",
    ),
    (
        "mission-minded@demo.twinning.eu",
        dt.datetime(2026, 5, 30, 10, tzinfo=ROME),
        "It was a pleasure. We will rank Torino first! I will ask our team for the slides and "
        "the results of the first year of the energy community.",
    ),
]

IN_WORKSPACE = [
    (
        "facilitator@demo.twinning.eu",
        -4,
        "Welcome to your twinning's conversation. Let us use it to prepare the first workshop "
        "and the visit to Évora: which dates suit your teams?",
    ),
    (
        "mission-minded@demo.twinning.eu",
        -3,
        "The second half of the month suits us; the municipal energy agency can host the "
        "delegation for two days.",
    ),
    (
        "mission-city@demo.twinning.eu",
        -1,
        "Our delegation would be three people: the deputy mayor's adviser, the energy officer "
        "and a colleague from the district heating company. Could we visit a building of the "
        "energy community?",
    ),
]


@transaction.atomic
def load_demo_conversations(day: dt.date) -> list[Conversation]:
    """Write the demo conversations once; a conversation already there is left as it is."""
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.twinning.eu")}
    torino = City.objects.filter(name="Torino", is_mission_city=True).first()
    evora = City.objects.filter(name="Évora", is_mission_city=False).first()
    torino_rep = people.get("mission-city@demo.twinning.eu")
    if torino is None or evora is None or torino_rep is None:
        return []
    cities = {"mission-city@demo.twinning.eu": torino, "mission-minded@demo.twinning.eu": evora}
    made = []
    if not Conversation.objects.filter(key=key_for_cities([torino, evora])).exists():
        for email, moment, text in BEFORE_TWINNING:
            city = cities[email]
            with clock.frozen_at(moment):
                message = start_conversation(
                    city, [evora if city == torino else torino], by=people[email], text=text
                )
        made.append(message.conversation)
        # Marta read Évora's answer: the unread message waits in the workspace.
        mark_read(message.conversation, torino_rep)
    twinning = _torino_evora()
    if (
        twinning is not None
        and not Conversation.objects.filter(key=key_for_twinning(twinning)).exists()
    ):
        conversation = None
        for email, offset, text in IN_WORKSPACE:
            moment = dt.datetime.combine(day + dt.timedelta(days=offset), dt.time(11), ROME)
            with clock.frozen_at(moment):
                if conversation is None:
                    conversation = start_twinning_conversation(
                        twinning, by=people[email], text=text
                    ).conversation
                else:
                    write_message(conversation, by=people[email], text=text)
        made.append(conversation)
    return made
