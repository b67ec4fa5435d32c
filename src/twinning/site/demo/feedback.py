"""Demo feedback: cohort 5's surveys after its workshops and its Matchmaking Day, some
answers already given, and an open invitation for each demo account."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from twinning.accounts.models import User
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.feedback.domain import ANSWER_WITHIN
from twinning.feedback.models import Answer, Question, Survey, SurveyInvitation
from twinning.matchmaking.models import MatchmakingDay
from twinning.workshops.models import Workshop

DEMO_DOMAIN = "@demo.twinning.eu"

SURVEYS = {
    "workshop": (
        "How was the workshop?",
        [
            ("How useful was the workshop for your twinning?", "scale", [], True),
            (
                "Was the workshop the right length?",
                "choice",
                ["Too short", "Right", "Too long"],
                False,
            ),
            ("What should the next workshop cover?", "text", [], False),
        ],
    ),
    "matchmaking_day": (
        "How was the Matchmaking Day?",
        [
            ("How useful were your meetings?", "scale", [], True),
            (
                "How many of your meetings could lead to a twinning?",
                "choice",
                ["None", "One", "Several"],
                False,
            ),
            ("What would you change in the day?", "text", [], False),
        ],
    ),
}

# (scale, choice, text) given by the representatives who answered, in turn.
ANSWERS = [
    (5, 1, "Examples of green bonds issued by cities our size."),
    (4, 1, ""),
    (4, 2, "More time for questions between the cities."),
    (3, 0, ""),
    (5, 1, "How to involve the finance department early."),
]


def _survey(cohort, event) -> Survey:
    title, questions = SURVEYS[event]
    survey, _created = Survey.objects.get_or_create(cohort=cohort, event=event, title=title)
    for position, (text, kind, options, required) in enumerate(questions, start=1):
        Question.objects.update_or_create(
            survey=survey,
            position=position,
            defaults={"text": text, "kind": kind, "options": options, "required": required},
        )
    return survey


def _invite(survey, event_id, title, ended_at, person) -> SurveyInvitation:
    now = clock.now()
    invitation, _created = SurveyInvitation.objects.get_or_create(
        survey=survey,
        event_id=event_id,
        person=person,
        defaults={
            "event_title": title,
            "event_ended_at": ended_at,
            "created": now,
            "expires_at": now + ANSWER_WITHIN,
        },
    )
    return invitation


def _ask(survey, event_id, title, ended_at, people) -> None:
    """Invite each person; the demo accounts' invitations stay open, the others answer."""
    questions = list(survey.questions.order_by("position"))
    others = [p for p in people if not p.email.endswith(DEMO_DOMAIN)]
    for person in people:
        _invite(survey, event_id, title, ended_at, person)
    for person, (scale, choice, text) in zip(others, ANSWERS, strict=False):
        invitation = _invite(survey, event_id, title, ended_at, person)
        if invitation.answered_at is not None:
            continue
        values = [(questions[0], scale, ""), (questions[1], None, questions[1].options[choice])]
        if text:
            values.append((questions[2], None, text))
        for question, value, answer in values:
            Answer.objects.update_or_create(
                invitation=invitation, question=question, defaults={"value": value, "text": answer}
            )
        invitation.answered_at = min(clock.now(), ended_at + dt.timedelta(days=2))
        invitation.save(update_fields=["answered_at"])


@transaction.atomic
def load_demo_feedback() -> None:
    cohort = Cohort.objects.filter(number=5).first()
    if cohort is None:
        return
    now = clock.now()
    workshop = (
        Workshop.objects.filter(cohort=cohort, twinning=None, ends_at__lte=now)
        .order_by("-ends_at")
        .first()
    )
    if workshop is not None:
        people = User.objects.filter(
            workshop_registrations__workshop=workshop, is_active=True
        ).order_by("pk")
        _ask(
            _survey(cohort, "workshop"), workshop.pk, workshop.title, workshop.ends_at, list(people)
        )
    day = next(
        (d for d in MatchmakingDay.objects.filter(cohort=cohort) if d.ends_at and d.ends_at <= now),
        None,
    )
    if day is not None:
        people = (
            User.objects.filter(
                memberships__city__matchmaking_participations__day=day, is_active=True
            )
            .distinct()
            .order_by("pk")
        )
        _ask(_survey(cohort, "matchmaking_day"), day.pk, day.name, day.ends_at, list(people))
