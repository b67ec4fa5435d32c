"""Who approves visits and handles expense claims, and who sees a claim."""

import rules

from twinning.accounts.rules import is_organiser


@rules.predicate
def is_claimant(user, claim) -> bool:
    return claim is not None and user.is_authenticated and claim.traveller_id == user.pk


rules.add_perm("visits.approve_visit", is_organiser)
rules.add_perm("visits.manage_claims", is_organiser)
rules.add_perm("visits.view_claim", is_claimant | is_organiser)


@rules.predicate
def is_claim_facilitator(user, claim) -> bool:
    return (
        claim is not None
        and user.is_authenticated
        and claim.visit.twinning.facilitator_id == user.pk
    )


rules.add_perm("visits.view_claim_of_twinning", is_claimant | is_claim_facilitator | is_organiser)
