"""The twinning's workspace: who reaches it, what it shows, and its forms."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories.selection import QuickOrganiserFactory, QuickUserFactory
from tests.factories.year import (
    WorkshopFactory,
    claim_for,
    pdf_upload,
    visit_to,
    year_twinning,
)
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import ExpenseClaim, Visit
from twinning.workshops.models import WorkshopRegistration

# A date always ahead of the clock, whatever the day the tests run.
YEAR = timezone.localdate().year + 2


pytestmark = pytest.mark.django_db


def _cities(twinning):
    members = {m.role: m.city for m in twinning.members.all()}
    return members["mission"], members["mission_minded"]


def test_workspace_is_refused_to_a_stranger_and_to_visitors(client):
    twinning, _marta, _miguel = year_twinning()
    url = reverse("portal:workspace", args=[twinning.pk])

    anonymous = client.get(url)
    client.force_login(QuickUserFactory())
    stranger = client.get(url)

    assert anonymous.status_code == 302
    assert stranger.status_code == 403


@pytest.mark.parametrize("who", ["member", "facilitator", "organiser"])
def test_workspace_opens_for_members_facilitator_and_organisers(client, who):
    facilitator = QuickUserFactory(is_facilitator=True)
    twinning, marta, _miguel = year_twinning(facilitator=facilitator)
    person = {"member": marta, "facilitator": facilitator, "organiser": QuickOrganiserFactory()}
    client.force_login(person[who])

    response = client.get(reverse("portal:workspace", args=[twinning.pk]))

    assert response.status_code == 200
    assert [m.city.name for m in response.context["members"]] == ["Évora", "Torino"]
    assert [r.user.name for r in response.context["representatives"]] == [
        "Marta Rossi",
        "Miguel Silva",
    ]


def test_workspace_shows_budget_trip_and_due_items(client):
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    claim_for(visit, miguel, "400.00", state=ClaimState.PAID)
    WorkshopFactory(cohort=twinning.cohort, title="Green bonds")
    client.force_login(marta)

    response = client.get(reverse("portal:workspace", args=[twinning.pk]))

    budget = response.context["budget"]
    assert (budget.total, budget.used, budget.left) == (
        Decimal("3600.00"),
        Decimal("400.00"),
        Decimal("3200.00"),
    )
    assert [(label, trip.great_circle_km) for label, trip in response.context["trips"]] == [
        ("Évora – Torino (Turin)", 1477)
    ]
    assert [str(item["what"]) for item in response.context["due_next"]] == [
        "Workshop: Green bonds",
        str(visit),
        "1 city visit still to plan",
        "Replication Plan due by the end of the programme",
    ]
    # A member sees only their own claims; Marta has none.
    assert response.context["claims"] == []


@pytest.mark.parametrize(
    ("covered", "sentence"),
    [
        (
            2,
            "Each visit is covered up to EUR 900.00 per representative for 2 representatives "
            "(EUR 1,800.00 a visit), for 2 visits.",
        ),
        (
            1,
            "Each visit is covered up to EUR 900.00 per representative for 1 representative "
            "(EUR 900.00 a visit), for 2 visits.",
        ),
    ],
)
def test_workspace_states_the_budget_with_separators_and_counted_nouns(client, covered, sentence):
    twinning, marta, _miguel = year_twinning()
    twinning.cohort.representatives_covered = covered
    twinning.cohort.save(update_fields=["representatives_covered"])
    client.force_login(marta)

    html = client.get(reverse("portal:workspace", args=[twinning.pk])).content.decode()

    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"Budget of the twinning EUR {900 * covered * 2:,}.00" in text
    assert sentence in text


def test_workspace_list_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    client.force_login(marta)
    url = reverse("portal:workspace", args=[twinning.pk])
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    WorkshopFactory(cohort=twinning.cohort)
    claim_for(visit, marta)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    visit_to(twinning, evora, [(marta, torino)], state=VisitState.APPROVED)
    for _n in range(5):
        WorkshopFactory(cohort=twinning.cohort, twinning=twinning)
        claim_for(visit, marta)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)

    assert len(response.context["workshops"]) == 6
    assert len(large.captured_queries) == len(small.captured_queries)


def test_my_twinnings_lists_member_and_facilitated_twinnings(client):
    facilitator = QuickUserFactory(is_facilitator=True)
    first, _marta, _miguel = year_twinning(facilitator=facilitator)
    second, _other, _third = year_twinning(cohort=first.cohort, facilitator=facilitator)
    client.force_login(facilitator)

    response = client.get(reverse("portal:twinnings"))

    assert [t.pk for t in response.context["twinnings"]] == [first.pk, second.pk]


def test_register_for_a_workshop_from_the_workspace(client):
    twinning, marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort)
    client.force_login(marta)

    response = client.post(reverse("portal:workshop_register", args=[twinning.pk, workshop.pk]))

    assert response.status_code == 302
    assert list(WorkshopRegistration.objects.values_list("person", "twinning")) == [
        (marta.pk, twinning.pk)
    ]


def test_workshop_calendar_download(client):
    twinning, marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort)
    client.force_login(marta)

    response = client.get(reverse("portal:workshop_ics", args=[twinning.pk, workshop.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"


def test_plan_a_visit_through_the_form(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    client.force_login(miguel)
    form = client.get(reverse("portal:visit_new", args=[twinning.pk])).context["form"]
    miguel_choice = next(pk for pk, label in form.fields["delegates"].choices if "Miguel" in label)
    today = timezone.localdate()

    response = client.post(
        reverse("portal:visit_new", args=[twinning.pk]),
        {
            "host": torino.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=1)).isoformat(),
            "agenda": "The solar district",
            "delegates": [miguel_choice],
        },
    )

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:visit", args=[twinning.pk, visit.pk])
    assert [(d.person, d.city) for d in visit.delegates.all()] == [(miguel, evora)]


def test_plan_a_visit_with_bad_dates_keeps_what_was_typed(client):
    twinning, _marta, miguel = year_twinning()
    torino, _evora = _cities(twinning)
    client.force_login(miguel)

    response = client.post(
        reverse("portal:visit_new", args=[twinning.pk]),
        {"host": torino.pk, "starts_on": "2027-03-10", "ends_on": "2027-03-01", "agenda": "Roofs"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == [
        "The last day cannot be before the first."
    ]
    assert response.context["form"]["agenda"].value() == "Roofs"
    assert Visit.objects.count() == 0


def test_members_submit_and_finish_a_visit_but_cannot_approve_it(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)])
    client.force_login(miguel)
    url = reverse("portal:visit_state", args=[twinning.pk, visit.pk])

    submitted = client.post(url, {"state": "submitted"})
    approve = client.post(url, {"state": "approved"})

    visit.refresh_from_db()
    assert (submitted.status_code, approve.status_code, visit.state) == (302, 403, "submitted")


def test_done_without_a_report_shows_the_error(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    client.force_login(miguel)

    response = client.post(
        reverse("portal:visit_state", args=[twinning.pk, visit.pk]),
        {"state": "done", "report": ""},
    )

    assert response.status_code == 400
    assert response.context["state_form"].errors["report"] == [
        "A visit is done with a short report of what was learnt."
    ]


def test_claim_with_a_receipt_through_the_form(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    client.force_login(miguel)

    response = client.post(
        reverse("portal:claim_new", args=[twinning.pk, visit.pk]),
        {
            "category": "travel",
            "description": "Train Évora – Torino",
            "amount": "180.50",
            "currency": "eur",
            "receipt": pdf_upload(),
        },
    )

    claim = ExpenseClaim.objects.get()
    assert response["Location"] == reverse("portal:claim", args=[twinning.pk, claim.pk])
    assert (claim.amount_eur, claim.currency, claim.traveller) == (Decimal("180.50"), "EUR", miguel)


def test_claim_with_a_text_file_named_pdf_is_refused_with_the_message(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    client.force_login(miguel)

    response = client.post(
        reverse("portal:claim_new", args=[twinning.pk, visit.pk]),
        {
            "category": "travel",
            "description": "Train",
            "amount": "180.50",
            "currency": "DKK",
            "amount_eur": "24.20",
            "receipt": SimpleUploadedFile("r.pdf", b"not a pdf", content_type="application/pdf"),
        },
    )

    assert response.status_code == 400
    assert response.context["claim_form"].errors["receipt"] == [
        "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted."
    ]
    assert response.context["claim_form"]["description"].value() == "Train"
    assert ExpenseClaim.objects.count() == 0


def test_claim_in_another_currency_needs_the_euro_amount(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED)
    client.force_login(miguel)

    response = client.post(
        reverse("portal:claim_new", args=[twinning.pk, visit.pk]),
        {"category": "travel", "description": "Hotel", "amount": "900", "currency": "DKK",
         "receipt": pdf_upload()},
    )  # fmt: skip

    assert response.status_code == 400
    assert response.context["claim_form"].errors["amount_eur"] == ["Give the amount in euro."]


def test_claim_and_receipt_are_refused_to_another_member_of_the_twinning(client):
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel)
    receipt = claim.receipts.get()
    client.force_login(marta)

    page = client.get(reverse("portal:claim", args=[twinning.pk, claim.pk]))
    download = client.get(reverse("portal:receipt", args=[twinning.pk, claim.pk, receipt.pk]))

    assert (page.status_code, download.status_code) == (403, 403)


def test_traveller_downloads_the_receipt(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel)
    receipt = claim.receipts.get()
    client.force_login(miguel)

    response = client.get(reverse("portal:receipt", args=[twinning.pk, claim.pk, receipt.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_returned_claim_is_corrected_by_its_traveller(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    claim = claim_for(
        visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel, state="returned"
    )
    client.force_login(miguel)

    response = client.post(
        reverse("portal:claim", args=[twinning.pk, claim.pk]),
        {"category": "travel", "description": "Train, 2nd class", "amount": "120",
         "currency": "EUR"},
    )  # fmt: skip

    claim.refresh_from_db()
    assert response.status_code == 302
    assert (claim.state, claim.description) == (ClaimState.SUBMITTED, "Train, 2nd class")


def test_change_a_planned_visit_through_the_form(client):
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)])
    client.force_login(miguel)
    url = reverse("portal:visit_edit", args=[twinning.pk, visit.pk])
    form = client.get(url).context["form"]

    response = client.post(
        url,
        {
            "host": torino.pk,
            "starts_on": f"{YEAR}-05-04",
            "ends_on": f"{YEAR}-05-06",
            "agenda": "A longer agenda",
            "delegates": form.initial["delegates"],
        },
    )

    visit.refresh_from_db()
    assert response.status_code == 302
    assert (str(visit.starts_on), visit.agenda) == (f"{YEAR}-05-04", "A longer agenda")


def test_member_downloads_a_workshop_file_and_sees_its_link(client):
    from twinning.workshops.domain import add_material

    twinning, marta, _miguel = year_twinning()
    workshop = WorkshopFactory(cohort=twinning.cohort, twinning=twinning)
    file = add_material(workshop, title="Handout", upload=pdf_upload("handout.pdf"), by=None)
    add_material(workshop, title="Slides", url="https://example.org/slides", by=None)
    client.force_login(marta)

    page = client.get(reverse("portal:workspace", args=[twinning.pk]))
    download = client.get(
        reverse("portal:workshop_material", args=[twinning.pk, workshop.pk, file.pk])
    )

    assert [m.title for m in page.context["workshops"][0].materials.all()] == [
        "Handout",
        "Slides",
    ]
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")


def test_facilitator_sees_every_claim_of_the_twinning(client):
    facilitator = QuickUserFactory(is_facilitator=True)
    twinning, _marta, miguel = year_twinning(facilitator=facilitator)
    torino, evora = _cities(twinning)
    claim = claim_for(visit_to(twinning, torino, [(miguel, evora)], state="approved"), miguel)
    client.force_login(facilitator)

    workspace = client.get(reverse("portal:workspace", args=[twinning.pk]))
    detail = client.get(reverse("portal:claim", args=[twinning.pk, claim.pk]))

    assert workspace.context["claims"] == [claim]
    assert detail.status_code == 200


def test_an_approved_visit_offers_done_only_once_it_has_begun(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), tick=False)
    twinning, _marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit = visit_to(twinning, torino, [(miguel, evora)], state=VisitState.APPROVED, days_ago=-5)
    client.force_login(miguel)
    page = reverse("portal:visit", args=[twinning.pk, visit.pk])

    html = client.get(page).content.decode()

    assert "Mark the visit as done" not in html
    assert (
        "The programme team has approved the visit. "
        "The visit can be marked as done from 6 October 2026, its first day."
    ) in html
    # Posted anyway, it is refused.
    refused = client.post(
        reverse("portal:visit_state", args=[twinning.pk, visit.pk]),
        {"state": "done", "report": "We saw the roofs."},
    )
    visit.refresh_from_db()
    assert (refused.status_code, visit.state) == (400, VisitState.APPROVED)

    time_machine.move_to(dt.datetime(2026, 10, 6, 10, tzinfo=dt.UTC), tick=False)
    assert "Mark the visit as done" in client.get(page).content.decode()


def test_a_twinning_with_all_its_visits_offers_no_new_one(client):
    twinning, marta, miguel = year_twinning()
    torino, evora = _cities(twinning)
    visit_to(twinning, torino, [(miguel, evora)])
    visit_to(twinning, evora, [(marta, torino)])
    client.force_login(miguel)

    workspace = client.get(reverse("portal:workspace", args=[twinning.pk])).content.decode()
    form_page = client.get(reverse("portal:visit_new", args=[twinning.pk]))

    assert reverse("portal:visit_new", args=[twinning.pk]) not in workspace
    assert '<p class="refusal">This twinning already has its 2 visits.</p>' in workspace
    assert form_page.status_code == 409
    assert "This twinning already has its 2 visits." in form_page.content.decode()
    assert "Save the visit" not in form_page.content.decode()
