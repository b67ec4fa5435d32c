"""The feedback of a cohort as the dashboard's lists: per question, per event, the texts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from twinning.cohorts.models import Cohort
from twinning.feedback.domain.queries import SurveyResults, survey_results
from twinning.feedback.enums import QuestionKind
from twinning.feedback.models import Survey
from twinning.orga.figures import Table

FEEDBACK_TABLES = ["feedback-questions", "feedback-events", "feedback-texts"]


def cohort_feedback(cohort: Cohort) -> list[SurveyResults]:
    """The results of every survey of the cohort, in a fixed number of queries."""
    return survey_results(Survey.objects.filter(cohort=cohort).order_by("event", "id"))


def feedback_tables(cohort: Cohort, results: list[SurveyResults] | None = None) -> list[Table]:
    results = cohort_feedback(cohort) if results is None else results
    questions, events, texts = [], [], []
    for survey_result in results:
        title = survey_result.survey.title
        for result in survey_result.questions:
            if result.question.kind == QuestionKind.TEXT:
                texts.extend(
                    [title, event, result.question.text, text] for event, text in result.texts
                )
                breakdown = ""
            else:
                breakdown = " · ".join(f"{choice}: {count}" for choice, count in result.counts)
            questions.append(
                [title, result.question.text, result.answers, result.average, breakdown]
            )
        events.extend([title, e.title, e.invited, e.answered] for e in survey_result.events)
    return [
        Table(
            "feedback-questions",
            _("Feedback by question"),
            [_("Survey"), _("Question"), _("Answers"), _("Average of 5"), _("Answers by value")],
            questions,
        ),
        Table(
            "feedback-events",
            _("Feedback by event"),
            [_("Survey"), _("Event"), _("Invited"), _("Answered")],
            events,
        ),
        Table(
            "feedback-texts",
            _("Feedback in words"),
            [_("Survey"), _("Event"), _("Question"), _("Answer")],
            texts,
        ),
    ]
