"""Reusable reads about twinnings."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from twinning.cohorts.domain.queries import published_cohorts
from twinning.common.models import AuditEntry
from twinning.programme.domain import LIVE_STATES
from twinning.programme.enums import AGREED_STATES, UNDER_WAY_STATES, Acceptance, MemberRole
from twinning.programme.models import Twinning, TwinningMember


def _with_members(queryset):
    return queryset.select_related("cohort").prefetch_related(
        Prefetch("members", queryset=TwinningMember.objects.select_related("city"))
    )


# The states in which a published twinning is shown to visitors.


def public_twinnings() -> QuerySet[Twinning]:
    """Published twinnings of published cohorts, in a state visitors may see."""
    return Twinning.objects.filter(
        published_at__isnull=False,
        state__in=AGREED_STATES,
        cohort__in=published_cohorts(),
    )


def published_twinnings(cohort) -> list[Twinning]:
    """The cohort's published twinnings, each with its members (cities) loaded."""
    return list(_with_members(public_twinnings().filter(cohort=cohort)).order_by("id"))


def twinned_pairs(cohort=None, *, published_only: bool = True) -> list[tuple[int, int]]:
    """(Mission city id, Mission-minded city id) of each pair in the agreed twinnings of the
    cohort (of every published cohort with None): one query, whatever their number.

    `published_only` keeps the twinnings visitors may see; organisers see them all."""
    twinnings = (
        public_twinnings() if published_only else Twinning.objects.filter(state__in=AGREED_STATES)
    )
    if cohort is not None:
        twinnings = twinnings.filter(cohort=cohort)
    members = (
        TwinningMember.objects.filter(twinning__in=twinnings)
        .exclude(acceptance=Acceptance.DECLINED)
        .order_by("twinning_id", "pk")
        .values_list("twinning_id", "city_id", "role")
    )
    by_twinning: dict[int, dict[str, list[int]]] = {}
    for twinning_id, city_id, role in members:
        by_twinning.setdefault(twinning_id, {}).setdefault(role, []).append(city_id)
    return [
        (mission, minded)
        for roles in by_twinning.values()
        for minded in roles.get(MemberRole.MISSION_MINDED, [])
        for mission in roles.get(MemberRole.MISSION, [])
    ]


def twinnings_of_cohort(cohort) -> list[Twinning]:
    return list(_with_members(Twinning.objects.filter(cohort=cohort)).order_by("-id"))


def held_pairs(cohort) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(held, declined) pairs of (Mission city id, Mission-minded city id) in the cohort.

    Held pairs are in live twinnings and not declined: a re-run keeps them.
    Declined pairs were refused by one side: a re-run must not propose them again.
    """
    held, declined = [], []
    for twinning in _with_members(Twinning.objects.filter(cohort=cohort)).order_by("id"):
        members = list(twinning.members.all())
        minded = next((m for m in members if m.role == MemberRole.MISSION_MINDED), None)
        if minded is None:
            continue
        for member in members:
            if member.role != MemberRole.MISSION:
                continue
            pair = (member.city_id, minded.city_id)
            refused = (
                member.acceptance == Acceptance.DECLINED or minded.acceptance == Acceptance.DECLINED
            )
            if refused:
                declined.append(pair)
            elif twinning.state in LIVE_STATES:
                held.append(pair)
    return held, declined


def member_answers_for(user) -> list[TwinningMember]:
    """The twinning places of the cities the person represents, newest first."""
    return list(
        TwinningMember.objects.filter(city__memberships__user=user)
        .select_related("city", "twinning__cohort")
        .prefetch_related(
            Prefetch("twinning__members", queryset=TwinningMember.objects.select_related("city"))
        )
        .order_by("-twinning__id")
    )


def twinning_with_cohort_or_404(pk) -> Twinning:
    return get_object_or_404(Twinning.objects.select_related("cohort"), pk=pk)


def workspace_twinning_or_404(pk) -> Twinning:
    """A twinning with its cohort, facilitator and members (with their cities) loaded."""
    return get_object_or_404(
        Twinning.objects.select_related("cohort", "facilitator").prefetch_related(
            Prefetch("members", queryset=TwinningMember.objects.select_related("city"))
        ),
        pk=pk,
    )


def twinnings_facilitated_by(user) -> QuerySet[Twinning]:
    """The twinnings the person guides, with cohort and members loaded."""
    return _with_members(Twinning.objects.filter(facilitator=user))


def twinnings_to_schedule_for(user) -> QuerySet[Twinning]:
    """The twinnings under way whose workshops the person may schedule: all of them for
    the programme team, the ones they guide for a facilitator."""
    queryset = Twinning.objects.filter(state__in=UNDER_WAY_STATES).prefetch_related(
        Prefetch("members", queryset=TwinningMember.objects.select_related("city"))
    )
    if not (user.is_organiser or user.is_superuser):
        queryset = queryset.filter(facilitator=user)
    return queryset


def twinning_member_or_404(pk) -> TwinningMember:
    """A city's place in a twinning, with the city and the twinning's cohort loaded."""
    return get_object_or_404(
        TwinningMember.objects.select_related("city", "twinning__cohort"), pk=pk
    )


def partners_of(member: TwinningMember) -> list[TwinningMember]:
    """The other cities' places in the member's twinning."""
    return [m for m in member.twinning.members.select_related("city").all() if m.pk != member.pk]


def twinning_activity(twinning, limit: int) -> list[AuditEntry]:
    """The latest `limit` entries of the audit trail about the twinning's work, newest
    first (the model's order), with who did it."""
    return list(
        AuditEntry.objects.filter(data__twinning=twinning.pk).select_related("actor")[:limit]
    )
