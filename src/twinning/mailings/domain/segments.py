"""Segments: the named groups of people organisers write to, each a query with a parameter.

A segment reads (person, city) pairs in one query, so a list of recipients costs
the same number of queries whatever its length. Accounts that are deactivated
or deleted are never written to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import Consent, ConsentPurpose
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Membership, Registration
from twinning.mailings.enums import MailKind
from twinning.matchmaking.models import DayParticipation
from twinning.programme.enums import AGREED_STATES
from twinning.programme.models import TwinningMember
from twinning.selection.models import Interest, Preference
from twinning.visits.enums import VisitState
from twinning.visits.models import Visit

COHORT, DAY = "cohort", "day"


@dataclass
class Recipient:
    """One person a mailing goes to, with the cities through which they are in the segment."""

    person: object
    cities: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.name or self.person.email

    @property
    def email(self) -> str:
        return self.person.email


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    kind: str
    # COHORT, DAY, or "" when the segment takes no parameter.
    needs: str
    # (parameter) -> rows of (user, city name or ""), in one query.
    rows: Callable[[object], list[tuple[object, str]]]


def _active(prefix: str = "user__") -> Q:
    return Q(**{f"{prefix}is_active": True, f"{prefix}anonymised_at__isnull": True})


def _representatives(cities) -> list[tuple[object, str]]:
    """The people who represent any of `cities` (a queryset of city ids)."""
    memberships = (
        Membership.objects.filter(_active(), city__in=cities)
        .select_related("user", "city")
        .order_by("user__name", "user__email", "city__name")
    )
    return [(m.user, m.city.name) for m in memberships]


def _accepted(cohort, kind: str | None = None):
    registrations = Registration.objects.filter(cohort=cohort, state=RegistrationState.ACCEPTED)
    if kind:
        registrations = registrations.filter(kind=kind)
    return registrations


def mission_cities_not_ranked(cohort) -> list[tuple[object, str]]:
    ranked = Preference.objects.filter(cohort=cohort, mission_city=OuterRef("city"))
    cities = _accepted(cohort, CityKind.MISSION).filter(~Exists(ranked)).values("city")
    return _representatives(cities)


def mission_minded_without_interests(cohort) -> list[tuple[object, str]]:
    stated = Interest.objects.filter(cohort=cohort, mission_minded_city=OuterRef("city"))
    cities = _accepted(cohort, CityKind.MISSION_MINDED).filter(~Exists(stated)).values("city")
    return _representatives(cities)


def twinnings_without_visit(cohort) -> list[tuple[object, str]]:
    planned = Visit.objects.filter(twinning=OuterRef("twinning")).exclude(
        state=VisitState.CANCELLED
    )
    cities = (
        TwinningMember.objects.filter(twinning__cohort=cohort, twinning__state__in=AGREED_STATES)
        .filter(~Exists(planned))
        .values("city")
    )
    return _representatives(cities)


def accepted_cities(cohort) -> list[tuple[object, str]]:
    return _representatives(_accepted(cohort).values("city"))


def registered_for_day(day) -> list[tuple[object, str]]:
    """The people each city put down as coming to the Matchmaking Day."""
    Attendee = DayParticipation.attendees.through
    attendees = (
        Attendee.objects.filter(_active(), dayparticipation__day=day)
        .select_related("user", "dayparticipation__city")
        .order_by("user__name", "user__email")
    )
    return [(a.user, a.dayparticipation.city.name) for a in attendees]


def facilitators(_parameter=None) -> list[tuple[object, str]]:
    people = get_user_model().objects.filter(_active(""), is_facilitator=True)
    return [(person, "") for person in people.order_by("name", "email")]


def newsletter_subscribers(_parameter=None) -> list[tuple[object, str]]:
    consents = (
        Consent.objects.filter(
            _active(), purpose=ConsentPurpose.NEWSLETTER, withdrawn_at__isnull=True
        )
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    return [(consent.user, "") for consent in consents]


SEGMENTS = {
    segment.key: segment
    for segment in (
        Segment(
            "mission_not_ranked",
            _("Representatives of Mission cities that have not ranked their twins"),
            MailKind.SERVICE,
            COHORT,
            mission_cities_not_ranked,
        ),
        Segment(
            "mission_minded_no_interest",
            _("Representatives of Mission-minded cities that have not stated their interests"),
            MailKind.SERVICE,
            COHORT,
            mission_minded_without_interests,
        ),
        Segment(
            "twinnings_without_visit",
            _("Representatives of twinnings without a visit planned"),
            MailKind.SERVICE,
            COHORT,
            twinnings_without_visit,
        ),
        Segment(
            "accepted_cities",
            _("Representatives of every accepted city of a cohort"),
            MailKind.SERVICE,
            COHORT,
            accepted_cities,
        ),
        Segment(
            "matchmaking_day",
            _("Everyone registered for a Matchmaking Day"),
            MailKind.SERVICE,
            DAY,
            registered_for_day,
        ),
        Segment("facilitators", _("All facilitators"), MailKind.SERVICE, "", facilitators),
        Segment(
            "newsletter",
            _("Everyone who asked for the programme's newsletter"),
            MailKind.NEWSLETTER,
            "",
            newsletter_subscribers,
        ),
    )
}

SEGMENT_CHOICES = [(segment.key, segment.label) for segment in SEGMENTS.values()]


def recipients(segment_key: str, parameter=None) -> list[Recipient]:
    """The people in the segment, each once, sorted by name, with the cities that put them
    there; [] for an unknown segment or a missing parameter."""
    segment = SEGMENTS.get(segment_key)
    if segment is None or (segment.needs and parameter is None):
        return []
    found: dict[int, Recipient] = {}
    for person, city in segment.rows(parameter):
        recipient = found.setdefault(person.pk, Recipient(person))
        if city and city not in recipient.cities:
            recipient.cities.append(city)
    return sorted(found.values(), key=lambda r: (r.name.casefold(), r.email))
