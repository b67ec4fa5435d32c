"""Organiser pages of the feedback surveys: their questions, and their results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cohorts.domain.queries import current_cohort
from twinning.common.exports import FORMATS, export_response
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires
from twinning.feedback.domain import (
    question_removal_refusal,
    remove_question,
    save_question,
    save_survey,
)
from twinning.feedback.domain.queries import (
    answer_rows,
    question_or_404,
    survey_or_404,
    survey_results,
    surveys_with_counts,
)
from twinning.feedback.forms import QuestionForm, SurveyForm
from twinning.feedback.models import Question, Survey


@requires("feedback.manage_surveys")
def survey_list(request):
    return render(request, "orga/feedback/surveys.html", {"surveys": list(surveys_with_counts())})


@requires("feedback.manage_surveys")
def survey_form(request, pk=None):
    survey = survey_or_404(pk) if pk else Survey()
    initial = None if pk else {"cohort": current_cohort()}
    form = SurveyForm(request.POST or None, instance=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_survey(form.save(commit=False), by=request.user)
        messages.success(request, _("The survey is saved."))
        return redirect("orga:feedback_survey", saved.pk)
    return render(
        request,
        "orga/feedback/survey_form.html",
        {"form": form, "survey": survey if pk else None},
        status=400 if form.is_bound else 200,
    )


def _question_form(request, survey, question):
    if question.pk is None:
        position = max((q.position for q in survey.questions.all()), default=0) + 1
        initial = {"position": position}
    else:
        initial = None
    return QuestionForm(request.POST or None, instance=question, initial=initial, prefix="question")


@requires("feedback.manage_surveys")
def survey_detail(request, pk, question_pk=None):
    """The survey's questions, and a form to add one (or change the one chosen)."""
    survey = survey_or_404(pk)
    question = question_or_404(survey, question_pk) if question_pk else Question(survey=survey)
    form = _question_form(request, survey, question)
    if request.method == "POST" and form.is_valid():
        try:
            save_question(form.save(commit=False), by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("orga:feedback_survey", survey.pk)
    questions = list(survey.questions.all())
    answered = set(
        survey.questions.filter(answers__isnull=False).values_list("pk", flat=True).distinct()
    )
    return render(
        request,
        "orga/feedback/survey_detail.html",
        {
            "survey": survey,
            "questions": [(q, q.pk in answered) for q in questions],
            "form": form,
            "question": question if question_pk else None,
        },
        status=400 if form.is_bound else 200,
    )


@requires("feedback.manage_surveys")
@require_POST
def question_remove(request, pk, question_pk):
    survey = survey_or_404(pk)
    question = question_or_404(survey, question_pk)
    refusal = question_removal_refusal(question)
    if refusal:
        messages.error(request, refusal)
    else:
        remove_question(question, by=request.user)
        messages.success(request, _("The question is removed."))
    return redirect("orga:feedback_survey", survey.pk)


def _event_id(request) -> int | None:
    value = request.GET.get("event", "")
    return int(value) if value.isdigit() else None


@requires("feedback.manage_surveys")
def survey_results_page(request, pk):
    """Counts, averages and texts of the whole survey, or of one event with `?event=`."""
    survey = survey_or_404(pk)
    event_id = _event_id(request)
    (everything,) = survey_results([survey])
    event = next((e for e in everything.events if e.id == event_id), None)
    if event_id is not None and event is None:
        raise Http404
    results = survey_results([survey], event_id=event_id)[0] if event else everything
    return render(
        request,
        "orga/feedback/results.html",
        {"survey": survey, "results": results, "all_events": everything.events, "event": event},
    )


@requires("feedback.manage_surveys")
def survey_export(request, pk, fmt):
    """Every answer of the survey, without who gave it, as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    survey = survey_or_404(pk)
    headers = [_("Event"), _("Answered"), _("Question"), _("Answer")]
    return export_response(fmt, f"survey-{survey.pk}-answers", headers, answer_rows(survey))
