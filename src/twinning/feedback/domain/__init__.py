"""Surveys: their questions, the invitations sent after each event, and the answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Milestone
from twinning.common import clock, l10n
from twinning.common.audit import record_action
from twinning.feedback.enums import QuestionKind, SurveyEvent
from twinning.feedback.models import Answer, Question, Survey, SurveyInvitation
from twinning.mail.domain import queue_mail
from twinning.matchmaking.models import MatchmakingDay
from twinning.programme.enums import AGREED_STATES
from twinning.visits.enums import VisitState
from twinning.visits.models import Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop

# People are asked about an event that ended at most this long ago: a survey opened
# later does not reach back to the start of the year.
INVITE_WITHIN = dt.timedelta(days=30)
# How long the link in the mail takes answers.
ANSWER_WITHIN = dt.timedelta(days=60)


# --- surveys and questions --------------------------------------------------------------


def save_survey(survey: Survey, *, by) -> Survey:
    created = survey.pk is None
    survey.save()
    record_action("survey.created" if created else "survey.changed", survey, by=by)
    return survey


def save_question(question: Question, *, by) -> Question:
    """Store a question; the kind of answer of a question already answered stays."""
    if question.pk and question.answers.exists():
        stored = Question.objects.get(pk=question.pk)
        if stored.kind != question.kind:
            raise ValidationError(
                {"kind": _("People have answered this question: its kind of answer stays.")}
            )
    if question.kind == QuestionKind.CHOICE and len(question.options) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    if question.kind != QuestionKind.CHOICE:
        question.options = []
    question.save()
    record_action("survey.question_saved", question.survey, by=by, question=question.text)
    return question


def question_removal_refusal(question: Question) -> str | None:
    if question.answers.exists():
        return _("People have answered this question: it stays, so that the results add up.")
    return None


def remove_question(question: Question, *, by) -> None:
    refusal = question_removal_refusal(question)
    if refusal:
        raise ValidationError(refusal)
    record_action("survey.question_removed", question.survey, by=by, question=question.text)
    question.delete()


# --- invitations ------------------------------------------------------------------------


@dataclass(frozen=True)
class EndedEvent:
    """An event a survey asks about, and who is asked."""

    id: int
    title: str
    ended_at: dt.datetime
    people: list


def _active(people):
    return people.filter(is_active=True, anonymised_at__isnull=True).distinct().order_by("pk")


def _ended_workshops(survey, since, until):
    workshops = Workshop.objects.filter(
        cohort=survey.cohort_id, ends_at__gt=since, ends_at__lte=until
    )
    people = get_user_model().objects
    return [
        EndedEvent(
            w.pk,
            w.title,
            w.ends_at,
            # Those who came, or whose attendance is not recorded; not those marked absent.
            list(
                _active(
                    people.filter(
                        workshop_registrations__workshop=w,
                        workshop_registrations__attendance__in=[
                            Attendance.ATTENDED,
                            Attendance.UNKNOWN,
                        ],
                    )
                )
            ),
        )
        for w in workshops
    ]


def _ended_days(survey, since, until):
    people = get_user_model().objects
    events = []
    for day in MatchmakingDay.objects.filter(cohort=survey.cohort_id):
        ends_at = day.ends_at
        if ends_at is None or not since < ends_at <= until:
            continue
        # The people each city said would come.
        attendees = people.filter(matchmaking_participations__day=day)
        events.append(EndedEvent(day.pk, day.name, ends_at, list(_active(attendees))))
    return events


def _ended_visits(survey, since, until):
    visits = Visit.objects.filter(
        twinning__cohort=survey.cohort_id,
        state=VisitState.DONE,
        state_changed_at__gt=since,
        state_changed_at__lte=until,
    ).select_related("host")
    people = get_user_model().objects
    return [
        EndedEvent(
            v.pk,
            str(v),
            v.state_changed_at,
            list(_active(people.filter(visit_delegations__visit=v))),
        )
        for v in visits
    ]


def _ended_programme(survey, since, until):
    window = (
        Milestone.objects.filter(cohort=survey.cohort_id, kind=MilestoneKind.PROGRAMME)
        .select_related("cohort")
        .order_by("-ends_at")
        .first()
    )
    if window is None or not since < window.ends_at <= until:
        return []
    representatives = get_user_model().objects.filter(
        memberships__city__twinning_memberships__twinning__cohort=survey.cohort_id,
        memberships__city__twinning_memberships__twinning__state__in=AGREED_STATES,
    )
    title = _("Programme year of %(cohort)s") % {"cohort": window.cohort.name}
    return [EndedEvent(survey.cohort_id, title, window.ends_at, list(_active(representatives)))]


ENDED_EVENTS = {
    SurveyEvent.WORKSHOP: _ended_workshops,
    SurveyEvent.MATCHMAKING_DAY: _ended_days,
    SurveyEvent.VISIT: _ended_visits,
    SurveyEvent.PROGRAMME_END: _ended_programme,
}


def ended_events(survey: Survey, *, now: dt.datetime | None = None) -> list[EndedEvent]:
    """The events of the survey's kind and cohort that ended within `INVITE_WITHIN`."""
    now = now or clock.now()
    return ENDED_EVENTS[survey.event](survey, now - INVITE_WITHIN, now)


def invite(survey: Survey, event: EndedEvent, person) -> SurveyInvitation | None:
    """Ask `person` about `event` once: the invitation and its mail, or None when they were
    already asked."""
    now = clock.now()
    try:
        with transaction.atomic():
            invitation, created = SurveyInvitation.objects.get_or_create(
                survey=survey,
                event_id=event.id,
                person=person,
                defaults={
                    "event_title": event.title[:300],
                    "event_ended_at": event.ended_at,
                    "created": now,
                    "expires_at": now + ANSWER_WITHIN,
                },
            )
            if not created:
                return None
            queue_mail(
                "feedback_invitation",
                person.email,
                {"invitation": invitation, "survey": survey, "person": person},
                about=invitation,
                language=person.language or None,
            )
    except IntegrityError:
        # Another worker asked them at the same moment.
        return None
    return invitation


def send_survey_invitations() -> int:
    """Invite the people of every event that ended, once each; returns how many were invited."""
    sent = 0
    # A survey without questions yet is still being written: nobody is asked.
    surveys = Survey.objects.filter(is_open=True, questions__isnull=False).distinct()
    for survey in surveys.select_related("cohort"):
        asked = set(
            SurveyInvitation.objects.filter(survey=survey).values_list("event_id", "person_id")
        )
        for event in ended_events(survey):
            for person in event.people:
                if (event.id, person.pk) not in asked and invite(survey, event, person):
                    sent += 1
    return sent


# --- answers ----------------------------------------------------------------------------


def answer_refusal(invitation: SurveyInvitation) -> str | None:
    """Why the form no longer takes answers, or None."""
    if invitation.person_id is None:
        return _("This link no longer works.")
    if not invitation.survey.is_open:
        return _("This survey is closed: it no longer takes answers.")
    if invitation.expires_at <= clock.now():
        return _("This link took answers until %(date)s; that time is over.") % {
            "date": l10n.format_date(invitation.expires_at)
        }
    return None


@transaction.atomic
def save_answers(invitation: SurveyInvitation, values: dict[int, object]) -> SurveyInvitation:
    """Store the answers by question id (an int on the scale, a text otherwise); answering
    again replaces them while the survey takes answers."""
    refusal = answer_refusal(invitation)
    if refusal:
        raise ValidationError(refusal)
    questions = {q.pk: q for q in invitation.survey.questions.all()}
    invitation.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(
            invitation=invitation,
            question=questions[pk],
            value=int(value) if questions[pk].kind == QuestionKind.SCALE else None,
            text="" if questions[pk].kind == QuestionKind.SCALE else str(value),
        )
        for pk, value in values.items()
        if pk in questions and value not in (None, "")
    )
    invitation.answered_at = clock.now()
    invitation.save(update_fields=["answered_at"])
    return invitation
