"""A member of one twinning reaches nothing of another's: every workspace URL of
twinning B answers 403 (the twinning) or 404 (an object looked up through A)."""

import pytest
from django.urls import reverse

from tests.factories.year import WorkshopFactory, claim_for, visit_to, year_twinning
from twinning.visits.enums import VisitState
from twinning.workshops.models import WorkshopMaterial

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_twinnings():
    a, marta, _miguel_a = year_twinning()
    b, _other, traveller = year_twinning(cohort=a.cohort)
    members = {m.role: m.city for m in b.members.all()}
    visit = visit_to(b, members["mission"], [(traveller, members["mission_minded"])],
                     state=VisitState.APPROVED)  # fmt: skip
    claim = claim_for(visit, traveller)
    workshop = WorkshopFactory(cohort=b.cohort, twinning=b)
    material = WorkshopMaterial.objects.create(workshop=workshop, title="Slides")
    material.file.save("slides.pdf", claim.receipts.get().file.open("rb"), save=True)
    return {
        "a": a,
        "b": b,
        "member_of_a": marta,
        "visit": visit,
        "claim": claim,
        "receipt": claim.receipts.get(),
        "workshop": workshop,
        "material": material,
    }


def _urls_of_b(d, through):
    """Every workspace URL for twinning B's objects, addressed through `through`."""
    pk = through.pk
    w, v, c = d["workshop"].pk, d["visit"].pk, d["claim"].pk
    return {
        "workspace": ("get", reverse("portal:workspace", args=[pk])),
        "register": ("post", reverse("portal:workshop_register", args=[pk, w])),
        "unregister": ("post", reverse("portal:workshop_unregister", args=[pk, w])),
        "ics": ("get", reverse("portal:workshop_ics", args=[pk, w])),
        "material": (
            "get",
            reverse("portal:workshop_material", args=[pk, w, d["material"].pk]),
        ),
        "visit_new": ("get", reverse("portal:visit_new", args=[pk])),
        "visit": ("get", reverse("portal:visit", args=[pk, v])),
        "visit_edit": ("post", reverse("portal:visit_edit", args=[pk, v])),
        "visit_state": ("post", reverse("portal:visit_state", args=[pk, v])),
        "claim_new": ("post", reverse("portal:claim_new", args=[pk, v])),
        "claim": ("get", reverse("portal:claim", args=[pk, c])),
        "receipt": ("get", reverse("portal:receipt", args=[pk, c, d["receipt"].pk])),
    }


def test_member_of_a_gets_403_on_every_url_of_b(client, two_twinnings):
    client.force_login(two_twinnings["member_of_a"])

    statuses = {
        name: getattr(client, method)(url, {"state": "cancelled"}).status_code
        for name, (method, url) in _urls_of_b(two_twinnings, two_twinnings["b"]).items()
    }

    assert statuses == dict.fromkeys(statuses, 403)


def test_member_of_a_gets_404_for_b_objects_addressed_through_a(client, two_twinnings):
    client.force_login(two_twinnings["member_of_a"])
    urls = _urls_of_b(two_twinnings, two_twinnings["a"])
    del urls["workspace"], urls["visit_new"]

    statuses = {
        name: getattr(client, method)(url, {"state": "cancelled"}).status_code
        for name, (method, url) in urls.items()
    }

    assert statuses == dict.fromkeys(statuses, 404)
    two_twinnings["visit"].refresh_from_db()
    assert two_twinnings["visit"].state == VisitState.APPROVED
