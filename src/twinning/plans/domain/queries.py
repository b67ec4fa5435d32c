"""Reads of joint plans, shaped for the pages that show them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from twinning.plans.enums import PlanState
from twinning.plans.models import (
    Certificate,
    JointPlan,
    PlanAction,
    PlanComment,
    PlanSection,
    PlanSectionVersion,
)
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.programme.enums import MemberRole
from twinning.programme.models import TwinningMember


def plan_with_everything(plan: JointPlan) -> JointPlan:
    """The plan with its sections, comments, actions, practices and cities, in few queries."""
    comments = (
        PlanComment.objects.filter(reply_to__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related(
            Prefetch("replies", queryset=PlanComment.objects.select_related("author"))
        )
    )
    return (
        JointPlan.objects.select_related(
            "twinning__cohort", "twinning__facilitator", "submitted_by", "decided_by"
        )
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=PlanSection.objects.select_related("updated_by").prefetch_related(
                    Prefetch("comments", queryset=comments, to_attr="threads")
                ),
            ),
            Prefetch(
                "actions",
                queryset=PlanAction.objects.select_related("field_of_action", "lever"),
            ),
            Prefetch("practices", queryset=Practice.objects.order_by("title")),
            Prefetch("twinning__members", queryset=TwinningMember.objects.select_related("city")),
        )
        .get(pk=plan.pk)
    )


def practices_to_choose(plan: JointPlan):
    """Published practices of the twinning's Mission-minded city (or cities)."""
    cities = TwinningMember.objects.filter(
        twinning=plan.twinning_id, role=MemberRole.MISSION_MINDED
    ).values("city")
    return Practice.objects.filter(
        registration__city__in=cities, state=PracticeState.PUBLISHED
    ).order_by("title")


def plans_of_cohort(cohort, state: str | None = None):
    """The cohort's plans with their cities, open comments and actions counted."""
    plans = (
        JointPlan.objects.filter(twinning__cohort=cohort)
        .select_related("twinning", "submitted_by", "decided_by")
        .prefetch_related(
            Prefetch(
                "twinning__members",
                queryset=TwinningMember.objects.select_related("city"),
            )
        )
        .annotate(
            action_count=Count("actions", distinct=True),
            open_comments=Count(
                "sections__comments",
                filter=Q(
                    sections__comments__resolved_at__isnull=True,
                    sections__comments__reply_to__isnull=True,
                ),
                distinct=True,
            ),
        )
        .order_by("twinning_id")
    )
    if state:
        plans = plans.filter(state=state)
    return plans


def plan_counts(cohort) -> dict[str, int]:
    counts = dict(
        JointPlan.objects.filter(twinning__cohort=cohort)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in PlanState.values}


def has_practices_to_choose(plan: JointPlan) -> bool:
    """Whether any practice can be chosen for the plan (see `practices_to_choose`)."""
    return practices_to_choose(plan).exists()


def plan_with_cohort_or_404(pk) -> JointPlan:
    return get_object_or_404(JointPlan.objects.select_related("twinning__cohort"), pk=pk)


def section_of_plan_or_404(plan: JointPlan, kind: str) -> PlanSection:
    return get_object_or_404(PlanSection, plan=plan, kind=kind)


def section_versions(section: PlanSection) -> list[PlanSectionVersion]:
    """The section's saved versions, in the model's order, with their authors."""
    return list(PlanSectionVersion.objects.filter(section=section).select_related("author"))


def action_of_plan_or_404(plan: JointPlan, pk) -> PlanAction:
    return get_object_or_404(PlanAction, plan=plan, pk=pk)


def comment_of_section_or_404(section: PlanSection, pk) -> PlanComment:
    return get_object_or_404(PlanComment, section=section, pk=pk)


def _certificates():
    return Certificate.objects.select_related("city", "person", "twinning__cohort")


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this verification code, or None when no certificate has it."""
    return _certificates().filter(code=code).first()


def certificates_of_twinning(twinning) -> list[Certificate]:
    return list(_certificates().filter(twinning=twinning))


def certificates_of_twinnings(twinnings) -> dict[int, int]:
    """How many certificates each of `twinnings` has, by twinning id (one query)."""
    return dict(
        Certificate.objects.filter(twinning__in=twinnings)
        .values("twinning")
        .annotate(n=Count("id"))
        .values_list("twinning", "n")
    )


def certificates_for(user, twinning) -> list[Certificate]:
    """The twinning's certificates the person may download: their own and their cities'."""
    return list(
        _certificates()
        .filter(
            Q(person=user) | Q(person__isnull=True, city__memberships__user=user),
            twinning=twinning,
        )
        .distinct()
    )


def certificate_of_twinning_or_404(twinning, pk) -> Certificate:
    return get_object_or_404(_certificates(), twinning=twinning, pk=pk)
