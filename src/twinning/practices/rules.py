"""Who may see and change a practice."""

import rules

from twinning.accounts.rules import is_organiser
from twinning.practices.enums import PracticeState


@rules.predicate
def is_practice_of_own_city(user, practice) -> bool:
    if practice is None or not user.is_authenticated:
        return False
    return practice.registration.city.memberships.filter(user=user).exists()


@rules.predicate
def is_published(user, practice) -> bool:
    # The object-level twin of practices.domain.queries.public_practices(): a
    # published practice of an unpublished cohort is not public.
    return (
        practice is not None
        and practice.state == PracticeState.PUBLISHED
        and practice.registration.cohort.is_published
    )


@rules.predicate
def is_editable_practice(user, practice) -> bool:
    return practice is not None and practice.state in (PracticeState.DRAFT, PracticeState.RETURNED)


can_view_practice = is_published | is_practice_of_own_city | is_organiser
can_edit_practice = is_practice_of_own_city & is_editable_practice
can_review_practice = is_organiser

rules.add_perm("practices.view_practice", can_view_practice)
rules.add_perm("practices.edit_practice", can_edit_practice)
rules.add_perm("practices.review_practice", can_review_practice)
