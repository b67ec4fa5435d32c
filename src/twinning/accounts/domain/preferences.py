"""What a person chooses for themselves: for now, whether new messages are mailed."""

from twinning.common.audit import record_action


def set_message_notifications(user, on: bool, *, by) -> None:
    """Turn the mails about new messages between cities on or off for `user`."""
    if user.message_notifications == on:
        return
    user.message_notifications = on
    user.save(update_fields=["message_notifications"])
    record_action("person.message_notifications", user, by=by, on=on)
