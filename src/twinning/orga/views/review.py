"""Organiser pages: the review queue of registrations, a registration's page, decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cities.countries import COUNTRY_CHOICES
from twinning.cities.domain.queries import (
    invitations_of_registration,
    members_of_city,
    registration_history,
    registration_or_404,
)
from twinning.cities.domain.registration import set_registration_state
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.forms import RegistrationDecisionForm
from twinning.cohorts.domain.queries import all_cohorts, pick_cohort
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires
from twinning.common.rendering import render_markdown
from twinning.common.wording import in_sentence
from twinning.practices.domain.practices import set_practice_state
from twinning.practices.domain.queries import (
    practice_with_registration_or_404,
    registration_for_review_or_404,
    review_queue,
)
from twinning.practices.forms import PracticeDecisionForm

PAGE_SIZE = 50


@requires("cities.review_registration")
def registration_list(request):
    cohorts = all_cohorts()
    cohort = pick_cohort(request, cohorts)
    get = request.GET
    queue = (
        review_queue(
            cohort,
            kind=get.get("kind", ""),
            state=get.get("state", ""),
            country=get.get("country", ""),
            q=get.get("q", "").strip(),
            practices_to_review=get.get("practices") == "submitted",
        )
        if cohort
        else []
    )
    page = Paginator(queue, PAGE_SIZE).get_page(get.get("page"))
    return render(
        request,
        "orga/review/registration_list.html",
        {
            "cohorts": cohorts,
            "cohort": cohort,
            "page": page,
            "registrations": list(page.object_list),
            "kinds": CityKind.choices,
            "states": RegistrationState.choices,
            "countries": COUNTRY_CHOICES,
            "selected": {
                key: get.get(key, "") for key in ("kind", "state", "country", "q", "practices")
            },
        },
    )


@requires("cities.review_registration")
def registration_detail(request, pk):
    """Everything the city entered, its history, and the decisions to take."""
    return _detail(request, pk)


def _detail(request, pk, decision_form=None, practice_forms=None):
    registration = registration_for_review_or_404(pk)
    practice_forms = practice_forms or {}
    practices = [
        {
            "practice": practice,
            "description": render_markdown(practice.description),
            "form": practice_forms.get(practice.pk)
            or PracticeDecisionForm(prefix=f"p{practice.pk}"),
        }
        for practice in registration.practices.all()
    ]
    return render(
        request,
        "orga/review/registration_detail.html",
        {
            "registration": registration,
            "members": members_of_city(registration.city),
            "invitations": invitations_of_registration(registration),
            "practices": practices,
            "form": decision_form or RegistrationDecisionForm(),
            "history": registration_history(registration),
        },
        status=400 if decision_form is not None or practice_forms else 200,
    )


@requires("cities.review_registration")
@require_POST
def registration_decide(request, pk):
    registration = registration_or_404(pk)
    form = RegistrationDecisionForm(request.POST)
    if form.is_valid():
        try:
            set_registration_state(
                registration,
                form.cleaned_data["decision"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("The registration of %(city)s is now %(state)s; its members have been told.")
                % {
                    "city": registration.city,
                    "state": in_sentence(registration.get_state_display()),
                },
            )
            return redirect("orga:registration", registration.pk)
    return _detail(request, pk, decision_form=form)


@requires("practices.review_practice")
@require_POST
def practice_decide(request, pk):
    practice = practice_with_registration_or_404(pk)
    form = PracticeDecisionForm(request.POST, prefix=f"p{practice.pk}")
    if form.is_valid():
        try:
            set_practice_state(
                practice,
                form.cleaned_data["decision"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(state)s.")
                % {"title": practice.title, "state": in_sentence(practice.get_state_display())},
            )
            return redirect("orga:registration", practice.registration_id)
    return _detail(request, practice.registration_id, practice_forms={practice.pk: form})
