"""Conversations between the cities of a pair or a trio, and their messages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.common import clock


class Conversation(models.Model):
    """Messages between two or three cities, or inside a twinning's workspace.

    `key` names the set of cities (or the twinning), so that there is one
    conversation per set of cities and one per twinning.
    """

    key = models.CharField(_("key"), max_length=100, unique=True, editable=False)
    cities = models.ManyToManyField(
        "cities.City", verbose_name=_("cities"), related_name="conversations"
    )
    twinning = models.ForeignKey(
        "programme.Twinning",
        verbose_name=_("twinning"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("started"), default=clock.now)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-id"]

    def __str__(self):
        return self.key


class Message(models.Model):
    """Plain text written by a city's representative or the twinning's facilitator."""

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        # Accounts are anonymised, never deleted: the messages stay in the conversation.
        on_delete=models.PROTECT,
        related_name="messages_written",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("written for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"))
    created = models.DateTimeField(_("written"), default=clock.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]

    def __str__(self):
        return f"{self.conversation_id}:{self.pk}"


def attachment_path(instance, filename: str) -> str:
    return f"messages/{instance.message.conversation_id}/{filename}"


class Attachment(models.Model):
    """A file sent with a message: a PDF or an image, checked by its content."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class ReadState(models.Model):
    """How far one person has read a conversation, and how far they were told by mail."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_states"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_states"
    )
    last_read_id = models.PositiveBigIntegerField(_("last message read"), default=0)
    mailed_up_to_id = models.PositiveBigIntegerField(_("last message mailed"), default=0)
    mailed_at = models.DateTimeField(_("last mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "person"], name="one_read_state")
        ]

    def __str__(self):
        return f"{self.conversation_id}:{self.person_id}:{self.last_read_id}"
