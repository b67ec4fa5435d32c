"""Who may rank twins, state interests and run the selection."""

import rules

from twinning.accounts.rules import is_organiser
from twinning.cities.rules import is_city_member


@rules.predicate
def is_mission_city(user, city) -> bool:
    return city is not None and city.is_mission_city


can_rank_twins = is_city_member & is_mission_city
can_state_interests = is_city_member & ~is_mission_city

rules.add_perm("selection.rank_twins", can_rank_twins)
rules.add_perm("selection.state_interests", can_state_interests)
rules.add_perm("selection.view_preferences", can_rank_twins | can_state_interests | is_organiser)
rules.add_perm("selection.run_selection", is_organiser)
