"""City representatives' pages of Matchmaking Days: taking part, requests, the agenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinning.cities.domain.queries import city_or_404
from twinning.common.forms import refuse_on_form
from twinning.matchmaking.domain.days import (
    booking_refusal,
    register_participation,
    set_availability,
)
from twinning.matchmaking.domain.queries import (
    agenda as agenda_of,
)
from twinning.matchmaking.domain.queries import (
    city_at_day,
    day_with_cohort_or_404,
    days_for_user,
    meeting_request_or_404,
    other_participants,
    participation_by_feed_token_or_404,
    participation_of,
    participation_with_city_or_404,
    reports_of_city,
    requests_of,
)
from twinning.matchmaking.domain.reports import (
    meeting_report_refusal,
    report_meetings,
    reporting_closes_at,
    reporting_refusal,
)
from twinning.matchmaking.domain.requests import (
    request_refusal,
    send_meeting_request,
    set_priority,
    set_request_state,
)
from twinning.matchmaking.domain.schedule import agenda_calendar
from twinning.matchmaking.enums import RequestState
from twinning.matchmaking.forms import AttendeesForm, MeetingReportsForm, MeetingRequestForm


def _refused(request, message, *, status=403, back=None):
    return render(
        request,
        "portal/matchmaking/refused.html",
        {"message": message, "back": back},
        status=status,
    )


class Refused(Exception):
    def __init__(self, response):
        self.response = response


def _city_day(request, day_pk, city_pk, *, participating=False):
    """The day, the city (of which the user must be a member) and its participation."""
    day = day_with_cohort_or_404(day_pk)
    city = city_or_404(city_pk)
    if not request.user.has_perm("matchmaking.take_part", city):
        raise Refused(_refused(request, _("Only the representatives of this city can do this.")))
    participation = participation_of(day, city)
    if participating and participation is None:
        raise Refused(
            _refused(
                request,
                _("Register your city for this Matchmaking Day first."),
                status=409,
            )
        )
    return day, city, participation


def refusals(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refused.response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@login_required
def day_list(request):
    """The Matchmaking Days the user's cities can take part in."""
    return render(request, "portal/matchmaking/days.html", {"days": days_for_user(request.user)})


@refusals
def city_day(request, day, city):
    """The city's page of the day: registration and who comes, requests, the agenda link."""
    day, city, participation = _city_day(request, day, city)
    form = AttendeesForm(
        request.POST if request.method == "POST" else None,
        city=city,
        day=day,
        initial={
            "attendees": list(participation.attendees.all()) if participation else [],
            "online": participation.online if participation else False,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            register_participation(
                day,
                city,
                attendees=list(form.cleaned_data["attendees"]),
                online=form.cleaned_data.get("online", False),
                by=request.user,
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("Your city's participation is saved."))
            return redirect("portal:matchmaking_city", day.pk, city.pk)
    return render(
        request,
        "portal/matchmaking/city_day.html",
        {
            "day": day,
            "city": city,
            "participation": participation,
            "standing": city_at_day(day, city, participation),
            "form": form,
            "request_refusal": request_refusal(day),
            "requests": requests_of(day, city) if participation else None,
            "RequestState": RequestState,
        },
    )


@refusals
def availability(request, day, city):
    """A checkbox per slot, grouped by calendar day."""
    day, city, participation = _city_day(request, day, city, participating=True)
    refusal = booking_refusal(day)
    if request.method == "POST":
        if refusal:
            return _refused(request, refusal, status=409)
        chosen = {int(v) for v in request.POST.getlist("slots") if v.isdigit()}
        count = set_availability(participation, chosen, by=request.user)
        messages.success(
            request,
            ngettext(
                "Availability saved: %(count)d slot.", "Availability saved: %(count)d slots.", count
            )
            % {"count": count},
        )
        return redirect("portal:matchmaking_city", day.pk, city.pk)
    chosen = set(participation.availability.values_list("pk", flat=True))
    groups = {}
    for slot in day.slots.all():
        local = timezone.localtime(slot.starts_at, day.zone)
        groups.setdefault(local.date(), []).append(
            {
                "slot": slot,
                # Wall-clock times of the event's zone, which the page names; an aware
                # moment would be moved to the reader's zone by the template.
                "start": local.time(),
                "end": timezone.localtime(slot.ends_at, day.zone).time(),
                "checked": slot.pk in chosen,
            }
        )
    return render(
        request,
        "portal/matchmaking/availability.html",
        {
            "day": day,
            "city": city,
            "standing": city_at_day(day, city, participation),
            "groups": sorted(groups.items()),
            "refusal": refusal,
        },
    )


@refusals
def participants(request, day, city):
    """The participants of the other kind, with the request between the two cities if any."""
    day, city, participation = _city_day(request, day, city, participating=True)
    return render(
        request,
        "portal/matchmaking/participants.html",
        {
            "day": day,
            "city": city,
            "standing": city_at_day(day, city, participation),
            "others": other_participants(day, participation),
            "refusal": request_refusal(day),
        },
    )


@refusals
def request_new(request, day, city, other):
    day, city, participation = _city_day(request, day, city, participating=True)
    other = participation_with_city_or_404(day, other)
    refusal = request_refusal(day)
    if refusal:
        return _refused(request, refusal, status=409)
    form = MeetingRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            send_meeting_request(
                day, city, other.city, message=form.cleaned_data["message"], by=request.user
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent to %(city)s.") % {"city": other.city.display_name},
            )
            return redirect("portal:matchmaking_participants", day.pk, city.pk)
    return render(
        request,
        "portal/matchmaking/request_new.html",
        {
            "day": day,
            "city": city,
            "standing": city_at_day(day, city, participation),
            "other": other,
            "form": form,
        },
    )


ACTIONS = {
    "accept": ("matchmaking.answer_request", RequestState.ACCEPTED),
    "decline": ("matchmaking.answer_request", RequestState.DECLINED),
    "cancel": ("matchmaking.cancel_request", RequestState.CANCELLED),
    "priority": ("matchmaking.mark_priority", None),
    "no-priority": ("matchmaking.mark_priority", None),
}


@require_POST
@login_required
def request_action(request, pk, action):
    """Accept, decline, cancel a request, or mark an accepted meeting as a priority."""
    meeting_request = meeting_request_or_404(pk)
    if action not in ACTIONS:
        return _refused(request, _("This is not something one can do with a request."), status=404)
    perm, new_state = ACTIONS[action]
    if not request.user.has_perm(perm, meeting_request):
        return _refused(request, _("Only the representatives of the cities concerned can do this."))
    city = (
        meeting_request.to_city
        if request.user.has_perm("matchmaking.answer_request", meeting_request)
        and action != "cancel"
        else meeting_request.from_city
    )
    try:
        if new_state:
            set_request_state(meeting_request, new_state, by=request.user)
        else:
            set_priority(meeting_request, city, action == "priority", by=request.user)
    except ValidationError as error:
        return _refused(
            request,
            " ".join(error.messages),
            status=409,
        )
    messages.success(request, _("Saved."))
    return redirect("portal:matchmaking_city", meeting_request.day_id, city.pk)


@refusals
def agenda(request, day, city):
    """The city's published meetings, or a note that the schedule is not published yet;
    after each meeting's slot, the city says whether it took place."""
    day, city, participation = _city_day(request, day, city, participating=True)
    meetings = agenda_of(participation) if day.published_at else []
    reports = reports_of_city(participation) if meetings else {}
    for meeting in meetings:
        meeting.other = meeting.request.other_city(city)
        meeting.report = reports.get(meeting.pk)
        meeting.report_refusal = meeting_report_refusal(meeting)
    reportable = [m for m in meetings if m.report_refusal is None]
    if request.method == "POST" and not reportable:
        refusal = reporting_refusal(day) or _("No meeting of your city can be reported now.")
        raise Refused(_refused(request, refusal, status=409))
    form = MeetingReportsForm(
        request.POST if request.method == "POST" else None,
        meetings=reportable,
        reports=reports,
    )
    if request.method == "POST" and form.is_valid():
        try:
            report_meetings(participation, form.outcomes(), by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("Thank you: what happened at your meetings is saved."))
            return redirect(
                f"{reverse('portal:matchmaking_agenda', args=[day.pk, city.pk])}#report-heading"
            )
    return render(
        request,
        "portal/matchmaking/agenda.html",
        {
            "day": day,
            "city": city,
            "participation": participation,
            "standing": city_at_day(day, city, participation),
            "meetings": meetings,
            "form": form,
            "reporting_refusal": reporting_refusal(day) if meetings else None,
            "reporting_closes_at": reporting_closes_at(day),
        },
        status=400 if form.is_bound else 200,
    )


def feed(request, token):
    """The city's agenda as a calendar feed; the secret token is the only key."""
    participation = participation_by_feed_token_or_404(token)
    response = HttpResponse(agenda_calendar(participation), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
