import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html

from twinning.common import people
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


@register.inclusion_tag("includes/event_time.html", takes_context=True)
def event_time(context, moment, zone, fmt="DATETIME"):
    """A moment in the event's own time zone, and in the viewer's when it differs.

    The viewer's zone is the signed-in person's setting; for visitors a small
    script fills in the browser's zone.
    """
    if moment is None:
        return {"moment": None}
    formats_by_name = {"DATETIME": "l j F Y, H:i T", "DATE": "j F Y", "TIME": "H:i T"}
    pattern = formats_by_name.get(fmt, fmt)
    local_event = timezone.localtime(moment, zone)
    viewer_zone = timezone.get_current_timezone()
    request = context.get("request")
    user_zone = bool(request and request.user.is_authenticated and request.user.time_zone)
    viewer = timezone.localtime(moment, viewer_zone)
    show_viewer = user_zone and viewer.utcoffset() != local_event.utcoffset()
    return {
        "moment": moment,
        "iso": moment.isoformat(),
        "zone_name": str(zone),
        "event_text": formats.date_format(local_event, pattern),
        "viewer_text": formats.date_format(viewer, pattern) if show_viewer else "",
        "user_zone": user_zone,
        "with_time": fmt != "DATE",
    }


@register.simple_tag
def date_range(start, end, zone):
    """“December 2025 – January 2026”, or “28–29 May 2026”, in the event's time zone."""
    first, last = timezone.localtime(start, zone), timezone.localtime(end, zone)
    if first.date() == last.date():
        return formats.date_format(first, "j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{formats.date_format(last, 'j F Y')}"
    return f"{formats.date_format(first, 'j F Y')} – {formats.date_format(last, 'j F Y')}"


@register.filter
def in_zone(moment, zone):
    """Plain text of a moment in a named time zone, e.g. for e-mails: “Tuesday 16 December
    2025, 12:00 CET”."""
    if moment is None:
        return ""

    local = timezone.localtime(moment, zoneinfo.ZoneInfo(str(zone)))
    return formats.date_format(local, "l j F Y, H:i T")


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
