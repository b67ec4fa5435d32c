from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html

from twinning.common import l10n, people
from twinning.common.languages import LocalText, differs_from_page
from twinning.common.languages import language_name as name_of_language

register = template.Library()


@register.filter
def person(user, nobody=None):
    """The person's name, else their e-mail, else “a former member” when the account is gone.

    `{{ entry.actor|person:_("the platform") }}` says the argument when there is no account.
    """
    return people.display_name(user, nobody)


@register.filter
def person_email(user):
    """The person's e-mail address, or nothing for a former member."""
    return people.contact_email(user)


# The kinds of moment `event_time` writes: a named format, and whether the time
# (and so the zone) is part of it.
_EVENT_FORMATS = {
    "DATETIME": ("WEEKDAY_DATETIME_FORMAT", True),
    "DATE": ("DATE_FORMAT", False),
    "TIME": ("TIME_FORMAT", True),
}


@register.inclusion_tag("includes/event_time.html", takes_context=True)
def event_time(context, moment, zone, fmt="DATETIME"):
    """A moment in the event's own time zone, and in the viewer's when it reads otherwise.

    The viewer's zone is the signed-in person's setting; for visitors a small
    script fills in the browser's zone. Either way the viewer's time is added only
    when their zone is at another UTC offset at that moment (Paris and Berlin
    read the same time), and, for a date alone, only when the day differs.
    """
    if moment is None:
        return {"moment": None}
    name, with_time = _EVENT_FORMATS.get(fmt, (fmt, True))
    pattern = l10n.get_format(name) + (" T" if with_time else "")
    local_event = timezone.localtime(moment, zone)
    request = context.get("request")
    user_zone = bool(request and request.user.is_authenticated and request.user.time_zone)
    viewer = timezone.localtime(moment, timezone.get_current_timezone())
    event_text = formats.date_format(local_event, pattern)
    viewer_text = ""
    if user_zone and viewer.utcoffset() != local_event.utcoffset():
        viewer_text = formats.date_format(viewer, pattern)
        if viewer_text == event_text:
            viewer_text = ""
    return {
        "moment": moment,
        "iso": moment.isoformat(),
        "zone_name": str(zone),
        "offset_minutes": int(local_event.utcoffset().total_seconds() // 60),
        "event_text": event_text,
        "viewer_text": viewer_text,
        "user_zone": user_zone,
        "with_time": with_time,
        "time_only": fmt == "TIME",
    }


@register.simple_tag
def date_range(start, end, zone):
    """“28–29 May 2026”, or “16 December 2025 – 31 January 2026”, in the event's time zone."""
    first, last = timezone.localtime(start, zone), timezone.localtime(end, zone)
    return l10n.format_date_range(first.date(), last.date())


@register.filter
def in_zone(moment, zone):
    """Plain text of a moment in a named time zone, e.g. for e-mails: “Tuesday 16 December
    2025, 12:00 CET”."""
    if moment is None:
        return ""
    return l10n.format_in_zone(moment, str(zone))


@register.simple_tag
def lang_attr(language):
    """` lang="it"` for an element holding a text in `language`, when the page is in another
    one; ` lang=""` for a text whose language is not known; nothing otherwise.

    `<div class="prose"{% lang_attr practice.language %}>`
    """
    language = language or ""
    if not differs_from_page(language):
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def with_lang(text, language=None):
    """The text, in a `<span lang="…">` when its language is not the page's.

    Give the language (`{{ practice.title|with_lang:practice.language }}`), or a
    `LocalText` that knows its own (`{{ milestone.local_label|with_lang }}`).
    """
    if isinstance(text, LocalText):
        text, language = text.text, text.language
    language = language or ""
    if not differs_from_page(language):
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


@register.filter
def language_name(code):
    """The name of a language in the reader's language: `{{ "fr"|language_name }}`."""
    return name_of_language(code) if code else ""


@register.filter
def local_date(value, name="DATE_FORMAT"):
    """A date or moment in a named format of the reader's language, Django's
    ("SHORT_DATETIME_FORMAT") or the project's ("WEEKDAY_DATE_FORMAT"); a moment is
    shown in the current time zone, as Django's `date` filter does."""
    if value in (None, ""):
        return ""
    return l10n.format_date(value, name)


@register.filter
def money(value):
    """A sum of money with two decimals and the reader's separators: “1,234.50”."""
    if value in (None, ""):
        return ""
    return l10n.format_amount(value)
