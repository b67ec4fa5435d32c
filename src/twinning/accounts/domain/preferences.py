"""What a person chooses for themselves: whether new messages are mailed, their language."""

from django.conf import settings

from twinning.common.audit import record_action


def set_message_notifications(user, on: bool, *, by) -> None:
    """Turn the mails about new messages between cities on or off for `user`."""
    if user.message_notifications == on:
        return
    user.message_notifications = on
    user.save(update_fields=["message_notifications"])
    record_action("person.message_notifications", user, by=by, on=on)


def set_language(user, language: str, *, by) -> bool:
    """Store the language `user` reads the site and their mail in; False if not offered."""
    if language not in dict(settings.LANGUAGES):
        return False
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        record_action("person.language", user, by=by, language=language)
    return True


def mail_language(user) -> str:
    """The language mail to `user` is written in: their choice, else the site's default."""
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
