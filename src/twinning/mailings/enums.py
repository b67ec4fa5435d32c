from django.db import models
from django.utils.translation import gettext_lazy as _


class MailingState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class MailKind(models.TextChoices):
    # About the person's own part in the programme: sent whatever their newsletter choice.
    SERVICE = "service", _("Service message")
    # News of the programme: only to people who agreed to receive the newsletter.
    NEWSLETTER = "newsletter", _("Newsletter")
