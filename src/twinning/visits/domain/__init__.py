"""City visits and their expense claims: each state changes in one function here.

Each function checks the transition, saves, records it in the audit trail
(with the twinning, for its activity feed) and mails the people concerned.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.domain.queries import member_emails
from twinning.common import clock, l10n
from twinning.common.audit import record_action
from twinning.common.files import check_upload
from twinning.common.people import display_name
from twinning.common.ranges import check_date_in_range
from twinning.common.wording import in_sentence
from twinning.mail.domain import queue_mail
from twinning.programme.domain.lifecycle import complete_if_done
from twinning.visits.domain.budget import claim_budget_warnings
from twinning.visits.enums import ClaimCategory, ClaimState, VisitState
from twinning.visits.models import Delegate, ExpenseClaim, Receipt, Visit

V, C = VisitState, ClaimState

VISIT_TRANSITIONS: dict[str, set[str]] = {
    V.PLANNED: {V.SUBMITTED, V.CANCELLED},
    V.SUBMITTED: {V.APPROVED, V.PLANNED, V.CANCELLED},
    V.APPROVED: {V.DONE, V.CANCELLED},
}
CLAIM_TRANSITIONS: dict[str, set[str]] = {
    C.SUBMITTED: {C.APPROVED, C.RETURNED, C.REJECTED},
    C.RETURNED: {C.SUBMITTED},
    C.APPROVED: {C.PAID},
}
# Visits whose costs may be claimed: approved ones, and those already done.
CLAIMABLE_VISIT_STATES = (V.APPROVED, V.DONE)
LIVE_VISIT_STATES = (V.PLANNED, V.SUBMITTED, V.APPROVED, V.DONE)


def _twinning_emails(twinning) -> list[str]:
    emails = set(member_emails([m.city_id for m in twinning.members.all()]))
    if twinning.facilitator_id and twinning.facilitator.is_active:
        emails.add(twinning.facilitator.email)
    return sorted(emails)


def planning_refusal(twinning, live_visits: int) -> str | None:
    """None when a twinning with `live_visits` (planned to done) may plan one more, else why not.

    The one test of the workspace, which offers “Plan a visit”, and of the planning itself.
    """
    if live_visits >= twinning.cohort.visits_per_twinning:
        count = twinning.cohort.visits_per_twinning
        return ngettext(
            "This twinning already has its %(count)d visit.",
            "This twinning already has its %(count)d visits.",
            count,
        ) % {"count": count}
    return None


def done_refusal(visit: Visit, *, today=None) -> str | None:
    """None when the visit may be marked as done (it has begun), else from when it may be."""
    if visit.starts_on > (today or clock.localdate()):
        return _("The visit can be marked as done from %(day)s, its first day.") % {
            "day": l10n.format_date(visit.starts_on)
        }
    return None


def _check_plan(twinning, *, host, starts_on, ends_on, delegates, visit=None) -> None:
    check_date_in_range(starts_on)
    check_date_in_range(ends_on)
    member_cities = {m.city_id for m in twinning.members.all()}
    if host.pk not in member_cities:
        raise ValidationError(_("A visit is hosted by one of the twinning's cities."))
    if ends_on < starts_on:
        raise ValidationError(_("The last day cannot be before the first."))
    live = twinning.visits.filter(state__in=LIVE_VISIT_STATES)
    if visit is not None:
        live = live.exclude(pk=visit.pk)
    refusal = planning_refusal(twinning, live.count())
    if refusal:
        raise ValidationError(refusal)
    if live.filter(host=host).exists():
        raise ValidationError(
            _("%(city)s already hosts a visit: each visit goes to a different city.")
            % {"city": host.display_name}
        )
    if not delegates:
        raise ValidationError(_("Name at least one person of the visiting delegation."))
    travellers = [person.pk for person, _city in delegates]
    if len(set(travellers)) != len(travellers):
        raise ValidationError(
            _("Each person travels once: name them for one city of the delegation only.")
        )
    for person, city in delegates:
        if city.pk not in member_cities or city.pk == host.pk:
            raise ValidationError(
                _("The delegation travels for the twinning's other cities, not for the host.")
            )
        if not city.memberships.filter(user=person).exists():
            raise ValidationError(
                _("%(name)s does not represent %(city)s.")
                % {"name": display_name(person), "city": city.display_name}
            )


@transaction.atomic
def plan_visit(twinning, *, host, starts_on, ends_on, agenda, delegates, by) -> Visit:
    """Plan a visit to one of the twinning's cities.

    `delegates` is a list of (person, city): who travels, for which city they
    represent. A twinning makes at most the cohort's number of visits, each to a
    different city.
    """
    _check_plan(twinning, host=host, starts_on=starts_on, ends_on=ends_on, delegates=delegates)
    visit = Visit.objects.create(
        twinning=twinning,
        host=host,
        starts_on=starts_on,
        ends_on=ends_on,
        agenda=agenda,
        created_by=by,
        state_changed_at=clock.now(),
    )
    Delegate.objects.bulk_create(
        [Delegate(visit=visit, person=person, city=city) for person, city in delegates]
    )
    record_action("visit.planned", visit, by=by, twinning=twinning.pk)
    return visit


@transaction.atomic
def update_visit(visit: Visit, *, host, starts_on, ends_on, agenda, delegates, by) -> Visit:
    """Change a planned visit (not yet submitted): the same checks as when planning it."""
    visit = Visit.objects.select_for_update().select_related("twinning__cohort").get(pk=visit.pk)
    if visit.state != V.PLANNED:
        raise ValidationError(
            _("Only a planned visit can be changed; take a submitted one back first.")
        )
    _check_plan(
        visit.twinning,
        host=host,
        starts_on=starts_on,
        ends_on=ends_on,
        delegates=delegates,
        visit=visit,
    )
    visit.host, visit.starts_on, visit.ends_on, visit.agenda = host, starts_on, ends_on, agenda
    visit.save(update_fields=["host", "starts_on", "ends_on", "agenda"])
    visit.delegates.all().delete()
    Delegate.objects.bulk_create(
        [Delegate(visit=visit, person=person, city=city) for person, city in delegates]
    )
    record_action("visit.changed", visit, by=by, twinning=visit.twinning_id)
    return visit


def _check_visit(visit: Visit, new_state: str) -> None:
    if new_state not in VISIT_TRANSITIONS.get(visit.state, set()):
        raise ValidationError(
            _("A visit that is %(current)s cannot become %(new)s.")
            % {"current": in_sentence(V(visit.state).label), "new": in_sentence(V(new_state).label)}
        )


@transaction.atomic
def set_visit_state(visit: Visit, new_state: str, *, by, report: str = "") -> Visit:
    """Move a visit on: submitted for approval, approved, done (with a report) or cancelled."""
    visit = Visit.objects.select_for_update().select_related("twinning", "host").get(pk=visit.pk)
    _check_visit(visit, new_state)
    if new_state == V.DONE:
        if not report.strip():
            raise ValidationError(_("A visit is done with a short report of what was learnt."))
        refusal = done_refusal(visit)
        if refusal:
            raise ValidationError(refusal)
        visit.report = report.strip()
    old_state = visit.state
    visit.state = new_state
    visit.state_changed_at = clock.now()
    visit.save(update_fields=["state", "report", "state_changed_at"])
    record_action(
        "visit.state_changed",
        visit,
        by=by,
        twinning=visit.twinning_id,
        old=old_state,
        new=new_state,
    )
    queue_mail(
        "visit_state",
        _twinning_emails(visit.twinning),
        {"visit": visit, "twinning": visit.twinning},
        about=visit,
        by=by,
    )
    if new_state == V.DONE:
        complete_if_done(visit.twinning, by=by)
    return visit


@transaction.atomic
def submit_claim(
    visit: Visit,
    *,
    traveller,
    category: str,
    description: str,
    amount: Decimal,
    currency: str,
    amount_eur: Decimal,
    receipts,
    by,
) -> ExpenseClaim:
    """Claim costs of an approved visit, with at least one receipt (PDF or image)."""
    if visit.state not in CLAIMABLE_VISIT_STATES:
        raise ValidationError(_("Costs are claimed once the visit is approved."))
    travels = visit.delegates.filter(person=traveller).exists()
    hosts = visit.host.memberships.filter(user=traveller).exists()
    if not travels and not (category == ClaimCategory.HOSTING and hosts):
        raise ValidationError(
            _(
                "Costs are claimed by the people of the delegation, "
                "and hosting costs by the host city."
            )
        )
    if not receipts:
        raise ValidationError(_("Add at least one receipt."))
    checked = [(upload, check_upload(upload)) for upload in receipts]
    claim = ExpenseClaim.objects.create(
        visit=visit,
        traveller=traveller,
        category=category,
        description=description,
        amount=amount,
        currency=currency.upper(),
        amount_eur=amount_eur,
        state_changed_at=clock.now(),
    )
    _store_receipts(claim, checked)
    queue_mail("claim_state", traveller.email, {"claim": claim}, about=claim, by=by)
    record_action(
        "claim.submitted",
        claim,
        by=by,
        twinning=visit.twinning_id,
        amount_eur=str(claim.amount_eur),
    )
    return claim


def _store_receipts(claim: ExpenseClaim, checked) -> None:
    for upload, content_type in checked:
        receipt = Receipt(claim=claim, content_type=content_type, size=upload.size)
        receipt.file.save(upload.name, upload, save=False)
        receipt.save()


@transaction.atomic
def resubmit_claim(claim: ExpenseClaim, *, data: dict, receipts, by) -> ExpenseClaim:
    """A returned claim, corrected (fields in `data`, further receipts) and sent again."""
    claim = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.state != C.RETURNED:
        raise ValidationError(_("Only a returned claim can be corrected and sent again."))
    checked = [(upload, check_upload(upload)) for upload in receipts]
    for name in ("category", "description", "amount", "currency", "amount_eur"):
        if name in data:
            setattr(claim, name, data[name])
    claim.save()
    _store_receipts(claim, checked)
    return set_claim_state(claim, C.SUBMITTED, by=by)


def _check_claim(claim: ExpenseClaim, new_state: str) -> None:
    if new_state not in CLAIM_TRANSITIONS.get(claim.state, set()):
        raise ValidationError(
            _("A claim that is %(current)s cannot become %(new)s.")
            % {"current": in_sentence(C(claim.state).label), "new": in_sentence(C(new_state).label)}
        )


@transaction.atomic
def set_claim_state(
    claim: ExpenseClaim,
    new_state: str,
    *,
    by,
    comment: str = "",
    confirm_over_budget: bool = False,
) -> ExpenseClaim:
    """Approve, return, reject, pay (or resubmit) a claim; the traveller is told by e-mail.

    A claim beyond what is left of the budget is approved only with
    `confirm_over_budget`, never silently.
    """
    # The twinning's row is held too: two claims of one twinning approved at once are
    # checked against the budget one after the other, each seeing the other's approval.
    claim = (
        ExpenseClaim.objects.select_for_update(of=("self", "visit__twinning"))
        .select_related("visit__twinning__cohort", "traveller")
        .get(pk=claim.pk)
    )
    _check_claim(claim, new_state)
    warnings = claim_budget_warnings(claim) if new_state == C.APPROVED else []
    if warnings and not confirm_over_budget:
        raise ValidationError(
            [_("This claim goes beyond the budget; confirm to approve it anyway."), *warnings]
        )
    if new_state in (C.RETURNED, C.REJECTED) and not comment.strip():
        raise ValidationError(_("Say why, so that the traveller knows what to do."))
    old_state = claim.state
    claim.state = new_state
    claim.comment = comment.strip()
    claim.state_changed_at = clock.now()
    claim.save(update_fields=["state", "comment", "state_changed_at"])
    record_action(
        "claim.state_changed",
        claim,
        by=by,
        twinning=claim.visit.twinning_id,
        old=old_state,
        new=new_state,
        amount_eur=str(claim.amount_eur),
        over_budget=bool(warnings),
    )
    queue_mail("claim_state", claim.traveller.email, {"claim": claim}, about=claim, by=by)
    return claim
