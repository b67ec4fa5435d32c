"""Organiser pages: preferences and interests, selection runs, confirmation, publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinning.cohorts.domain.queries import all_cohorts, cohort_by_slug_or_404, pick_cohort
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires
from twinning.common.runs import STUCK_AFTER, RunStatus, is_stuck
from twinning.orga.views.lifecycle import lifecycle_context
from twinning.programme.domain import LIVE_STATES, publish_twinnings, withdraw_twinning
from twinning.programme.domain.queries import (
    held_pairs,
    twinning_with_cohort_or_404,
    twinnings_of_cohort,
)
from twinning.programme.enums import TwinningState
from twinning.selection.domain.queries import (
    all_interests,
    all_preferences,
    compare_runs,
    pair_choices,
    run_report,
    runs_of,
    selection_run_or_404,
    selection_run_with_cohort_or_404,
    selection_run_with_people_or_404,
)
from twinning.selection.domain.runs import (
    confirm_selection_run,
    requeue_selection_run,
    start_selection_run,
)
from twinning.selection.forms import SelectionRunForm


def _cohort(request):
    cohorts = all_cohorts()
    return pick_cohort(request, cohorts), cohorts


def _no_cohort(request):
    return render(
        request,
        "orga/selection/no_cohort.html",
        {"message": _("No cohort is published yet.")},
        status=409,
    )


@requires("selection.run_selection")
def run_list(request):
    cohort, cohorts = _cohort(request)
    if cohort is None:
        return _no_cohort(request)
    return render(
        request,
        "orga/selection/run_list.html",
        {"cohort": cohort, "cohorts": cohorts, "runs": runs_of(cohort)},
    )


@requires("selection.run_selection")
def preference_list(request):
    cohort, cohorts = _cohort(request)
    if cohort is None:
        return _no_cohort(request)
    return render(
        request,
        "orga/selection/preferences.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "preferences": all_preferences(cohort),
            "interests": all_interests(cohort),
        },
    )


@requires("selection.run_selection")
def run_new(request):
    cohort, _cohorts = _cohort(request)
    if cohort is None:
        return _no_cohort(request)
    pairs = pair_choices(cohort)
    held, declined = held_pairs(cohort)
    known = {value for value, _label in pairs}
    initial = {
        "cap": cohort.selection_cap,
        "allow_same_country": True,
        # A re-run keeps the twinnings held and never proposes a declined pair again.
        "pinned": [v for v in (f"{a}-{b}" for a, b in held) if v in known],
        "forbidden": [v for v in (f"{a}-{b}" for a, b in declined) if v in known],
    }
    form = SelectionRunForm(request.POST or None, pairs=pairs, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            run = start_selection_run(
                cohort, options=form.options(), by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            refuse_on_form(form, error, "pinned")
        else:
            messages.success(request, _("The selection run is started."))
            return redirect("orga:selection_run", run.pk)
    return render(
        request,
        "orga/selection/run_form.html",
        {"cohort": cohort, "form": form, "held": held, "declined": declined},
        status=400 if form.is_bound else 200,
    )


@requires("selection.run_selection")
def run_detail(request, pk):
    run = selection_run_with_people_or_404(pk)
    stuck = is_stuck(run)
    return render(
        request,
        "orga/selection/run_detail.html",
        {
            "run": run,
            "report": run_report(run),
            "others": [r for r in runs_of(run.cohort) if r.pk != run.pk and r.result],
            "in_progress": run.status in (RunStatus.QUEUED, RunStatus.RUNNING) and not stuck,
            "stuck": stuck,
            "stuck_minutes": int(STUCK_AFTER.total_seconds() // 60),
        },
    )


@requires("selection.run_selection")
@require_POST
def run_requeue(request, pk):
    run = selection_run_or_404(pk)
    try:
        requeue_selection_run(run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The run is queued again."))
    return redirect("orga:selection_run", run.pk)


@requires("selection.run_selection")
def run_compare(request):
    def run(key):
        value = request.GET.get(key, "")
        return selection_run_with_cohort_or_404(int(value) if value.isdigit() else 0)

    first, second = run("a"), run("b")
    return render(
        request,
        "orga/selection/run_compare.html",
        {
            "first": first,
            "second": second,
            "first_report": run_report(first),
            "second_report": run_report(second),
            "rows": compare_runs(first, second),
        },
    )


@requires("selection.run_selection")
@require_POST
def run_confirm(request, pk):
    run = selection_run_or_404(pk)
    try:
        twinnings = confirm_selection_run(run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orga:selection_run", run.pk)
    messages.success(
        request,
        ngettext(
            "The run is confirmed; the cities of %(count)s twinning are asked to accept.",
            "The run is confirmed; the cities of %(count)s twinnings are asked to accept.",
            len(twinnings),
        )
        % {"count": len(twinnings)},
    )
    return redirect(f"{_twinnings_url()}?cohort={run.cohort.slug}")


def _twinnings_url():

    return reverse("orga:twinnings")


@requires("programme.manage_twinnings")
def twinning_list(request):
    cohort, cohorts = _cohort(request)
    if cohort is None:
        return _no_cohort(request)
    twinnings = twinnings_of_cohort(cohort)
    return render(
        request,
        "orga/selection/twinnings.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "twinnings": twinnings,
            # A twinning still holding its cities can be withdrawn.
            "withdrawable": LIVE_STATES,
            "to_publish": sum(
                1 for t in twinnings if t.state == TwinningState.ACCEPTED and not t.published_at
            ),
            **lifecycle_context(cohort, twinnings),
        },
    )


@requires("programme.manage_twinnings")
@require_POST
def twinnings_publish(request):
    cohort = cohort_by_slug_or_404(request.POST.get("cohort", ""))
    try:
        count = publish_twinnings(cohort, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s twinning is published.", "%(count)s twinnings are published.", count
            )
            % {"count": count},
        )
    return redirect(f"{_twinnings_url()}?cohort={cohort.slug}")


@requires("programme.manage_twinnings")
@require_POST
def twinning_withdraw(request, pk):
    twinning = twinning_with_cohort_or_404(pk)
    try:
        withdraw_twinning(twinning, by=request.user, reason=request.POST.get("reason", "").strip())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The twinning is withdrawn; its cities are told."))
    return redirect(f"{_twinnings_url()}?cohort={twinning.cohort.slug}")
