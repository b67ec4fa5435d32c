"""Who may read and write a conversation: the people of its cities, the twinning's
facilitator in the twinning's conversation, and organisers to moderate."""

import rules

from twinning.accounts.rules import is_organiser


@rules.predicate
def is_conversation_member(user, conversation) -> bool:
    """The person represents one of the conversation's cities."""
    if conversation is None or not user.is_authenticated:
        return False
    return conversation.cities.filter(memberships__user=user).exists()


@rules.predicate
def is_conversation_facilitator(user, conversation) -> bool:
    """The person guides the twinning the conversation belongs to."""
    if conversation is None or not user.is_authenticated or conversation.twinning_id is None:
        return False
    return conversation.twinning.facilitator_id == user.pk


@rules.predicate
def is_city_member(user, city) -> bool:
    if city is None or not user.is_authenticated:
        return False
    return city.memberships.filter(user=user).exists()


@rules.predicate
def takes_part_in_twinning(user, twinning) -> bool:
    if twinning is None or not user.is_authenticated:
        return False
    if twinning.facilitator_id == user.pk:
        return True
    return twinning.members.filter(city__memberships__user=user).exists()


takes_part = is_conversation_member | is_conversation_facilitator

rules.add_perm("conversations.write", takes_part)
# Organisers read to moderate; each reading is written to the audit trail.
rules.add_perm("conversations.view", takes_part | is_organiser)
rules.add_perm("conversations.hide_message", is_organiser)
rules.add_perm("conversations.moderate", is_organiser)
# Start (or reopen) a conversation in the name of a city, or in a twinning's workspace.
rules.add_perm("conversations.start_for_city", is_city_member)
rules.add_perm("conversations.start_in_twinning", takes_part_in_twinning)
