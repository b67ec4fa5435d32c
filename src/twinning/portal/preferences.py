"""City representatives' pages: ranking preferred twins, interests, answering a twinning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cities.domain.queries import city_or_404, memberships_of
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import current_cohort
from twinning.common.forms import refuse_on_form
from twinning.portal.registration import _refused
from twinning.programme.domain import answer_refusal, set_member_acceptance
from twinning.programme.domain.queries import (
    member_answers_for,
    partners_of,
    twinning_member_or_404,
)
from twinning.selection.domain.explanations import member_explanation
from twinning.selection.domain.preferences import (
    interests_refusal,
    move_preference,
    preferences_refusal,
    save_interests,
    save_preferences,
)
from twinning.selection.domain.queries import (
    cities_taking_part,
    interests_of,
    preference_or_404,
    ranking_of,
)
from twinning.selection.forms import AnswerForm, InterestsForm, PreferencesForm


def _cohort_or_refusal(request):
    cohort = current_cohort()
    if cohort is None:
        return None, _refused(request, _("No cohort is running at the moment."), status=409)
    return cohort, None


@login_required
def overview(request):
    """The person's cities: where to rank twins or state interests, and twinnings to answer."""
    cohort = current_cohort()
    memberships = memberships_of(request.user)
    return render(
        request,
        "portal/selection/overview.html",
        {
            "cohort": cohort,
            "memberships": memberships,
            "answers": member_answers_for(request.user),
        },
    )


@login_required
def preferences(request, city_pk):
    city = city_or_404(city_pk)
    if not request.user.has_perm("selection.rank_twins", city):
        raise PermissionDenied
    cohort, refused = _cohort_or_refusal(request)
    if refused:
        return refused
    ranking = ranking_of(cohort, city)
    refusal = preferences_refusal(cohort, city)
    form = None
    if refusal is None:
        form = PreferencesForm(
            request.POST or None,
            cities=cities_taking_part(cohort, CityKind.MISSION_MINDED),
            ranking=ranking,
            max_choices=cohort.twins_ranked,
        )
        if request.method == "POST" and form.is_valid():
            try:
                save_preferences(cohort, city, form.cleaned_data["choices"], by=request.user)
            except ValidationError as error:
                refuse_on_form(form, error)
            else:
                messages.success(
                    request, _("Your ranking is saved. You can change it until the window closes.")
                )
                return redirect("portal:preferences", city.pk)
    status = 200
    if request.method == "POST":
        status = 409 if refusal else 400
    return render(
        request,
        "portal/selection/preferences.html",
        {
            "city": city,
            "cohort": cohort,
            "ranking": ranking,
            "form": form,
            "refusal": refusal,
            "max_preferences": cohort.twins_ranked,
        },
        status=status,
    )


@login_required
@require_POST
def preference_move(request, pk, direction):
    preference = preference_or_404(pk)
    if not request.user.has_perm("selection.rank_twins", preference.mission_city):
        raise PermissionDenied
    if direction not in ("up", "down"):
        raise Http404
    try:
        move_preference(preference, -1 if direction == "up" else 1, by=request.user)
    except ValidationError as error:
        return _refused(request, " ".join(error.messages), status=409, back="portal:selection")
    return redirect("portal:preferences", preference.mission_city_id)


@login_required
def interests(request, city_pk):
    city = city_or_404(city_pk)
    if not request.user.has_perm("selection.state_interests", city):
        raise PermissionDenied
    cohort, refused = _cohort_or_refusal(request)
    if refused:
        return refused
    chosen = interests_of(cohort, city)
    refusal = interests_refusal(cohort, city)
    form = None
    if refusal is None:
        form = InterestsForm(
            request.POST or None,
            cities=cities_taking_part(cohort, CityKind.MISSION),
            initial={"cities": [i.mission_city_id for i in chosen]},
        )
        if request.method == "POST" and form.is_valid():
            try:
                save_interests(cohort, city, form.cleaned_data["cities"], by=request.user)
            except ValidationError as error:
                refuse_on_form(form, error)
            else:
                messages.success(request, _("Your interests are saved."))
                return redirect("portal:interests", city.pk)
    status = 200
    if request.method == "POST":
        status = 409 if refusal else 400
    return render(
        request,
        "portal/selection/interests.html",
        {"city": city, "cohort": cohort, "chosen": chosen, "form": form, "refusal": refusal},
        status=status,
    )


@login_required
def twinning_answer(request, pk):
    member = twinning_member_or_404(pk)
    if not request.user.has_perm("programme.answer_twinning", member):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_member_acceptance(
                member,
                form.cleaned_data["answer"] == "accept",
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("Your answer is recorded. Thank you."))
            return redirect("portal:twinning_answer", member.pk)
    partners = partners_of(member)
    member.refresh_from_db()
    return render(
        request,
        "portal/selection/answer.html",
        {
            "member": member,
            "explanation": member_explanation(member),
            "twinning": member.twinning,
            "partners": partners,
            "form": form,
            "refusal": answer_refusal(member, member.twinning),
        },
        status=400 if form.is_bound else 200,
    )
