"""Writing to other cities: start a conversation, write, read, hide, and tell people by mail.

There is one conversation per set of cities and one per twinning (its
workspace, where the facilitator takes part). A message is plain text, with
at most one attachment checked like every other upload.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import clock, l10n
from twinning.common.audit import record_action
from twinning.common.files import check_upload
from twinning.conversations.models import Attachment, Conversation, Message, ReadState

MAX_TEXT_LENGTH = 10_000
# At most one mail per conversation and person in this time.
MAIL_INTERVAL = dt.timedelta(hours=1)
# Messages older than this are not mailed any more (the worker was stopped for days).
MAIL_WITHIN = dt.timedelta(days=3)


def key_for_cities(cities) -> str:
    return "cities:" + "-".join(str(pk) for pk in sorted({c.pk for c in cities}))


def key_for_twinning(twinning) -> str:
    return f"twinning:{twinning.pk}"


def _get_or_create(key: str, cities, *, twinning=None, by) -> Conversation:
    conversation = Conversation.objects.filter(key=key).first()
    if conversation is not None:
        return conversation
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(key=key, twinning=twinning, started_by=by)
    except IntegrityError:
        # Started at the same moment by someone of the other city: one conversation.
        return Conversation.objects.get(key=key)
    conversation.cities.set(cities)
    record_action("conversation.started", conversation, by=by)
    return conversation


@transaction.atomic
def start_conversation(from_city, to_cities, *, by, text: str, upload=None) -> Message:
    """The first message (or the next) of `from_city` to the other cities, in their one
    conversation."""
    cities = [from_city, *to_cities]
    if len({c.pk for c in cities}) != len(cities) or not 2 <= len(cities) <= 3:
        raise ValidationError(_("A conversation is between two or three different cities."))
    checked = _checked(text, upload)
    conversation = _get_or_create(key_for_cities(cities), cities, by=by)
    return _write(conversation, by=by, city=from_city, checked=checked)


@transaction.atomic
def start_twinning_conversation(twinning, *, by, text: str, upload=None) -> Message:
    """A message in the twinning's conversation, started with it when it is the first."""
    checked = _checked(text, upload)
    cities = [m.city for m in twinning.members.select_related("city")]
    conversation = _get_or_create(key_for_twinning(twinning), cities, twinning=twinning, by=by)
    return _write(conversation, by=by, city=_city_of(conversation, by), checked=checked)


@transaction.atomic
def write_message(conversation: Conversation, *, by, text: str, upload=None) -> Message:
    """A message of `by` in the conversation, for the city they represent in it."""
    checked = _checked(text, upload)
    return _write(conversation, by=by, city=_city_of(conversation, by), checked=checked)


def _checked(text: str, upload):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a message.")})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(
            {
                "text": ngettext(
                    "A message holds up to %(limit)s character.",
                    "A message holds up to %(limit)s characters.",
                    MAX_TEXT_LENGTH,
                )
                % {"limit": l10n.format_number(MAX_TEXT_LENGTH)}
            }
        )
    content_type = None
    if upload is not None:
        try:
            content_type = check_upload(upload)
        except ValidationError as error:
            raise ValidationError({"attachment": error.messages}) from None
    return text, upload, content_type


def _city_of(conversation: Conversation, person):
    return conversation.cities.filter(memberships__user=person).order_by("name").first()


def _write(conversation: Conversation, *, by, city, checked) -> Message:
    text, upload, content_type = checked
    now = clock.now()
    message = Message.objects.create(
        conversation=conversation, author=by, city=city, text=text, created=now
    )
    if upload is not None:
        attachment = Attachment(message=message, content_type=content_type, size=upload.size)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    # What one writes is read, and never mailed back to them.
    _advance(conversation, by, message.pk)
    return message


def _advance(conversation, person, message_id: int) -> None:
    state, _created = ReadState.objects.get_or_create(conversation=conversation, person=person)
    if state.last_read_id < message_id:
        ReadState.objects.filter(pk=state.pk).update(last_read_id=message_id)


def mark_read(conversation: Conversation, person) -> None:
    """The person has seen every message of the conversation so far."""
    last = conversation.messages.aggregate(last=Max("id"))["last"]
    if last:
        _advance(conversation, person, last)


def record_moderation_reading(conversation: Conversation, *, by) -> None:
    """An organiser who is not part of the conversation read it: the audit trail says so."""
    record_action("conversation.read_by_organiser", conversation, by=by)


@transaction.atomic
def hide_message(message: Message, *, by, reason: str = "") -> Message:
    """Take a message out of the conversation (moderation); it stays for the records."""
    if message.hidden_at is not None:
        raise ValidationError(_("This message is already hidden."))
    message.hidden_at = clock.now()
    message.hidden_by = by
    message.save(update_fields=["hidden_at", "hidden_by"])
    record_action(
        "conversation.message_hidden",
        message.conversation,
        by=by,
        message=message.pk,
        reason=reason,
    )
    return message
