"""Meeting requests between cities: sent, accepted, declined, cancelled, marked a priority."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.domain.queries import member_emails
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.mail.domain import queue_mail
from twinning.matchmaking.enums import RequestState
from twinning.matchmaking.models import DayParticipation, Meeting, MeetingRequest

TRANSITIONS = {
    RequestState.PENDING: {RequestState.ACCEPTED, RequestState.DECLINED, RequestState.CANCELLED},
    RequestState.ACCEPTED: {RequestState.CANCELLED},
    RequestState.DECLINED: set(),
    RequestState.CANCELLED: set(),
}


def request_refusal(day, *, at=None) -> str | None:
    if (at or clock.now()) >= day.request_deadline:
        return _("Meeting requests for %(day)s closed.") % {"day": day.name}
    return None


def _notify(template, meeting_request, city, *, by) -> None:
    to = member_emails([city])
    if to:
        queue_mail(
            template,
            to,
            {
                "request": meeting_request,
                "day": meeting_request.day,
                "city": city,
                "path": reverse_lazy(
                    "portal:matchmaking_city", args=[meeting_request.day_id, city.pk]
                ),
            },
            about=meeting_request,
            by=by,
        )


def send_meeting_request(day, from_city, to_city, *, message: str, by) -> MeetingRequest:
    """Ask another participant of the other kind for a meeting, within the cap and deadline."""
    refusal = request_refusal(day)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        parties = {
            p.city_id: p
            for p in DayParticipation.objects.select_for_update().filter(
                day=day, city__in=[from_city, to_city]
            )
        }
        if from_city.pk not in parties:
            raise ValidationError(_("Register your city for this Matchmaking Day first."))
        if to_city.pk not in parties or to_city.pk == from_city.pk:
            raise ValidationError(_("This city does not take part in this Matchmaking Day."))
        if parties[from_city.pk].kind == parties[to_city.pk].kind:
            raise ValidationError(
                _("Meetings are between a Mission city and a Mission-minded city.")
            )
        open_states = [RequestState.PENDING, RequestState.ACCEPTED]
        between = MeetingRequest.objects.filter(
            Q(from_city=from_city, to_city=to_city) | Q(from_city=to_city, to_city=from_city),
            day=day,
            state__in=open_states,
        )
        if between.exists():
            raise ValidationError(_("There is already a request between your two cities."))
        sent = MeetingRequest.objects.filter(
            day=day, from_city=from_city, state__in=open_states
        ).count()
        if day.request_cap is not None and sent >= day.request_cap:
            raise ValidationError(
                ngettext(
                    "Your city has sent the %(cap)d request it may send.",
                    "Your city has sent the %(cap)d requests it may send.",
                    day.request_cap,
                )
                % {"cap": day.request_cap}
            )
        try:
            with transaction.atomic():
                meeting_request = MeetingRequest.objects.create(
                    day=day, from_city=from_city, to_city=to_city, message=message.strip()
                )
        except IntegrityError:
            raise ValidationError(
                _("There is already a request between your two cities.")
            ) from None
        record_action("matchmaking.request_sent", meeting_request, by=by)
        _notify("matchmaking_request", meeting_request, to_city, by=by)
    return meeting_request


def set_request_state(meeting_request: MeetingRequest, new_state: str, *, by) -> MeetingRequest:
    """Accept, decline or cancel a request; an accepted one gets its place in the schedule."""
    with transaction.atomic():
        meeting_request = MeetingRequest.objects.select_for_update().get(pk=meeting_request.pk)
        if new_state not in TRANSITIONS[meeting_request.state]:
            raise ValidationError(
                _("This request is already “%(state)s”.")
                % {"state": meeting_request.get_state_display()}
            )
        if meeting_request.day.published_at is None or new_state != RequestState.CANCELLED:
            refusal = request_refusal(meeting_request.day)
            if refusal:
                raise ValidationError(refusal)
        old_state = meeting_request.state
        meeting_request.state = new_state
        meeting_request.decided_at = clock.now()
        meeting_request.save(update_fields=["state", "decided_at"])
        if new_state == RequestState.ACCEPTED:
            Meeting.objects.get_or_create(request=meeting_request, day=meeting_request.day)
        elif old_state == RequestState.ACCEPTED:
            _drop_meeting(meeting_request)
        record_action(
            "matchmaking.request_state", meeting_request, by=by, old=old_state, new=new_state
        )
        if new_state in (RequestState.ACCEPTED, RequestState.DECLINED):
            _notify(
                f"matchmaking_request_{new_state}",
                meeting_request,
                meeting_request.from_city,
                by=by,
            )
    return meeting_request


def _drop_meeting(meeting_request: MeetingRequest) -> None:
    """A published meeting stays, out of the draft and with a higher SEQUENCE, so that the
    cities' calendar feeds show it as cancelled under its UID; an unpublished one goes."""
    meeting = Meeting.objects.filter(request=meeting_request).first()
    if meeting is None:
        return
    if not meeting.published:
        meeting.delete()
        return
    meeting.slot, meeting.table, meeting.in_room, meeting.locked = None, None, False, False
    meeting.reason = _("Cancelled by %(city)s.") % {"city": meeting_request.from_city}
    meeting.sequence += 1
    meeting.save(update_fields=["slot", "table", "in_room", "locked", "reason", "sequence"])


def set_priority(meeting_request: MeetingRequest, city, priority: bool, *, by) -> MeetingRequest:
    """One side marks (or unmarks) an accepted meeting as a priority for its city."""
    with transaction.atomic():
        meeting_request = MeetingRequest.objects.select_for_update().get(pk=meeting_request.pk)
        if meeting_request.state != RequestState.ACCEPTED:
            raise ValidationError(_("Only an accepted meeting can be marked as a priority."))
        refusal = request_refusal(meeting_request.day)
        if refusal:
            raise ValidationError(refusal)
        if city.pk == meeting_request.from_city_id:
            field = "from_priority"
        elif city.pk == meeting_request.to_city_id:
            field = "to_priority"
        else:
            raise ValidationError(_("Your city is not part of this meeting."))
        setattr(meeting_request, field, priority)
        meeting_request.save(update_fields=[field])
        record_action(
            "matchmaking.priority", meeting_request, by=by, city=city.pk, priority=priority
        )
    return meeting_request
