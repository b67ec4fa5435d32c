"""Who may do what at a Matchmaking Day."""

import rules

from twinning.accounts.rules import is_organiser
from twinning.cities.rules import is_city_member


@rules.predicate
def is_request_sender(user, meeting_request) -> bool:
    return meeting_request is not None and is_city_member(user, meeting_request.from_city)


@rules.predicate
def is_request_recipient(user, meeting_request) -> bool:
    return meeting_request is not None and is_city_member(user, meeting_request.to_city)


is_request_party = is_request_sender | is_request_recipient

# The object is the city acting (or a participation, whose city is checked).
rules.add_perm("matchmaking.take_part", is_city_member)
rules.add_perm("matchmaking.answer_request", is_request_recipient)
rules.add_perm("matchmaking.cancel_request", is_request_sender)
rules.add_perm("matchmaking.mark_priority", is_request_party)
rules.add_perm("matchmaking.manage", is_organiser)
# Recommended twins of a city: its representatives and the programme team.
rules.add_perm("matchmaking.view_recommendations", is_city_member | is_organiser)
