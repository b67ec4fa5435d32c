"""The joint plan of a twinning: written by its cities section by section, commented on by
its facilitator and the programme team, submitted, and downloaded as PDF or Markdown.

Every page starts from the twinning the person may see; sections, versions, actions
and comments are only looked up inside that twinning's plan.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.common.rendering import render_markdown
from twinning.common.wording import in_sentence
from twinning.plans import documents
from twinning.plans.domain import (
    ActionConflict,
    Conflict,
    add_comment,
    delete_action,
    plan_for,
    resolve_comment,
    restore_version,
    save_action,
    save_section,
    set_plan_state,
    set_practices,
)
from twinning.plans.domain.merge import compare_texts
from twinning.plans.domain.queries import (
    action_of_plan_or_404,
    comment_of_section_or_404,
    has_practices_to_choose,
    plan_with_everything,
    practices_to_choose,
    section_of_plan_or_404,
    section_versions,
)
from twinning.plans.enums import EDITABLE_STATES, SECTION_GUIDANCE, PlanState, SectionKind
from twinning.plans.forms import (
    ActionDeleteForm,
    ActionForm,
    CommentForm,
    DecisionForm,
    PracticesForm,
    ReplyForm,
    SectionForm,
)
from twinning.plans.models import PlanAction, PlanSection
from twinning.programme.domain.queries import twinning_with_cohort_or_404


def _plan(request, pk, perm="plans.view_plan"):
    """The twinning's plan, if the person may see the twinning (and do `perm`)."""
    twinning = twinning_with_cohort_or_404(pk)
    if not request.user.has_perm("plans.view_plan", twinning):
        raise PermissionDenied
    if perm != "plans.view_plan" and not request.user.has_perm(perm, twinning):
        raise PermissionDenied
    try:
        plan = plan_for(twinning)
    except ValidationError:
        raise Http404 from None
    plan.twinning = twinning
    return plan


def _section(plan, kind) -> PlanSection:
    if kind not in SectionKind.values:
        raise Http404
    section = section_of_plan_or_404(plan, kind)
    section.plan = plan
    return section


def _refused(request, plan, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect("portal:plan", plan.twinning_id)


@login_required
def plan_detail(request, pk):
    plan = plan_with_everything(_plan(request, pk))
    twinning = plan.twinning
    user = request.user
    can_edit = user.has_perm("plans.edit_plan", twinning) and plan.state in EDITABLE_STATES
    sections = list(plan.sections.all())
    for section in sections:
        section.guidance = SECTION_GUIDANCE[section.kind]
        section.html = render_markdown(section.text)
    return render(
        request,
        "portal/plans/plan.html",
        {
            "plan": plan,
            "twinning": twinning,
            "members": list(twinning.members.all()),
            "sections": sections,
            "actions": list(plan.actions.all()),
            "practices": list(plan.practices.all()),
            "can_edit": can_edit,
            "can_submit": can_edit,
            "can_comment": user.has_perm("plans.comment_plan", twinning),
            "can_decide": user.has_perm("plans.decide_plan", twinning)
            and plan.state == PlanState.SUBMITTED,
            "decision_form": DecisionForm(),
            "comment_form": CommentForm(),
            "reply_form": ReplyForm(),
        },
    )


@login_required
def section_edit(request, pk, kind):
    plan = _plan(request, pk, "plans.edit_plan")
    section = _section(plan, kind)
    if plan.state not in EDITABLE_STATES:
        message = _("This plan is %(state)s: it cannot be changed now.") % {
            "state": in_sentence(PlanState(plan.state).label)
        }
        return _refused(request, plan, ValidationError(message))
    conflict = None
    status = 200
    if request.method == "POST":
        form = SectionForm(request.POST, kind=kind)
        if form.is_valid():
            result = save_section(
                section,
                form.cleaned_data["text"],
                base_version=form.cleaned_data["base_version"],
                links=form.cleaned_data.get("links"),
                by=request.user,
            )
            if not isinstance(result, Conflict):
                messages.success(
                    request,
                    _("“%(section)s” is saved as version %(version)s.")
                    % {"section": section.get_kind_display(), "version": result.version.number},
                )
                return redirect(f"{plan_url(plan)}#section-{kind}")
            conflict = result
            section = result.section
            # The next save is based on the other person's version, with both texts kept.
            form = SectionForm(
                initial={
                    "text": conflict.merged if conflict.merged is not None else conflict.mine,
                    "links": conflict.my_links,
                    "base_version": section.version,
                },
                kind=kind,
            )
            status = 409
        else:
            status = 400
    else:
        form = SectionForm(
            initial={"text": section.text, "links": section.links, "base_version": section.version},
            kind=kind,
        )
    return render(
        request,
        "portal/plans/section_edit.html",
        {
            "plan": plan,
            "twinning": plan.twinning,
            "section": section,
            "guidance": SECTION_GUIDANCE[section.kind],
            "form": form,
            "conflict": conflict,
            "differences": compare_texts(conflict.theirs, conflict.mine) if conflict else [],
        },
        status=status,
    )


def plan_url(plan) -> str:
    return reverse("portal:plan", args=[plan.twinning_id])


@login_required
def section_history(request, pk, kind):
    plan = _plan(request, pk)
    section = _section(plan, kind)
    versions = section_versions(section)
    numbers = {v.number: v for v in versions}
    comparison = None
    old_number, new_number = request.GET.get("old"), request.GET.get("new")
    if old_number and new_number:
        try:
            old, new = numbers[int(old_number)], numbers[int(new_number)]
        except (KeyError, ValueError):
            raise Http404 from None
        comparison = {"old": old, "new": new, "lines": compare_texts(old.text, new.text)}
    return render(
        request,
        "portal/plans/history.html",
        {
            "plan": plan,
            "twinning": plan.twinning,
            "section": section,
            "versions": versions,
            "comparison": comparison,
            "can_restore": request.user.has_perm("plans.edit_plan", plan.twinning)
            and plan.state in EDITABLE_STATES,
        },
    )


@login_required
@require_POST
def version_restore(request, pk, kind, number):
    plan = _plan(request, pk, "plans.edit_plan")
    section = _section(plan, kind)
    try:
        result = restore_version(section, number, by=request.user)
    except ValidationError as error:
        return _refused(request, plan, error)
    if isinstance(result, Conflict):
        messages.error(request, _("Someone saved this section just now; try again."))
    else:
        messages.success(
            request,
            _("Version %(old)s is restored as version %(new)s.")
            % {"old": number, "new": result.version.number},
        )
    return redirect("portal:plan_history", plan.twinning_id, kind)


@login_required
def practices_choose(request, pk):
    plan = _plan(request, pk, "plans.edit_plan")
    choices = practices_to_choose(plan)
    form = PracticesForm(
        request.POST or None, choices=choices, initial={"practices": list(plan.practices.all())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_practices(plan, list(form.cleaned_data["practices"]), by=request.user)
        except ValidationError as error:
            return _refused(request, plan, error)
        messages.success(request, _("The practices to replicate are saved."))
        return redirect(f"{plan_url(plan)}#section-practices")
    return render(
        request,
        "portal/plans/practices.html",
        {
            "plan": plan,
            "twinning": plan.twinning,
            "form": form,
            "has_choices": has_practices_to_choose(plan),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def action_form(request, pk, action_pk=None):
    plan = _plan(request, pk, "plans.edit_plan")
    action = action_of_plan_or_404(plan, action_pk) if action_pk else PlanAction(plan=plan)
    form = ActionForm(request.POST or None, instance=action)
    conflict = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = save_action(
                    plan,
                    form.save(commit=False),
                    by=request.user,
                    base_version=form.cleaned_data["base_version"],
                )
            except ValidationError as error:
                return _refused(request, plan, error)
            if not isinstance(result, ActionConflict):
                messages.success(request, _("The action is saved."))
                return redirect(f"{plan_url(plan)}#section-actions")
            conflict, status = result, 409
            # The next save is based on the action as it is now (or adds it again if it
            # was deleted), with what the person typed kept in the form.
            action = conflict.current or PlanAction(plan=plan)
            typed = {**form.cleaned_data, "base_version": action.version}
            form = ActionForm(initial=typed, instance=action)
    return render(
        request,
        "portal/plans/action_form.html",
        {
            "plan": plan,
            "twinning": plan.twinning,
            "form": form,
            "action": action,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_POST
def action_delete(request, pk, action_pk):
    plan = _plan(request, pk, "plans.edit_plan")
    action = action_of_plan_or_404(plan, action_pk)
    action.plan = plan
    form = ActionDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Open the plan again to delete this action."))
        return redirect(f"{plan_url(plan)}#section-actions")
    try:
        delete_action(action, by=request.user, base_version=form.cleaned_data["base_version"])
    except ValidationError as error:
        return _refused(request, plan, error)
    messages.success(request, _("The action is deleted."))
    return redirect(f"{plan_url(plan)}#section-actions")


@login_required
@require_POST
def comment_add(request, pk, kind):
    plan = _plan(request, pk)
    section = _section(plan, kind)
    reply_to = None
    if request.POST.get("reply_to"):
        try:
            reply_to = comment_of_section_or_404(section, int(request.POST["reply_to"]))
        except ValueError:
            raise Http404 from None
        if not request.user.has_perm("plans.reply_plan", plan.twinning):
            raise PermissionDenied
    elif not request.user.has_perm("plans.comment_plan", plan.twinning):
        raise PermissionDenied
    form = (ReplyForm if reply_to else CommentForm)(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
    else:
        try:
            add_comment(section, form.cleaned_data["text"], by=request.user, reply_to=reply_to)
        except ValidationError as error:
            return _refused(request, plan, error)
        messages.success(request, _("Your comment is posted."))
    return redirect(f"{plan_url(plan)}#section-{kind}")


@login_required
@require_POST
def comment_resolve(request, pk, kind, comment_pk):
    plan = _plan(request, pk, "plans.reply_plan")
    section = _section(plan, kind)
    comment = comment_of_section_or_404(section, comment_pk)
    comment.section = section
    try:
        resolve_comment(comment, by=request.user)
    except ValidationError as error:
        return _refused(request, plan, error)
    messages.success(request, _("The comment is marked as resolved."))
    return redirect(f"{plan_url(plan)}#section-{kind}")


@login_required
@require_POST
def plan_submit(request, pk):
    plan = _plan(request, pk, "plans.edit_plan")
    try:
        set_plan_state(plan, PlanState.SUBMITTED, by=request.user)
    except ValidationError as error:
        return _refused(request, plan, error)
    messages.success(request, _("The plan is submitted to the programme team."))
    return redirect("portal:plan", plan.twinning_id)


@login_required
def plan_download(request, pk, fmt):
    plan = _plan(request, pk)
    if fmt == "pdf":
        response = HttpResponse(documents.plan_pdf(plan), content_type="application/pdf")
    elif fmt == "md":
        response = HttpResponse(
            documents.plan_markdown(plan), content_type="text/markdown; charset=utf-8"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{documents.file_name(plan, fmt)}"'
    return response
