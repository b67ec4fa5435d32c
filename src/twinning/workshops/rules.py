"""Who schedules workshops and records attendance."""

import rules

from twinning.accounts.rules import is_facilitator, is_organiser


@rules.predicate
def is_workshop_facilitator(user, workshop) -> bool:
    """A facilitator runs the cohort's workshops and those of the twinnings they guide."""
    if workshop is None or not (user.is_authenticated and user.is_facilitator):
        return False
    if workshop.twinning_id is None:
        return True
    return workshop.twinning.facilitator_id == user.pk


rules.add_perm("workshops.schedule", is_organiser | is_facilitator)
rules.add_perm("workshops.manage_workshop", is_organiser | is_workshop_facilitator)
