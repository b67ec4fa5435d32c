"""Who may use the organisers' part of the API and manage API tokens."""

import rules

from twinning.accounts.rules import is_organiser


@rules.predicate
def is_own_token(user, token) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.use_organiser_api", is_organiser)
rules.add_perm("api.manage_tokens", is_organiser)
rules.add_perm("api.revoke_token", is_organiser & is_own_token)
