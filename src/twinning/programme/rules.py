"""Who may see and answer a twinning."""

import rules

from twinning.accounts.rules import is_organiser


@rules.predicate
def is_member_of_twinned_city(user, member) -> bool:
    """The person represents the city of this twinning member."""
    if member is None or not user.is_authenticated:
        return False
    return member.city.memberships.filter(user=user).exists()


@rules.predicate
def is_twinning_member(user, twinning) -> bool:
    """The person represents one of the twinning's cities."""
    if twinning is None or not user.is_authenticated:
        return False
    return twinning.members.filter(city__memberships__user=user).exists()


@rules.predicate
def is_twinning_facilitator(user, twinning) -> bool:
    """The person is the facilitator who guides this twinning."""
    if twinning is None or not user.is_authenticated:
        return False
    return twinning.facilitator_id == user.pk


rules.add_perm("programme.answer_twinning", is_member_of_twinned_city)
rules.add_perm("programme.view_twinning_member", is_member_of_twinned_city | is_organiser)
rules.add_perm("programme.manage_twinnings", is_organiser)
# The twinning's workspace: its cities, its facilitator and the programme team, nobody else.
rules.add_perm(
    "programme.view_workspace", is_twinning_member | is_twinning_facilitator | is_organiser
)
