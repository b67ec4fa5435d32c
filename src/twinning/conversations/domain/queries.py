"""Reads of conversations: a person's list with unread counts, a page of messages."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from twinning.cities.enums import RegistrationState
from twinning.cities.models import City, Registration
from twinning.conversations.domain import key_for_cities, key_for_twinning
from twinning.conversations.models import Attachment, Conversation, Message, ReadState
from twinning.programme.models import TwinningMember

# Messages shown on one page of a conversation; older ones are a link away.
PAGE_SIZE = 50


def conversations_of(user):
    """The conversations the person takes part in, with `unread` (messages of others not
    read yet), latest first, with their cities."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    mine = Conversation.objects.filter(cities__memberships__user=user).values("pk")
    last_read = ReadState.objects.filter(conversation=OuterRef("pk"), person=user).values(
        "last_read_id"
    )[:1]
    return (
        Conversation.objects.filter(Q(pk__in=mine) | Q(twinning__facilitator=user))
        .annotate(_last_read=Coalesce(Subquery(last_read), Value(0), output_field=IntegerField()))
        .annotate(
            unread=Count(
                "messages",
                filter=Q(messages__id__gt=F("_last_read"))
                & Q(messages__hidden_at__isnull=True)
                & ~Q(messages__author=user),
            )
        )
        .select_related("twinning__cohort")
        .prefetch_related(Prefetch("cities", queryset=City.objects.order_by("name")))
        .order_by("-last_message_at", "-id")
    )


def unread_conversations(user) -> list[Conversation]:
    """The person's conversations with messages they have not read."""
    return [c for c in conversations_of(user) if c.unread]


def conversation_or_404(pk) -> Conversation:
    return get_object_or_404(
        Conversation.objects.select_related("twinning__cohort").prefetch_related(
            Prefetch("cities", queryset=City.objects.order_by("name"))
        ),
        pk=pk,
    )


def message_or_404(pk) -> Message:
    return get_object_or_404(Message.objects.select_related("conversation"), pk=pk)


def attachment_or_404(pk) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("message__conversation"), pk=pk)


def messages_page(conversation: Conversation, *, before: int | None = None):
    """Up to PAGE_SIZE messages, oldest first: the latest, or those before the message
    `before`; and whether older ones exist."""
    messages = conversation.messages.select_related("author", "city").prefetch_related(
        "attachments"
    )
    if before:
        messages = messages.filter(pk__lt=before)
    page = list(messages.order_by("-id")[: PAGE_SIZE + 1])
    older = len(page) > PAGE_SIZE
    return list(reversed(page[:PAGE_SIZE])), older


def conversation_between(cities) -> Conversation | None:
    return Conversation.objects.filter(key=key_for_cities(cities)).first()


def twinning_conversation(twinning) -> Conversation | None:
    return Conversation.objects.filter(key=key_for_twinning(twinning)).first()


def other_cities(conversation: Conversation, user) -> list[City]:
    """The conversation's cities the person does not represent (all, for a facilitator)."""
    cities = list(conversation.cities.all())
    own = set(
        City.objects.filter(pk__in=[c.pk for c in cities], memberships__user=user).values_list(
            "pk", flat=True
        )
    )
    return [c for c in cities if c.pk not in own] or cities


def other_city_names(conversation: Conversation, own_city_ids) -> str:
    """The names of the conversation's cities other than the person's own (from prefetched
    cities), or all of them for someone who represents none."""
    cities = list(conversation.cities.all())
    others = [c for c in cities if c.pk not in own_city_ids] or cities
    return " – ".join(c.display_name for c in others)


def all_conversations():
    """Every conversation, latest first, with its cities and how many messages it holds:
    the organisers' list for moderation."""
    return (
        Conversation.objects.annotate(message_count=Count("messages"))
        .select_related("twinning__cohort")
        .prefetch_related(Prefetch("cities", queryset=City.objects.order_by("name")))
        .order_by("-last_message_at", "-id")
    )


def cities_meet(city: City, other: City) -> bool:
    """Whether two cities meet in the programme, so that one may write to the other: both
    take part in the same cohort, or they share a twinning."""
    closed = [RegistrationState.REJECTED, RegistrationState.WITHDRAWN]
    cohorts = Registration.objects.filter(city=city).exclude(state__in=closed).values("cohort")
    return (
        Registration.objects.filter(city=other, cohort__in=cohorts)
        .exclude(state__in=closed)
        .exists()
        or TwinningMember.objects.filter(city=other, twinning__members__city=city).exists()
    )
