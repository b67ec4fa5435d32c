from django.utils.translation import ngettext


def attendance_saved(count: int) -> str:
    """The confirmation after attendance is recorded (a webinar's or a workshop's)."""
    return ngettext(
        "Attendance saved: %(count)d attended.",
        "Attendance saved: %(count)d attended.",
        count,
    ) % {"count": count}
