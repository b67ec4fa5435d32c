import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories.selection import QuickOrganiserFactory
from tests.factories.year import claim_for, pdf_upload, visit_to, year_twinning
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.visits.domain import (
    plan_visit,
    resubmit_claim,
    set_claim_state,
    set_visit_state,
    submit_claim,
    update_visit,
)
from twinning.visits.domain.budget import (
    budget_warnings_for,
    claim_budget_warnings,
    twinning_budget,
    visit_budget,
)
from twinning.visits.enums import ClaimCategory, ClaimState, VisitState
from twinning.visits.models import ExpenseClaim

pytestmark = pytest.mark.django_db


def _cities(twinning):
    members = {m.role: m.city for m in twinning.members.all()}
    return members["mission"], members["mission_minded"]


def test_plan_visit_creates_the_visit_with_its_delegation():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    today = timezone.localdate()

    visit = plan_visit(
        twinning,
        host=torino,
        starts_on=today,
        ends_on=today + dt.timedelta(days=2),
        agenda="Solar roofs",
        delegates=[(miguel, evora)],
        by=miguel,
    )

    assert visit.state == VisitState.PLANNED
    assert [(d.person, d.city) for d in visit.delegates.all()] == [(miguel, evora)]
    assert AuditEntry.objects.get(action="visit.planned").data == {"twinning": twinning.pk}


@pytest.mark.parametrize(
    ("host_key", "delegate_key", "message"),
    [
        ("stranger", "evora", "A visit is hosted by one of the twinning's cities."),
        (
            "torino",
            "torino",
            "The delegation travels for the twinning's other cities, not for the host.",
        ),
    ],
)
def test_plan_visit_refuses_a_wrong_host_or_delegation(host_key, delegate_key, message):
    from tests.factories import CityFactory

    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    cities = {"torino": torino, "evora": evora, "stranger": CityFactory()}
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        plan_visit(
            twinning,
            host=cities[host_key],
            starts_on=today,
            ends_on=today,
            agenda="",
            delegates=[(miguel, cities[delegate_key])],
            by=miguel,
        )

    assert error.value.messages == [message]


def test_plan_visit_refuses_a_second_visit_to_the_same_city_and_a_third_visit():
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit_to(twinning, torino, [(miguel, evora)])
    today = timezone.localdate()

    with pytest.raises(ValidationError) as same_city:
        plan_visit(twinning, host=torino, starts_on=today, ends_on=today, agenda="",
                   delegates=[(miguel, evora)], by=miguel)  # fmt: skip
    visit_to(twinning, evora, [(marta, torino)])
    with pytest.raises(ValidationError) as third:
        plan_visit(twinning, host=evora, starts_on=today, ends_on=today, agenda="",
                   delegates=[(marta, torino)], by=marta)  # fmt: skip

    assert same_city.value.messages == [
        "Torino (Turin) already hosts a visit: each visit goes to a different city."
    ]
    assert third.value.messages == ["This twinning already has its 2 visits."]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (VisitState.PLANNED, VisitState.SUBMITTED),
        (VisitState.PLANNED, VisitState.CANCELLED),
        (VisitState.SUBMITTED, VisitState.APPROVED),
        (VisitState.SUBMITTED, VisitState.PLANNED),
        (VisitState.SUBMITTED, VisitState.CANCELLED),
        (VisitState.APPROVED, VisitState.CANCELLED),
    ],
)
def test_set_visit_state_allowed_transitions_are_logged_and_mailed(old, new):
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=old)
    organiser = QuickOrganiserFactory()

    visit = set_visit_state(visit, new, by=organiser)

    assert visit.state == new
    entry = AuditEntry.objects.get(action="visit.state_changed")
    assert entry.data == {"twinning": twinning.pk, "old": old, "new": new}
    mail = OutgoingMail.objects.get(template="visit_state")
    assert sorted(mail.to) == sorted([marta.email, miguel.email])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (VisitState.PLANNED, VisitState.APPROVED),
        (VisitState.PLANNED, VisitState.DONE),
        (VisitState.SUBMITTED, VisitState.DONE),
        (VisitState.APPROVED, VisitState.SUBMITTED),
        (VisitState.DONE, VisitState.CANCELLED),
        (VisitState.CANCELLED, VisitState.PLANNED),
    ],
)
def test_set_visit_state_refuses_other_transitions(old, new):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=old)

    with pytest.raises(ValidationError) as error:
        set_visit_state(visit, new, by=miguel, report="Report")

    assert error.value.messages == [
        f"A visit that is {VisitState(old).label.lower()} cannot become "
        f"{VisitState(new).label.lower()}."
    ]
    visit.refresh_from_db()
    assert visit.state == old


def test_visit_is_done_with_a_report():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED, days_ago=3)

    visit = set_visit_state(visit, VisitState.DONE, by=miguel, report="  We saw the roofs.  ")

    assert (visit.state, visit.report) == (VisitState.DONE, "We saw the roofs.")


def test_visit_is_not_done_without_a_report_or_before_it_starts():
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    past = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED, days_ago=3)
    future = visit_to(twinning, evora, [(marta, torino)], state=VisitState.APPROVED, days_ago=-5)

    with pytest.raises(ValidationError) as no_report:
        set_visit_state(past, VisitState.DONE, by=miguel, report=" ")
    with pytest.raises(ValidationError) as too_early:
        set_visit_state(future, VisitState.DONE, by=marta, report="Planned well")

    assert no_report.value.messages == ["A visit is done with a short report of what was learnt."]
    assert too_early.value.messages == [
        f"The visit can be marked as done from {future.starts_on:%-d %B %Y}, its first day."
    ]


def _claim_data(**overrides):
    data = {
        "category": ClaimCategory.TRAVEL,
        "description": "Train",
        "amount": Decimal("2500.00"),
        "currency": "czk",
        "amount_eur": Decimal("100.00"),
    }
    return {**data, **overrides}


def test_submit_claim_with_a_pdf_receipt():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)

    claim = submit_claim(
        visit, traveller=miguel, receipts=[pdf_upload()], by=miguel, **_claim_data()
    )

    assert (claim.state, claim.currency, claim.amount_eur) == (
        ClaimState.SUBMITTED, "CZK", Decimal("100.00"),
    )  # fmt: skip
    assert [r.content_type for r in claim.receipts.all()] == ["application/pdf"]


def test_submit_claim_refuses_a_pdf_that_is_really_text():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    fake = SimpleUploadedFile("receipt.pdf", b"just some text", content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        submit_claim(visit, traveller=miguel, receipts=[fake], by=miguel, **_claim_data())

    assert error.value.messages == [
        "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted."
    ]
    assert visit.claims.count() == 0


def test_submit_claim_refused_before_approval_without_receipt_and_for_outsiders():
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    planned = visit_to(twinning, torino, [(miguel, evora)])
    approved = visit_to(twinning, evora, [(marta, torino)], state=VisitState.APPROVED)

    with pytest.raises(ValidationError) as early:
        submit_claim(planned, traveller=miguel, receipts=[pdf_upload()], by=miguel, **_claim_data())
    with pytest.raises(ValidationError) as no_receipt:
        submit_claim(approved, traveller=marta, receipts=[], by=marta, **_claim_data())
    with pytest.raises(ValidationError) as outsider:
        submit_claim(
            approved, traveller=miguel, receipts=[pdf_upload()], by=miguel, **_claim_data()
        )

    assert early.value.messages == ["Costs are claimed once the visit is approved."]
    assert no_receipt.value.messages == ["Add at least one receipt."]
    assert outsider.value.messages == [
        "Costs are claimed by the people of the delegation, and hosting costs by the host city."
    ]


def test_host_city_claims_hosting_costs():
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)

    claim = submit_claim(
        visit, traveller=marta, receipts=[pdf_upload()], by=marta,
        **_claim_data(category=ClaimCategory.HOSTING),
    )  # fmt: skip

    assert claim.category == ClaimCategory.HOSTING


@pytest.mark.parametrize(
    ("old", "new", "comment"),
    [
        (ClaimState.SUBMITTED, ClaimState.APPROVED, ""),
        (ClaimState.SUBMITTED, ClaimState.RETURNED, "The receipt is unreadable."),
        (ClaimState.SUBMITTED, ClaimState.REJECTED, "Not a visit cost."),
        (ClaimState.APPROVED, ClaimState.PAID, ""),
    ],
)
def test_set_claim_state_allowed_transitions_are_logged_and_mailed(old, new, comment):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    claim = claim_for(visit, miguel, state=old)
    organiser = QuickOrganiserFactory()

    claim = set_claim_state(claim, new, by=organiser, comment=comment)

    assert (claim.state, claim.comment) == (new, comment)
    entry = AuditEntry.objects.get(action="claim.state_changed")
    assert (entry.actor, entry.data["old"], entry.data["new"]) == (organiser, old, new)
    mail = OutgoingMail.objects.get(template="claim_state")
    assert mail.to == [miguel.email]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ClaimState.SUBMITTED, ClaimState.PAID),
        (ClaimState.RETURNED, ClaimState.APPROVED),
        (ClaimState.REJECTED, ClaimState.APPROVED),
        (ClaimState.PAID, ClaimState.APPROVED),
        (ClaimState.APPROVED, ClaimState.REJECTED),
    ],
)
def test_set_claim_state_refuses_other_transitions(old, new):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    claim = claim_for(visit, miguel, state=old)

    with pytest.raises(ValidationError) as error:
        set_claim_state(claim, new, by=QuickOrganiserFactory(), comment="Because")

    assert error.value.messages == [
        f"A claim that is {ClaimState(old).label.lower()} cannot become "
        f"{ClaimState(new).label.lower()}."
    ]
    assert OutgoingMail.objects.filter(template="claim_state").count() == 0


def test_returning_a_claim_needs_a_comment():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel)

    with pytest.raises(ValidationError) as error:
        set_claim_state(claim, ClaimState.RETURNED, by=QuickOrganiserFactory())

    assert error.value.messages == ["Say why, so that the traveller knows what to do."]


def test_returned_claim_is_corrected_and_submitted_again():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, state="returned"
    )

    claim = resubmit_claim(
        claim,
        data={"amount_eur": Decimal("250.00")},
        receipts=[pdf_upload("second.pdf")],
        by=miguel,
    )

    assert (claim.state, claim.amount_eur, claim.receipts.count()) == (
        ClaimState.SUBMITTED, Decimal("250.00"), 2,
    )  # fmt: skip


def test_budget_rule_from_the_cohort_settings():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state="approved")
    claim_for(visit, miguel, "300.00", state="paid")
    claim_for(visit, miguel, "200.00", state="approved")
    claim_for(visit, miguel, "50.00", state="submitted")
    claim_for(visit, miguel, "999.00", state="rejected")

    budget = twinning_budget(twinning)

    assert visit_budget(twinning.cohort) == Decimal("1800.00")
    assert (budget.total, budget.used, budget.pending, budget.left) == (
        Decimal("3600.00"), Decimal("500.00"), Decimal("50.00"), Decimal("3100.00"),
    )  # fmt: skip


def test_claim_within_budget_has_no_warning():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, "900.00"
    )

    assert claim_budget_warnings(claim) == []


def test_claim_over_the_representative_budget_is_flagged_and_not_approved_silently():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state="approved")
    claim_for(visit, miguel, "800.00", state="approved")
    claim = claim_for(visit, miguel, "150.00")

    warnings = claim_budget_warnings(claim)
    with pytest.raises(ValidationError) as error:
        set_claim_state(claim, ClaimState.APPROVED, by=QuickOrganiserFactory())
    claim.refresh_from_db()

    assert warnings == [f"{miguel.name} has EUR 100.00 left of the EUR 900.00 per representative."]
    assert error.value.messages == [
        "This claim goes beyond the budget; confirm to approve it anyway.",
        *warnings,
    ]
    assert claim.state == ClaimState.SUBMITTED


def test_claim_over_budget_is_approved_with_explicit_confirmation_and_logged_so():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, "2000.00"
    )

    claim = set_claim_state(
        claim, ClaimState.APPROVED, by=QuickOrganiserFactory(), confirm_over_budget=True
    )

    assert claim.state == ClaimState.APPROVED
    assert AuditEntry.objects.get(action="claim.state_changed").data["over_budget"] is True


def test_budget_warnings_for_the_visit_and_the_number_of_representatives():
    from tests.factories.selection import QuickUserFactory

    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    others = [QuickUserFactory(name=f"Traveller {n}") for n in range(2)]
    visit = visit_to(
        twinning, torino, [(miguel, evora)] + [(p, evora) for p in others], state="approved"
    )
    claim_for(visit, miguel, "900.00", state="approved")
    claim_for(visit, others[0], "850.00", state="paid")
    claim = claim_for(visit, others[1], "100.00")

    assert budget_warnings_for([claim]) == {
        claim.pk: [
            "The visit has EUR 50.00 left of EUR 1,800.00; this claim is EUR 100.00.",
            "2 representatives are already covered for this visit.",
        ]
    }


def test_budget_amounts_are_shown_in_cents():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state="approved")
    claim_for(visit, miguel, "412.60", state="paid")
    claim_for(visit, miguel, "236.00", state="approved")

    budget = twinning_budget(twinning)

    assert (str(budget.used), str(budget.left)) == ("648.60", "2951.40")


def test_update_planned_visit_changes_dates_and_delegation():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)])
    day = timezone.localdate() + dt.timedelta(days=30)

    visit = update_visit(
        visit,
        host=torino,
        starts_on=day,
        ends_on=day + dt.timedelta(days=1),
        agenda="New agenda",
        delegates=[(miguel, evora)],
        by=miguel,
    )

    assert (visit.starts_on, visit.agenda) == (day, "New agenda")
    assert [(d.person, d.city) for d in visit.delegates.all()] == [(miguel, evora)]


def test_update_refused_once_the_visit_is_submitted():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        update_visit(visit, host=torino, starts_on=visit.starts_on, ends_on=visit.ends_on,
                     agenda="", delegates=[(miguel, evora)], by=miguel)  # fmt: skip

    assert error.value.messages == [
        "Only a planned visit can be changed; take a submitted one back first."
    ]


def test_plan_visit_refuses_a_delegate_who_does_not_represent_the_city():
    twinning, marta, _miguel = year_twinning()
    torino, evora = _cities(twinning)
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        plan_visit(twinning, host=torino, starts_on=today, ends_on=today, agenda="",
                   delegates=[(marta, evora)], by=marta)  # fmt: skip

    assert error.value.messages == ["Marta Rossi does not represent Évora."]


def test_claim_submission_is_confirmed_to_the_traveller_by_mail():
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)

    submit_claim(visit, traveller=miguel, receipts=[pdf_upload()], by=miguel, **_claim_data())

    assert list(OutgoingMail.objects.values_list("template", "to")) == [
        ("claim_state", [miguel.email])
    ]


def _at_once(*calls):
    """Run the calls in two threads that start together; each returns its result or refusal."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connections

    start = Barrier(len(calls))

    def run(call):
        try:
            start.wait()
            return call()
        except ValidationError as refused:
            return refused
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.django_db(transaction=True)
def test_two_organisers_confirming_one_claim_over_budget_at_once_approve_it_once():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state="approved")
    claim_pk = claim_for(visit, miguel, "2000.00").pk
    organisers = [QuickOrganiserFactory(), QuickOrganiserFactory()]

    def approve(organiser):
        claim = ExpenseClaim.objects.get(pk=claim_pk)
        return lambda: set_claim_state(
            claim, ClaimState.APPROVED, by=organiser, confirm_over_budget=True
        )

    results = _at_once(*[approve(o) for o in organisers])

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert [r.messages for r in refused] == [["A claim that is approved cannot become approved."]]
    assert AuditEntry.objects.filter(action="claim.state_changed").count() == 1
    assert OutgoingMail.objects.filter(template="claim_state").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_claims_approved_at_once_cannot_both_fit_what_is_left_of_the_budget():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state="approved")
    # Each fits the EUR 900 per representative alone; both together do not.
    claims = [claim_for(visit, miguel, "600.00"), claim_for(visit, miguel, "600.00")]
    organisers = [QuickOrganiserFactory(), QuickOrganiserFactory()]

    results = _at_once(
        *[
            (lambda c=c, o=o: set_claim_state(c, ClaimState.APPROVED, by=o))
            for c, o in zip(claims, organisers, strict=True)
        ]
    )

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert [r.messages for r in refused] == [
        [
            "This claim goes beyond the budget; confirm to approve it anyway.",
            f"{miguel.name} has EUR 300.00 left of the EUR 900.00 per representative.",
        ]
    ]
    assert sorted(ExpenseClaim.objects.values_list("state", flat=True)) == [
        ClaimState.APPROVED,
        ClaimState.SUBMITTED,
    ]
