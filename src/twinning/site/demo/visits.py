"""Demo data of the programme year: cohort 5's workshops, visits and expense claims.

Loading is idempotent: workshops are updated in place; a twinning's visits and
claims are made once, through the same domain functions as the pages.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from twinning.accounts.models import User
from twinning.cities.models import Membership
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.programme.enums import AGREED_STATES, MemberRole
from twinning.programme.models import Twinning
from twinning.visits.domain import plan_visit, set_claim_state, set_visit_state, submit_claim
from twinning.visits.enums import ClaimCategory, ClaimState, VisitState
from twinning.workshops.domain import save_workshop
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# A one-page PDF receipt, enough for the checks by content.
RECEIPT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# (title, description, days from the day of loading, hour in Brussels)
WORKSHOPS = [
    (
        "Kick-off: how the twinning year works",
        "The year's steps: workshops, the two city visits, the joint plan, and the budget.",
        -60,
        10,
    ),
    (
        "Financing the transition: green bonds and EU funds",
        "How cities of earlier cohorts financed what they replicated.",
        12,
        14,
    ),
]


def _receipt(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, RECEIPT_PDF, content_type="application/pdf")


def _at(day: dt.date, offset: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=offset), dt.time(hour), tzinfo=BRUSSELS)


def _people(twinning):
    """{city id: [people representing it]} for the twinning's cities."""
    people = {}
    for membership in Membership.objects.filter(
        city__in=[m.city_id for m in twinning.members.all()], user__is_active=True
    ).select_related("user"):
        people.setdefault(membership.city_id, []).append(membership.user)
    return people


@transaction.atomic
def load_demo_year(today: dt.date | None = None) -> None:
    cohort = Cohort.objects.filter(number=5).first()
    if cohort is None:
        return
    day = today or clock.localdate(BRUSSELS)
    organiser = User.objects.filter(email="organiser@demo.twinning.eu").first()
    facilitator = User.objects.filter(email="facilitator@demo.twinning.eu").first()
    twinnings = list(
        Twinning.objects.filter(cohort=cohort, state__in=AGREED_STATES)
        .prefetch_related("members__city")
        .order_by("id")
    )
    # The facilitator guides every other twinning, Torino's among them.
    torino = next(
        (t for t in twinnings if any(m.city.name == "Torino" for m in t.members.all())), None
    )
    if facilitator is not None:
        for index, twinning in enumerate(twinnings):
            if twinning.facilitator_id is None and (twinning == torino or index % 2 == 0):
                Twinning.objects.filter(pk=twinning.pk).update(facilitator=facilitator)

    workshops = []
    for title, description, offset, hour in WORKSHOPS:
        workshop = Workshop.objects.filter(cohort=cohort, title=title).first() or Workshop(
            cohort=cohort, title=title
        )
        is_new = workshop.pk is None
        workshop.description = description
        workshop.starts_at = _at(day, offset, hour)
        workshop.ends_at = workshop.starts_at + dt.timedelta(hours=2)
        workshop.time_zone = "Europe/Brussels"
        workshop.meeting_url = "https://meet.twinning.example/cohort-5"
        # A new workshop goes through the domain (audit, reminders); an old one is moved.
        workshops.append(save_workshop(workshop, [], by=organiser) if is_new else _saved(workshop))

    for index, twinning in enumerate(twinnings[:3]):
        if twinning.visits.exists():
            continue
        if twinning == torino:
            _done_visit(twinning, day, organiser)
        else:
            _approved_visit(twinning, day, organiser, index)

    # Everyone of the twinnings (the visits' demo people included) attended the kick-off.
    past = workshops[0]
    for twinning in twinnings:
        for people in _people(twinning).values():
            for person in people:
                WorkshopRegistration.objects.get_or_create(
                    workshop=past,
                    person=person,
                    defaults={"twinning": twinning, "attendance": Attendance.ATTENDED},
                )


def _saved(workshop: Workshop) -> Workshop:
    workshop.save()
    return workshop


def _cities(twinning):
    members = list(twinning.members.all())
    minded = next(m.city for m in members if m.role == MemberRole.MISSION_MINDED)
    mission = [m.city for m in members if m.role == MemberRole.MISSION]
    return minded, mission


def _done_visit(twinning, day, organiser) -> None:
    """The Mission cities visited the Mission-minded city: done, with a report and claims."""
    minded, mission = _cities(twinning)
    people = _people(twinning)
    delegates = [(people[city.pk][0], city) for city in mission if people.get(city.pk)]
    if not delegates:
        return
    visit = plan_visit(
        twinning,
        host=minded,
        starts_on=day - dt.timedelta(days=30),
        ends_on=day - dt.timedelta(days=28),
        agenda=(
            "Day 1: the historic centre's solar roofs and the heritage rules they follow.\n"
            "Day 2: the positive energy district and its energy community.\n"
            "Day 3: what to replicate, with the municipal teams."
        ),
        delegates=delegates,
        by=delegates[0][0],
    )
    set_visit_state(visit, VisitState.SUBMITTED, by=delegates[0][0])
    visit = set_visit_state(visit, VisitState.APPROVED, by=organiser)
    visit = set_visit_state(
        visit,
        VisitState.DONE,
        by=delegates[0][0],
        report=(
            "We saw how solar panels are fitted on listed roofs with the heritage office's "
            "approval, and how the energy community shares the power. We take home the "
            "approval procedure and the community's statutes."
        ),
    )
    traveller = delegates[0][0]
    for category, text, amount, state in [
        (ClaimCategory.TRAVEL, "Train and flight Torino – Lisboa – Évora", "412.60", "paid"),
        (ClaimCategory.ACCOMMODATION, "Hotel, two nights", "236.00", "approved"),
        (ClaimCategory.SUBSISTENCE, "Meals", "95.40", "returned"),
    ]:
        claim = submit_claim(
            visit,
            traveller=traveller,
            category=category,
            description=text,
            amount=Decimal(amount),
            currency="EUR",
            amount_eur=Decimal(amount),
            receipts=[_receipt(f"{category}.pdf")],
            by=traveller,
        )
        if state == "returned":
            set_claim_state(
                claim,
                ClaimState.RETURNED,
                by=organiser,
                comment="Please add the receipts of each meal, not the card statement.",
            )
            continue
        set_claim_state(claim, ClaimState.APPROVED, by=organiser)
        if state == "paid":
            set_claim_state(claim, ClaimState.PAID, by=organiser)


def _representative(city) -> User:
    """The city's first representative; a demo person (who cannot sign in) when it has none."""
    membership = Membership.objects.filter(city=city, user__is_active=True).first()
    if membership is not None:
        return membership.user
    user, created = User.objects.get_or_create(
        email=f"{city.slug}@cities.demo.twinning.eu",
        defaults={"name": f"Representative of {city.display_name}"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, city=city)
    return user


def _approved_visit(twinning, day, organiser, index) -> None:
    """The Mission-minded city visits a Mission city: approved, a claim waiting, over budget."""
    minded, mission = _cities(twinning)
    if not mission:
        return
    traveller = _representative(minded)
    visit = plan_visit(
        twinning,
        host=mission[0],
        starts_on=day - dt.timedelta(days=3 + index),
        ends_on=day - dt.timedelta(days=1 + index),
        agenda="Day 1: the city's climate plan. Day 2: site visits. Day 3: next steps.",
        delegates=[(traveller, minded)],
        by=traveller,
    )
    set_visit_state(visit, VisitState.SUBMITTED, by=traveller)
    visit = set_visit_state(visit, VisitState.APPROVED, by=organiser)
    submit_claim(
        visit,
        traveller=traveller,
        category=ClaimCategory.TRAVEL,
        description="Flights, booked late",
        amount=Decimal("10450.00"),
        currency="CZK" if index % 2 else "DKK",
        amount_eur=Decimal("1015.00") if index % 2 else Decimal("1401.00"),
        receipts=[_receipt("flights.pdf")],
        by=traveller,
    )
