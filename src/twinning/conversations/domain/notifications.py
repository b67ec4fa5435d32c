"""Mail about new messages: at most one per conversation and person an hour, with the texts.

The worker sweeps the conversations every few minutes; a person who has read
the messages, or who turned these mails off, is not mailed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from twinning.cities.models import City, Membership
from twinning.common import clock
from twinning.conversations.domain import MAIL_INTERVAL, MAIL_WITHIN
from twinning.conversations.models import Conversation, Message, ReadState
from twinning.mail.domain import queue_mail


def participants(conversation: Conversation) -> list:
    """The people who take part: the representatives of its cities and, in a twinning's
    conversation, the facilitator (read from prefetched cities and memberships)."""
    people = {}
    for city in conversation.cities.all():
        for membership in city.memberships.all():
            people.setdefault(membership.user_id, membership.user)
    if conversation.twinning_id and conversation.twinning.facilitator_id:
        people.setdefault(conversation.twinning.facilitator_id, conversation.twinning.facilitator)
    return list(people.values())


def notify_new_messages(*, at=None) -> int:
    """Queue the mails due about new messages; returns how many were queued."""
    now = at or clock.now()
    conversations = (
        Conversation.objects.filter(last_message_at__gt=now - MAIL_WITHIN)
        .select_related("twinning__facilitator")
        .prefetch_related(
            Prefetch(
                "cities",
                queryset=City.objects.order_by("name").prefetch_related(
                    Prefetch("memberships", queryset=Membership.objects.select_related("user"))
                ),
            )
        )
        .order_by("id")
    )
    return sum(_notify(conversation, now) for conversation in conversations)


@transaction.atomic
def _notify(conversation: Conversation, now) -> int:
    # The conversation's row is held while mailing, then its read states are read: two
    # workers sweeping at once mail each message once, also to people without a state yet.
    Conversation.objects.select_for_update().filter(pk=conversation.pk).first()
    states = {
        s.person_id: s
        for s in ReadState.objects.select_for_update().filter(conversation=conversation)
    }
    messages = list(
        Message.objects.filter(
            conversation=conversation, hidden_at__isnull=True, created__gt=now - MAIL_WITHIN
        )
        .select_related("author", "city")
        .prefetch_related("attachments")
        .order_by("id")
    )
    queued = 0
    for person in participants(conversation):
        if not person.is_active or person.anonymised_at or not person.message_notifications:
            continue
        state = states.get(person.pk)
        if state is not None and state.mailed_at and state.mailed_at > now - MAIL_INTERVAL:
            continue
        since = max(state.last_read_id, state.mailed_up_to_id) if state else 0
        new = [m for m in messages if m.pk > since and m.author_id != person.pk]
        if not new:
            continue
        others = [
            c for c in conversation.cities.all() if c.pk not in _cities_of(person, conversation)
        ]
        queue_mail(
            "conversation_messages",
            person.email,
            {
                "person": person,
                "conversation": conversation,
                "messages": new,
                "cities": " – ".join(c.display_name for c in others),
                "zone": person.time_zone or settings.TIME_ZONE,
            },
            about=conversation,
            language=person.language or None,
        )
        ReadState.objects.update_or_create(
            conversation=conversation,
            person=person,
            defaults={"mailed_up_to_id": new[-1].pk, "mailed_at": now},
        )
        queued += 1
    return queued


def _cities_of(person, conversation) -> set[int]:
    return {
        city.pk
        for city in conversation.cities.all()
        if any(m.user_id == person.pk for m in city.memberships.all())
    }
