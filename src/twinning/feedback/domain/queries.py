"""Reading surveys and their results: counts and averages per question, per event and cohort."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from twinning.feedback.enums import QuestionKind
from twinning.feedback.models import Answer, Question, Survey, SurveyInvitation


def surveys_with_counts():
    """Every survey, newest cohort first, with its questions, invitations and answers counted."""
    return Survey.objects.select_related("cohort").annotate(
        question_count=Count("questions", distinct=True),
        invited=Count("invitations", distinct=True),
        answered=Count(
            "invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True
        ),
    )


def survey_or_404(pk) -> Survey:
    return get_object_or_404(Survey.objects.select_related("cohort"), pk=pk)


def question_or_404(survey: Survey, pk) -> Question:
    return get_object_or_404(Question, survey=survey, pk=pk)


def invitation_for_token(token: str) -> SurveyInvitation:
    """The invitation of a mailed link, with its survey and questions; 404 when unknown."""
    invitation = (
        SurveyInvitation.objects.select_related("survey", "survey__cohort")
        .prefetch_related("survey__questions", "answers")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@dataclass
class QuestionResult:
    question: Question
    answers: int = 0
    average: float | None = None
    # (what was answered, how many times) for each value of a scale or option of a choice
    counts: list[tuple[str, int]] = field(default_factory=list)
    # (event, text) for a free text
    texts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class EventResult:
    id: int
    title: str
    invited: int
    answered: int
    # question id -> average on the scale
    averages: dict[int, float] = field(default_factory=dict)
    # the averages in the order of the survey's scale questions (None: no answer)
    scale_averages: list[float | None] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    answered: int
    questions: list[QuestionResult]
    events: list[EventResult]

    @property
    def scale_questions(self) -> list[Question]:
        return [r.question for r in self.questions if r.question.kind == QuestionKind.SCALE]


def survey_results(surveys, *, event_id: int | None = None) -> list[SurveyResults]:
    """The results of each survey, in a fixed number of queries however many there are;
    with `event_id`, only the answers about that event."""
    surveys = list(surveys)
    ids = [s.pk for s in surveys]
    invitations = SurveyInvitation.objects.filter(survey__in=ids)
    answers = Answer.objects.filter(question__survey__in=ids)
    if event_id is not None:
        invitations = invitations.filter(event_id=event_id)
        answers = answers.filter(invitation__event_id=event_id)
    questions = defaultdict(list)
    for question in Question.objects.filter(survey__in=ids):
        questions[question.survey_id].append(question)
    counts = defaultdict(int)
    for row in (
        answers.exclude(question__kind=QuestionKind.TEXT)
        .values("question", "value", "text")
        .annotate(n=Count("id"))
        .order_by()
    ):
        value = row["value"] if row["value"] is not None else row["text"]
        counts[row["question"], str(value)] += row["n"]
    averages = {
        row["question"]: row["average"]
        for row in answers.filter(value__isnull=False)
        .values("question")
        .annotate(average=Avg("value"))
        .order_by()
    }
    texts = defaultdict(list)
    for question_id, event, text in (
        answers.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("invitation__event_ended_at", "id")
        .values_list("question", "invitation__event_title", "text")
    ):
        texts[question_id].append((event, text))
    events = defaultdict(dict)
    for row in (
        invitations.values("survey", "event_id")
        .annotate(
            # one event, whatever its title was when each person was asked
            event_title=Max("event_title"),
            invited=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            ended=Min("event_ended_at"),
        )
        .order_by("survey", "ended", "event_id")
    ):
        events[row["survey"]][row["event_id"]] = EventResult(
            row["event_id"], row["event_title"], row["invited"], row["answered"]
        )
    for row in (
        answers.filter(value__isnull=False)
        .values("question__survey", "invitation__event_id", "question")
        .annotate(average=Avg("value"))
        .order_by()
    ):
        event = events[row["question__survey"]].get(row["invitation__event_id"])
        if event is not None:
            event.averages[row["question"]] = round(row["average"], 2)
    results = []
    for survey in surveys:
        question_results = []
        for question in questions[survey.pk]:
            result = QuestionResult(question)
            result.counts = [(c, counts[question.pk, c]) for c in question.choices]
            result.texts = texts[question.pk]
            result.answers = sum(n for _c, n in result.counts) + len(result.texts)
            if question.pk in averages:
                result.average = round(averages[question.pk], 2)
            question_results.append(result)
        survey_events = list(events[survey.pk].values())
        scales = [q.pk for q in questions[survey.pk] if q.kind == QuestionKind.SCALE]
        for event in survey_events:
            event.scale_averages = [event.averages.get(pk) for pk in scales]
        results.append(
            SurveyResults(
                survey,
                invited=sum(e.invited for e in survey_events),
                answered=sum(e.answered for e in survey_events),
                questions=question_results,
                events=survey_events,
            )
        )
    return results


def answer_rows(survey: Survey) -> list[list]:
    """Every answer of the survey, one row each, without who gave it: event, date, question,
    answer."""
    return [
        [
            a.invitation.event_title,
            a.invitation.answered_at,
            a.question.text,
            a.value if a.value is not None else a.text,
        ]
        for a in Answer.objects.filter(question__survey=survey)
        .select_related("invitation", "question")
        .order_by("invitation__event_ended_at", "invitation_id", "question__position", "id")
    ]
