"""Factories of the programme year: a twinning at work, workshops, visits and claims."""

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import CityFactory, CohortFactory, MilestoneFactory, MissionCityFactory
from tests.factories.selection import CityMemberFactory, QuickUserFactory, TwinningMemberFactory
from twinning.cohorts.enums import MilestoneKind
from twinning.programme.enums import Acceptance, MemberRole, TwinningState
from twinning.programme.models import Twinning
from twinning.visits.enums import ClaimCategory, VisitState
from twinning.visits.models import Delegate, ExpenseClaim, Receipt, Visit
from twinning.workshops.models import Workshop, WorkshopRegistration

# The smallest valid PDF that filetype recognises by its magic bytes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="receipt.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def year_twinning(*, cohort=None, facilitator=None, torino=None, evora=None):
    """An active twinning of a Mission city (Torino) and a Mission-minded city (Évora),
    each with one representative, in a cohort whose programme year is under way.

    Returns (twinning, Torino's representative, Évora's representative).
    """
    if cohort is None:
        cohort = CohortFactory(
            visit_budget_per_representative=Decimal("900.00"), representatives_covered=2
        )
        now = timezone.now()
        MilestoneFactory(
            cohort=cohort,
            kind=MilestoneKind.PROGRAMME,
            starts_at=now - dt.timedelta(days=60),
            ends_at=now + dt.timedelta(days=300),
        )
    torino = torino or MissionCityFactory(
        name="Torino", name_en="Turin", latitude=Decimal("45.07049"), longitude=Decimal("7.68682")
    )
    evora = evora or CityFactory(
        name="Évora", name_en="Évora", latitude=Decimal("38.56667"), longitude=Decimal("-7.9")
    )
    twinning = Twinning.objects.create(
        cohort=cohort, state=TwinningState.ACTIVE, facilitator=facilitator
    )
    TwinningMemberFactory(
        twinning=twinning,
        city=evora,
        role=MemberRole.MISSION_MINDED,
        acceptance=Acceptance.ACCEPTED,
    )
    TwinningMemberFactory(
        twinning=twinning, city=torino, role=MemberRole.MISSION, acceptance=Acceptance.ACCEPTED
    )
    marta = CityMemberFactory(city=torino, user__name="Marta Rossi").user
    miguel = CityMemberFactory(city=evora, user__name="Miguel Silva").user
    return twinning, marta, miguel


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}: financing the transition")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    time_zone = "Europe/Brussels"
    meeting_url = "https://meet.example.org/workshop"


class WorkshopRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopRegistration

    workshop = factory.SubFactory(WorkshopFactory)
    person = factory.SubFactory(QuickUserFactory)


def visit_to(twinning, host, delegates, *, state=VisitState.PLANNED, days_ago=0):
    """A visit hosted by `host`, with `delegates` = [(person, city)]."""
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    visit = Visit.objects.create(
        twinning=twinning,
        host=host,
        starts_on=start,
        ends_on=start + dt.timedelta(days=2),
        agenda="Day 1: the solar district. Day 2: the heritage rules.",
        state=state,
    )
    for person, city in delegates:
        Delegate.objects.create(visit=visit, person=person, city=city)
    return visit


def claim_for(visit, traveller, amount="300.00", *, state="submitted", with_receipt=True):
    claim = ExpenseClaim.objects.create(
        visit=visit,
        traveller=traveller,
        category=ClaimCategory.TRAVEL,
        description="Train Évora – Torino",
        amount=Decimal(amount),
        currency="EUR",
        amount_eur=Decimal(amount),
        state=state,
    )
    if with_receipt:
        receipt = Receipt(claim=claim, content_type="application/pdf", size=len(PDF_BYTES))
        receipt.file.save("receipt.pdf", pdf_upload(), save=False)
        receipt.save()
    return claim
