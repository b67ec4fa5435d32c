"""City representatives' pages: invitations, the guided registration, practices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from twinning.cities.domain.geonames import search_cities
from twinning.cities.domain.invitations import accept_invitation
from twinning.cities.domain.queries import (
    ambitions_of,
    find_invitation,
    registration_with_city_or_404,
)
from twinning.cities.domain.registration import (
    change_registration_city,
    editing_refusal,
    practice_refusal,
    registration_gaps,
    save_ambitions,
    set_registration_state,
    start_refusal,
    start_registration,
    start_registration_with_project,
    update_city_profile,
    update_registration,
)
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.forms import (
    AmbitionsForm,
    CityChoiceForm,
    EligibilityForm,
    MissionCityChoiceForm,
    ProfileForm,
    ProjectsForm,
    RegisterWithProjectForm,
    TeamForm,
)
from twinning.cities.models import Registration
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.cohorts.enums import Audience
from twinning.common.forms import refuse_on_form
from twinning.themes.domain.queries import all_themes


def _registration(request, pk, perm="cities.view_registration") -> Registration:
    registration = registration_with_city_or_404(pk)
    if not request.user.has_perm(perm, registration):
        raise PermissionDenied
    return registration


def _refused(request, message, *, status=403, back=None):
    return render(
        request,
        "portal/registration/refused.html",
        {"message": message, "back": back},
        status=status,
    )


def invitation(request, token):
    """The page the invitation link opens: sign up or in, then start the registration."""
    found = find_invitation(token)
    if found is None:
        return _refused(
            request, _("This invitation link is not valid. Check that it is complete."), status=404
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        try:
            registration = accept_invitation(token, user=request.user)
        except ValidationError as error:
            return _refused(request, " ".join(error.messages), status=409)
        messages.success(request, _("Welcome! Your registration is saved as a draft as you go."))
        return redirect("portal:registration", registration.pk)
    refusal = None
    if found.accepted_at and found.accepted_by_id != getattr(request.user, "pk", None):
        refusal = _("This invitation has already been used. Ask the person who used it to add you.")
    elif found.accepted_at and found.registration_id:
        return redirect("portal:registration", found.registration_id)
    elif found.is_expired:
        refusal = _("This invitation has expired. Write to the programme team for a new one.")
    else:
        refusal = start_refusal(found.cohort, CityKind.MISSION_MINDED)
    return render(
        request,
        "portal/registration/invitation.html",
        {"invitation": found, "refusal": refusal},
        status=409 if refusal else 200,
    )


def start(request):
    """How each kind of city registers for the current cohort, and when, if not now."""
    cohort = current_cohort()
    refusals = {}
    if cohort is not None:
        calendar = cohort_calendar(cohort)
        refusals = {
            "mission_minded_refusal": start_refusal(
                cohort, CityKind.MISSION_MINDED, calendar=calendar
            ),
            "mission_refusal": start_refusal(cohort, CityKind.MISSION, calendar=calendar),
        }
    return render(request, "portal/registration/start.html", {"cohort": cohort, **refusals})


def _cohort_or_refuse(request, kind):
    cohort = current_cohort()
    if cohort is None:
        return None, _refused(request, _("No cohort is open for registration."), status=409)
    refusal = start_refusal(cohort, kind)
    if refusal:
        return cohort, _refused(request, refusal, status=409, back="portal:register")
    return cohort, None


@login_required
def register_mission_minded(request):
    """Without an invitation: by naming a partner project, when the cohort allows it."""
    cohort, refused = _cohort_or_refuse(request, CityKind.MISSION_MINDED)
    if refused:
        return refused
    if not cohort.registration_without_invitation:
        return render(request, "portal/registration/by_invitation.html", {"cohort": cohort})
    form = RegisterWithProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = start_registration_with_project(
                cohort,
                city_name=form.cleaned_data["city_name"],
                country=form.cleaned_data["country"],
                partner_project=form.cleaned_data["partner_project"],
                by=request.user,
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            return redirect("portal:registration", registration.pk)
    return render(
        request,
        "portal/registration/register_mission_minded.html",
        {"form": form, "cohort": cohort},
    )


@login_required
def register_mission(request):
    """A Mission city registers for the cohort, in its window."""
    cohort, refused = _cohort_or_refuse(request, CityKind.MISSION)
    if refused:
        return refused
    form = MissionCityChoiceForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            registration = start_registration(
                cohort, form.cleaned_data["city"], CityKind.MISSION, by=request.user
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            return redirect("portal:registration", registration.pk)
    return render(
        request, "portal/registration/register_mission.html", {"form": form, "cohort": cohort}
    )


# The guided steps of each kind of registration: (slug, title).
STEPS = {
    CityKind.MISSION_MINDED: [
        ("city", gettext_lazy("City")),
        ("eligibility", gettext_lazy("Eligibility")),
        ("profile", gettext_lazy("Profile")),
        ("projects", gettext_lazy("Partner projects")),
        ("practices", gettext_lazy("Tested practices")),
    ],
    CityKind.MISSION: [
        ("profile", gettext_lazy("Profile")),
        ("ambitions", gettext_lazy("Challenges and ambitions")),
        ("team", gettext_lazy("Languages and representatives")),
    ],
}


def _next_step(registration, step):
    slugs = [slug for slug, _title in STEPS[registration.kind]]
    index = slugs.index(step)
    return slugs[index + 1] if index + 1 < len(slugs) else None


# Whose windows come next for a registration of each kind.
AUDIENCE_OF_KIND = {
    CityKind.MISSION: Audience.MISSION,
    CityKind.MISSION_MINDED: Audience.MISSION_MINDED,
}


@login_required
def registration_overview(request, pk):
    """Where the registration stands: its steps, what is missing, submit or withdraw.

    Once it can no longer be changed, the registration is shown read-only, with its
    state and what comes next, and no step that would be refused.
    """
    registration = _registration(request, pk)
    refusal = editing_refusal(registration)
    practices = list(registration.practices.order_by("title"))
    for practice in practices:
        practice.may_edit = request.user.has_perm("practices.edit_practice", practice)
    calendar = cohort_calendar(registration.cohort)
    return render(
        request,
        "portal/registration/overview.html",
        {
            "registration": registration,
            "steps": STEPS[registration.kind],
            "gaps": registration_gaps(registration),
            "refusal": refusal,
            "practices": practices,
            "ambitions": ambitions_of(registration),
            "partner_projects": list(registration.partner_projects.all()),
            "editable": refusal is None
            and request.user.has_perm("cities.edit_registration", registration),
            "can_add_practice": request.user.has_perm("cities.add_practice", registration)
            and practice_refusal(registration) is None,
            "can_withdraw": request.user.has_perm("cities.withdraw_registration", registration),
            "next_milestone": calendar.next_for(AUDIENCE_OF_KIND[registration.kind]),
        },
    )


def _step_form(step, registration, data):
    if step == "city":
        return CityChoiceForm(
            data,
            initial={"city_name": registration.city.name, "country": registration.city.country},
        )
    if step == "eligibility":
        return EligibilityForm(data, instance=registration)
    if step == "profile":
        return ProfileForm(
            data,
            initial={"summary": registration.city.summary, "website": registration.city.website},
        )
    if step == "projects":
        return ProjectsForm(data, instance=registration)
    if step == "team":
        return TeamForm(data, instance=registration)
    if step == "ambitions":
        return AmbitionsForm(
            data,
            themes=all_themes(),
            ambitions=registration.ambitions.all(),
        )
    raise Http404


def _save_step(step, registration, form, by):
    if step == "city":
        change_registration_city(
            registration,
            name=form.cleaned_data["city_name"],
            country=form.cleaned_data["country"],
            by=by,
        )
    elif step == "profile":
        update_city_profile(registration, by=by, **form.cleaned_data)
    elif step == "ambitions":
        save_ambitions(registration, form.ambitions(), by=by)
    else:
        update_registration(registration, dict(form.cleaned_data), by=by)


@login_required
def registration_step(request, pk, step):
    """One step of the guided registration; every save keeps the draft."""
    registration = _registration(request, pk)
    if step not in [slug for slug, _title in STEPS[registration.kind]]:
        raise Http404
    if step == "practices":
        return redirect("portal:registration", registration.pk)
    if not request.user.has_perm("cities.edit_registration", registration):
        return _refused(request, editing_refusal(registration) or _("You cannot change it."))
    refusal = editing_refusal(registration)
    if refusal:
        return _refused(request, refusal, status=409)
    form = _step_form(step, registration, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _save_step(step, registration, form, request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("Saved."))
            following = _next_step(registration, step)
            if "continue" in request.POST and following:
                if following == "practices":
                    return redirect("portal:practice_new", registration.pk)
                return redirect("portal:registration_step", registration.pk, following)
            return redirect("portal:registration", registration.pk)
    titles = dict(STEPS[registration.kind])
    return render(
        request,
        "portal/registration/step.html",
        {
            "registration": registration,
            "form": form,
            "step": step,
            "step_title": titles[step],
            "steps": STEPS[registration.kind],
            "has_next": _next_step(registration, step) is not None,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def registration_submit(request, pk):
    registration = _registration(request, pk, "cities.submit_registration")
    try:
        set_registration_state(registration, RegistrationState.SUBMITTED, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted. The programme team will review it."))
    return redirect("portal:registration", registration.pk)


@login_required
@require_POST
def registration_withdraw(request, pk):
    registration = _registration(request, pk, "cities.withdraw_registration")
    try:
        set_registration_state(registration, RegistrationState.WITHDRAWN, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The registration is withdrawn."))
    return redirect("portal:registration", registration.pk)


@login_required
def city_search(request):
    """Cities from GeoNames whose name starts with `q`, for the city field's suggestions."""
    country = request.GET.get("country") or None
    found = search_cities(request.GET.get("q", ""), country=country, limit=10)
    return JsonResponse(
        {
            "results": [
                {
                    "geonames_id": city.geonames_id,
                    "name": city.name,
                    "country": city.country,
                    "population": city.population,
                }
                for city in found
            ]
        }
    )
