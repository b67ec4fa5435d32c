"""Answering a survey from the link in its mail: the token opens the form, no sign-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twinning.common import l10n
from twinning.common.forms import refuse_on_form
from twinning.feedback.domain import answer_refusal, save_answers
from twinning.feedback.domain.queries import invitation_for_token
from twinning.feedback.forms import AnswerForm


@require_http_methods(["GET", "POST"])
def feedback(request, token):
    try:
        invitation = invitation_for_token(token)
    except Http404:
        return render(request, "public/feedback_gone.html", {"refusal": None}, status=404)
    refusal = answer_refusal(invitation)
    if refusal:
        return render(
            request,
            "public/feedback_gone.html",
            {"refusal": refusal, "invitation": invitation},
            status=410,
        )
    survey = invitation.survey
    questions = list(survey.questions.all())
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        answers=invitation.answers.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_answers(invitation, form.values())
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("Thank you: your answers are received. You can change them here until %(date)s.")
                % {"date": l10n.format_date(invitation.expires_at)},
            )
            return redirect("public:feedback", token=invitation.token)
    return render(
        request,
        "public/feedback.html",
        {"invitation": invitation, "survey": survey, "form": form},
        status=400 if form.is_bound else 200,
    )
