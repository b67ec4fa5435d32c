"""State changes of cohorts and their milestones."""

from django.db import transaction
from django.utils.translation import gettext as _

from twinning.cohorts.models import Milestone
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
