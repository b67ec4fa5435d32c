"""Reusable reads about cohorts: which cohort is current, which window is open now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from twinning.cohorts.enums import Audience, MilestoneKind
from twinning.cohorts.models import Cohort, Milestone, Partner, Webinar
from twinning.common import clock, l10n
from twinning.common.models import AuditEntry


def published_cohorts() -> QuerySet[Cohort]:
    """The cohorts visitors and the API may see, newest first.

    The one test of publication: every public read of a cohort's registrations,
    practices, twinnings, milestones or webinars goes through it
    (`cohort__in=published_cohorts()`), so an unpublished cohort never shows.
    """
    return Cohort.objects.filter(is_published=True).order_by("-number")


def current_cohort() -> Cohort | None:
    """The published cohort with the highest number: the one the public page presents."""
    return published_cohorts().first()


# What `?cohort=` says on a page that offers every cohort at once.
ALL_COHORTS = "all"


def pick_cohort(
    request, cohorts: list[Cohort], *, default=current_cohort, allow_all: bool = False
) -> Cohort | None:
    """The cohort a page shows: the one of `cohorts` named by `?cohort=<slug>`, else `default()`.

    Only `cohorts` can be named, so a public page passing `published_cohorts()`
    never shows an unpublished one. Where `allow_all`, `?cohort=all` gives None:
    every cohort.
    """
    wanted = request.GET.get("cohort", "")
    if allow_all and wanted == ALL_COHORTS:
        return None
    return next((c for c in cohorts if c.slug == wanted), None) or default()


def published_webinars() -> QuerySet[Webinar]:
    """Published webinars of published cohorts: those a visitor may see and take a seat in."""
    return Webinar.objects.filter(is_published=True, cohort__in=published_cohorts())


@dataclass(frozen=True)
class CohortCalendar:
    """What is open now in a cohort, for whom, and what comes next."""

    cohort: Cohort
    moment: datetime
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def open_now(self) -> list[Milestone]:
        return [m for m in self.milestones if m.is_open_at(self.moment)]

    @property
    def upcoming(self) -> list[Milestone]:
        return [m for m in self.milestones if m.starts_at > self.moment]

    @property
    def past(self) -> list[Milestone]:
        return [m for m in self.milestones if m.ends_at <= self.moment]

    @property
    def next_milestone(self) -> Milestone | None:
        return self.upcoming[0] if self.upcoming else None

    def status_of(self, milestone: Milestone) -> str:
        if milestone.is_open_at(self.moment):
            return "open"
        return "upcoming" if milestone.starts_at > self.moment else "past"

    def open_for(self, audience: Audience) -> list[Milestone]:
        """Open windows that concern this audience (including those for everyone)."""
        return [m for m in self.open_now if _concerns(m.audience, audience)]

    def next_for(self, audience: Audience) -> Milestone | None:
        return next((m for m in self.upcoming if _concerns(m.audience, audience)), None)

    def window(self, kind: MilestoneKind) -> Milestone | None:
        """The open window of this kind, else the next one, else the last one."""
        of_kind = [m for m in self.milestones if m.kind == kind]
        for milestone in of_kind:
            if milestone.is_open_at(self.moment):
                return milestone
        upcoming = [m for m in of_kind if m.starts_at > self.moment]
        return upcoming[0] if upcoming else (of_kind[-1] if of_kind else None)

    def is_open(self, kind: MilestoneKind) -> bool:
        return any(m.kind == kind for m in self.open_now)

    def refusal(self, kind: MilestoneKind) -> str | None:
        """None when the window of `kind` is open, else a sentence saying why not."""
        if self.is_open(kind):
            return None
        label = MilestoneKind(kind).label
        window = self.window(kind)
        if window is None:
            return _("%(window)s is not planned in %(cohort)s.") % {
                "window": label,
                "cohort": self.cohort,
            }
        moment = window.starts_at if window.starts_at > self.moment else window.ends_at
        when = l10n.format_in_zone(moment, window.zone, "DATETIME_FORMAT")
        if window.starts_at > self.moment:
            return _("%(window)s opens on %(when)s.") % {"window": label, "when": when}
        return _("%(window)s closed on %(when)s.") % {"window": label, "when": when}


def _concerns(milestone_audience: str, audience: str) -> bool:
    if milestone_audience == Audience.EVERYONE or audience == Audience.ORGANISERS:
        return True
    if milestone_audience == audience:
        return True
    return milestone_audience == Audience.BOTH_KINDS and audience in (
        Audience.MISSION,
        Audience.MISSION_MINDED,
    )


def cohort_calendar(cohort: Cohort, *, at: datetime | None = None) -> CohortCalendar:
    """One query: the cohort's milestones, sorted, judged against `at` (default: now)."""
    return CohortCalendar(
        cohort=cohort,
        moment=at or clock.now(),
        milestones=list(cohort.milestones.order_by("starts_at", "ends_at", "id")),
    )


def upcoming_webinars(cohort: Cohort, *, at: datetime | None = None) -> list[Webinar]:
    """Published webinars not over yet, each with `seats_taken` (confirmed seats)."""
    moment = at or clock.now()
    return list(
        published_webinars()
        .filter(cohort=cohort, ends_at__gt=moment)
        .annotate(seats_taken=Count("registrations", filter=Q(registrations__status="confirmed")))
        .order_by("starts_at")
    )


def all_cohorts() -> list[Cohort]:
    """Every cohort, published or not, newest first: the organisers' cohort picker."""
    return list(Cohort.objects.order_by("-number"))


def cohort_or_404(pk) -> Cohort:
    return get_object_or_404(Cohort, pk=pk)


def cohort_by_slug_or_404(slug: str) -> Cohort:
    return get_object_or_404(Cohort, slug=slug)


def cohort_in_programme() -> Cohort | None:
    """The cohort whose programme year is under way, if any (the newest one)."""
    now = clock.now()
    return (
        Cohort.objects.filter(
            milestones__kind=MilestoneKind.PROGRAMME,
            milestones__starts_at__lte=now,
            milestones__ends_at__gt=now,
        )
        .order_by("-number")
        .first()
    )


def webinar_or_404(pk) -> Webinar:
    """A webinar, published or not."""
    return get_object_or_404(Webinar, pk=pk)


def published_webinar_or_404(pk) -> Webinar:
    """A webinar a visitor may see (see `published_webinars`)."""
    return get_object_or_404(published_webinars(), pk=pk)


def cohorts_for_organisers() -> list[Cohort]:
    """Every cohort, newest first, each with `milestone_count`, `first_opens`, `last_closes`
    and `is_current` (the one the public page presents)."""
    current = current_cohort()
    cohorts = list(
        Cohort.objects.annotate(
            milestone_count=Count("milestones"),
            first_opens=Min("milestones__starts_at"),
            last_closes=Max("milestones__ends_at"),
        ).order_by("-number")
    )
    for cohort in cohorts:
        cohort.is_current = current is not None and cohort.pk == current.pk
    return cohorts


def milestone_of_cohort_or_404(cohort: Cohort, pk) -> Milestone:
    """One window of `cohort` (a window of another cohort is not found)."""
    return get_object_or_404(Milestone.objects.select_related("cohort"), cohort=cohort, pk=pk)


def cohort_history(cohort: Cohort, *, limit: int = 20) -> list[AuditEntry]:
    """The latest audit entries about the cohort and its windows, newest first."""
    types = ContentType.objects.get_for_models(Cohort, Milestone)
    milestone_ids = [str(pk) for pk in cohort.milestones.values_list("pk", flat=True)]
    return list(
        AuditEntry.objects.select_related("actor", "content_type")
        .filter(
            Q(content_type=types[Cohort], object_id=str(cohort.pk))
            | Q(content_type=types[Milestone], object_id__in=milestone_ids)
        )
        .order_by("-timestamp", "-id")[:limit]
    )


def partners_of(cohort: Cohort) -> list[Partner]:
    """The cohort's partners, in the order the programme page shows them."""
    return list(Partner.objects.filter(cohort=cohort).order_by("position", "name", "id"))


def partner_of_cohort_or_404(cohort: Cohort, pk) -> Partner:
    """One partner of `cohort` (a partner of another cohort is not found)."""
    return get_object_or_404(Partner.objects.select_related("cohort"), cohort=cohort, pk=pk)


def published_partner_or_404(pk) -> Partner:
    """A partner of a published cohort: the logos a visitor may load."""
    return get_object_or_404(Partner, pk=pk, cohort__in=published_cohorts())


def partner_or_404(pk) -> Partner:
    """Any partner, of a cohort still being prepared too: for the programme team."""
    return get_object_or_404(Partner, pk=pk)
