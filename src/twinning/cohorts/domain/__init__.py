"""State changes of cohorts and their milestones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.cohorts.models import Cohort, Milestone
from twinning.common.audit import record_action


class WindowClosed(Exception):
    """An action was refused because its window of the cohort is not open."""


def change_milestone_window(milestone: Milestone, *, starts_at, ends_at, by=None) -> Milestone:
    """Move a milestone's window; a later close date is kept as an extension of the original."""
    if ends_at <= starts_at:
        raise ValueError(_("A window must close after it opens."))
    with transaction.atomic():
        before = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if ends_at > before.ends_at and before.original_ends_at is None:
            milestone.original_ends_at = before.ends_at
        milestone.starts_at = starts_at
        milestone.ends_at = ends_at
        milestone.save()
        record_action(
            "milestone.window_changed",
            milestone,
            by=by,
            starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(),
            previous_starts_at=before.starts_at.isoformat(),
            previous_ends_at=before.ends_at.isoformat(),
        )
    return milestone


def _audit_value(value):
    """A field's value as the audit trail stores it (JSON)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, bool | int | str | None) else str(value)


def save_cohort(cohort: Cohort, changed: list[str], *, by=None) -> Cohort:
    """Open a new cohort, or save an organiser's change to its settings; both are logged."""
    is_new = cohort.pk is None
    if not is_new and not changed:
        return cohort
    with transaction.atomic():
        cohort.save()
        record_action(
            "cohort.created" if is_new else "cohort.changed",
            cohort,
            by=by,
            **({} if is_new else {"fields": sorted(changed)}),
        )
    return cohort


def add_milestone(milestone: Milestone, *, by=None) -> Milestone:
    """Add a dated window to a cohort."""
    if milestone.ends_at <= milestone.starts_at:
        raise ValidationError({"ends_at": _("A window must close after it opens.")})
    with transaction.atomic():
        milestone.save()
        record_action(
            "milestone.added",
            milestone,
            by=by,
            cohort=milestone.cohort_id,
            starts_at=milestone.starts_at.isoformat(),
            ends_at=milestone.ends_at.isoformat(),
        )
    return milestone


TIMES = {"starts_at", "ends_at"}


def save_milestone(milestone: Milestone, changed: list[str], *, by=None) -> Milestone:
    """Save an organiser's change to a window; a moved window goes through
    `change_milestone_window`, which keeps a later close as an extension."""
    if not changed:
        return milestone
    with transaction.atomic():
        if {"starts_at", "ends_at"} & set(changed):
            try:
                change_milestone_window(
                    milestone, starts_at=milestone.starts_at, ends_at=milestone.ends_at, by=by
                )
            except ValueError as refusal:
                raise ValidationError({"ends_at": str(refusal)}) from None
        else:
            milestone.save()
        rest = sorted(set(changed) - TIMES)
        if rest:
            record_action(
                "milestone.changed",
                milestone,
                by=by,
                fields=rest,
                **{name: _audit_value(milestone.value_for_key(name)) for name in rest},
            )
    return milestone


def extend_milestone_window(milestone: Milestone, *, ends_at, reason: str, by=None) -> Milestone:
    """Move a window's close later, for the reason given; the first close stays known.

    Refused (ValidationError) unless the new close is later than the current one
    and a reason is given.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the window is extended.")})
    with transaction.atomic():
        before = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if ends_at <= before.ends_at:
            raise ValidationError(
                {"ends_at": _("An extension must close the window later than it closes now.")}
            )
        if before.original_ends_at is None:
            before.original_ends_at = before.ends_at
        previous = before.ends_at
        before.ends_at = ends_at
        before.save(update_fields=["ends_at", "original_ends_at"])
        record_action(
            "milestone.extended",
            before,
            by=by,
            reason=reason,
            ends_at=ends_at.isoformat(),
            previous_ends_at=previous.isoformat(),
        )
    milestone.ends_at, milestone.original_ends_at = before.ends_at, before.original_ends_at
    return milestone
