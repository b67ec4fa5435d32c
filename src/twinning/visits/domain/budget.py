"""The visit budget of a twinning, from its cohort's settings.

The rule: each visit is covered up to the amount per representative times
the number of representatives covered (cohort 5: EUR 900 x 2 = EUR 1,800);
within it, one person's claims for one visit are covered up to the amount
per representative. A twinning's budget is the visit budget times the
cohort's number of visits (cohort 5: 2 visits, EUR 3,600). Approved and paid
claims use the budget; submitted ones are pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import l10n
from twinning.common.people import display_name
from twinning.visits.enums import ClaimState

USED_STATES = (ClaimState.APPROVED, ClaimState.PAID)
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def visit_budget(cohort) -> Decimal:
    return cohort.visit_budget_per_representative * cohort.representatives_covered


def twinning_budget_total(cohort) -> Decimal:
    return visit_budget(cohort) * cohort.visits_per_twinning


@dataclass(frozen=True)
class Budget:
    total: Decimal
    used: Decimal
    pending: Decimal

    @property
    def left(self) -> Decimal:
        return self.total - self.used

    @property
    def is_exceeded(self) -> bool:
        return self.used > self.total


def _cents(amount: Decimal | None) -> Decimal:
    # SQLite sums decimals as floats: round back to cents.
    return Decimal(amount or ZERO).quantize(CENT)


def budget_of(cohort, used: Decimal | None, pending: Decimal | None) -> Budget:
    return Budget(twinning_budget_total(cohort), _cents(used), _cents(pending))


def twinning_budget(twinning) -> Budget:
    """Used and pending amounts of all the twinning's visits, in one query."""
    from twinning.visits.models import ExpenseClaim  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    sums = ExpenseClaim.objects.filter(visit__twinning=twinning).aggregate(
        used=Sum("amount_eur", filter=Q(state__in=USED_STATES)),
        pending=Sum("amount_eur", filter=Q(state=ClaimState.SUBMITTED)),
    )
    return budget_of(twinning.cohort, sums["used"], sums["pending"])


def claim_budget_warnings(claim) -> list[str]:
    """Why approving this claim would go beyond the budget; empty when it fits."""
    return budget_warnings_for([claim])[claim.pk]


def budget_warnings_for(claims) -> dict[int, list[str]]:
    """The budget warnings of several claims, with one query for all of them."""
    from twinning.visits.models import ExpenseClaim  # noqa: PLC0415 - circle: within the app, the module it needs imports this one (to check)

    used = list(
        ExpenseClaim.objects.filter(
            visit_id__in={c.visit_id for c in claims}, state__in=USED_STATES
        ).values_list("pk", "visit_id", "traveller_id", "amount_eur")
    )
    used = [(pk, visit, person, _cents(amount)) for pk, visit, person, amount in used]
    warnings = {}
    for claim in claims:
        others = [row for row in used if row[1] == claim.visit_id and row[0] != claim.pk]
        warnings[claim.pk] = _warnings(
            claim,
            visit_used=sum((row[3] for row in others), ZERO),
            person_used=sum((row[3] for row in others if row[2] == claim.traveller_id), ZERO),
            covered={row[2] for row in others},
        )
    return warnings


def _warnings(claim, *, visit_used, person_used, covered) -> list[str]:
    cohort = claim.visit.twinning.cohort
    warnings = []
    visit_left = visit_budget(cohort) - visit_used
    if claim.amount_eur > visit_left:
        warnings.append(
            _("The visit has EUR %(left)s left of EUR %(total)s; this claim is EUR %(amount)s.")
            % {
                "left": l10n.format_amount(visit_left),
                "total": l10n.format_amount(visit_budget(cohort)),
                "amount": l10n.format_amount(claim.amount_eur),
            }
        )
    person_left = cohort.visit_budget_per_representative - person_used
    if claim.amount_eur > person_left:
        warnings.append(
            _("%(name)s has EUR %(left)s left of the EUR %(each)s per representative.")
            % {
                "name": display_name(claim.traveller),
                "left": l10n.format_amount(person_left),
                "each": l10n.format_amount(cohort.visit_budget_per_representative),
            }
        )
    if claim.traveller_id not in covered and len(covered) >= cohort.representatives_covered:
        warnings.append(
            ngettext(
                "%(count)d representative is already covered for this visit.",
                "%(count)d representatives are already covered for this visit.",
                len(covered),
            )
            % {"count": len(covered)}
        )
    return warnings
