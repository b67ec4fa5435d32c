"""Surveys with questions, and invitations answered or not."""

import datetime as dt

from django.utils import timezone

from tests.factories import CohortFactory, UserFactory
from twinning.feedback.models import Answer, Question, Survey, SurveyInvitation


def survey_with_questions(cohort=None, *, event="workshop", **fields) -> Survey:
    """A survey with a required scale, an optional choice and an optional text question."""
    survey = Survey.objects.create(
        cohort=cohort or CohortFactory(),
        event=event,
        title=fields.pop("title", "How was it?"),
        **fields,
    )
    Question.objects.create(
        survey=survey, position=1, text="How useful was it?", kind="scale", required=True
    )
    Question.objects.create(
        survey=survey,
        position=2,
        text="Was it the right length?",
        kind="choice",
        options=["Too short", "Right", "Too long"],
    )
    Question.objects.create(survey=survey, position=3, text="What would you change?", kind="text")
    return survey


def invitation(survey, *, person=None, event_id=1, event_title="Financing retrofits", **fields):
    now = timezone.now()
    values = {
        "event_ended_at": now - dt.timedelta(days=1),
        "created": now,
        "expires_at": now + dt.timedelta(days=60),
    }
    values.update(fields)
    return SurveyInvitation.objects.create(
        survey=survey,
        event_id=event_id,
        event_title=event_title,
        person=person or UserFactory(),
        **values,
    )


def answered(survey, *, scale, choice=None, text="", **invitation_fields) -> SurveyInvitation:
    """An answered invitation: `scale`, `choice` and `text` to the three questions."""
    invited = invitation(survey, answered_at=timezone.now(), **invitation_fields)
    scale_q, choice_q, text_q = survey.questions.order_by("position")
    Answer.objects.create(invitation=invited, question=scale_q, value=scale)
    if choice:
        Answer.objects.create(invitation=invited, question=choice_q, text=choice)
    if text:
        Answer.objects.create(invitation=invited, question=text_q, text=text)
    return invited
