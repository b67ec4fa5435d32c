"""Who is in each segment, and who is not."""

import pytest

from tests.factories import (
    CityFactory,
    CohortFactory,
    MissionCityFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import ParticipationFactory, matchmaking_day
from tests.factories.selection import CityMemberFactory, InterestFactory, PreferenceFactory
from tests.factories.year import visit_to, year_twinning
from twinning.accounts.models import Consent, ConsentPurpose
from twinning.cities.enums import CityKind, RegistrationState
from twinning.common import clock
from twinning.mailings.domain.segments import recipients
from twinning.programme.enums import TwinningState
from twinning.visits.enums import VisitState

pytestmark = pytest.mark.django_db


def emails(segment, parameter=None):
    return [r.email for r in recipients(segment, parameter)]


def accepted_city(cohort, kind, name, *, state=RegistrationState.ACCEPTED):
    factory = MissionCityFactory if kind == CityKind.MISSION else CityFactory
    city = factory(name=name)
    RegistrationFactory(cohort=cohort, city=city, kind=kind, state=state)
    return city


def representative(city, email, **user_fields):
    return CityMemberFactory(city=city, user__email=email, **user_fields).user


def test_mission_cities_not_ranked_leaves_out_those_that_ranked_and_other_cohorts():
    cohort, other = CohortFactory(), CohortFactory()
    torino = accepted_city(cohort, CityKind.MISSION, "Torino")
    lyon = accepted_city(cohort, CityKind.MISSION, "Lyon")
    draft = accepted_city(cohort, CityKind.MISSION, "Leuven", state=RegistrationState.DRAFT)
    evora = accepted_city(cohort, CityKind.MISSION_MINDED, "Évora")
    representative(torino, "marta@torino.example")
    representative(lyon, "luc@lyon.example")
    representative(draft, "lea@leuven.example")
    representative(evora, "miguel@evora.example")
    PreferenceFactory(cohort=cohort, mission_city=lyon, mission_minded_city=evora)
    # Lyon ranked in this cohort; ranking in another cohort does not count for Torino.
    PreferenceFactory(cohort=other, mission_city=torino, mission_minded_city=evora)

    assert emails("mission_not_ranked", cohort) == ["marta@torino.example"]


def test_mission_minded_without_interests():
    cohort = CohortFactory()
    evora = accepted_city(cohort, CityKind.MISSION_MINDED, "Évora")
    bilbao = accepted_city(cohort, CityKind.MISSION_MINDED, "Bilbao")
    torino = accepted_city(cohort, CityKind.MISSION, "Torino")
    representative(evora, "miguel@evora.example")
    representative(bilbao, "ane@bilbao.example")
    representative(torino, "marta@torino.example")
    InterestFactory(cohort=cohort, mission_minded_city=bilbao, mission_city=torino)

    assert emails("mission_minded_no_interest", cohort) == ["miguel@evora.example"]


def test_twinnings_without_a_visit_count_a_cancelled_visit_as_none():
    without, marta, miguel = year_twinning()
    cohort = without.cohort
    with_visit, anna, _other = year_twinning(
        cohort=cohort, torino=MissionCityFactory(name="Bologna"), evora=CityFactory(name="Oulu")
    )
    visit_to(with_visit, with_visit.members.first().city, [(anna, with_visit.members.last().city)])
    cancelled, _a, _b = year_twinning(
        cohort=cohort, torino=MissionCityFactory(name="Lyon"), evora=CityFactory(name="Kladno")
    )
    visit_to(cancelled, cancelled.members.first().city, [], state=VisitState.CANCELLED)
    declined, _c, _d = year_twinning(
        cohort=cohort, torino=MissionCityFactory(name="Zagreb"), evora=CityFactory(name="Maia")
    )
    declined.state = TwinningState.DECLINED
    declined.save()

    found = recipients("twinnings_without_visit", cohort)

    cities = sorted(city for r in found for city in r.cities)
    assert cities == ["Kladno", "Lyon", "Torino", "Évora"]
    assert {marta.email, miguel.email} <= {r.email for r in found}
    assert anna.email not in {r.email for r in found}


def test_accepted_cities_lists_a_person_once_with_each_of_their_cities():
    cohort = CohortFactory()
    torino = accepted_city(cohort, CityKind.MISSION, "Torino")
    evora = accepted_city(cohort, CityKind.MISSION_MINDED, "Évora")
    rejected = accepted_city(cohort, CityKind.MISSION, "Sofia", state=RegistrationState.REJECTED)
    person = representative(torino, "both@example.org", user__name="Ana Both")
    CityMemberFactory(city=evora, user=person)
    representative(rejected, "sofia@example.org")
    gone = representative(evora, "gone@example.org")
    gone.is_active = False
    gone.save()

    found = recipients("accepted_cities", cohort)

    assert [(r.email, r.cities) for r in found] == [("both@example.org", ["Torino", "Évora"])]


def test_registered_for_a_matchmaking_day_are_the_attendees_of_that_day():
    cohort = CohortFactory()
    day, other_day = matchmaking_day(cohort), matchmaking_day(cohort, days_ahead=40)
    torino = MissionCityFactory(name="Torino")
    coming = UserFactory(email="coming@example.org")
    ParticipationFactory(day=day, city=torino, kind=CityKind.MISSION).attendees.add(coming)
    ParticipationFactory(day=other_day, city=torino, kind=CityKind.MISSION).attendees.add(
        UserFactory(email="other-day@example.org")
    )

    assert [(r.email, r.cities) for r in recipients("matchmaking_day", day)] == [
        ("coming@example.org", ["Torino"])
    ]


def test_facilitators_and_newsletter_subscribers():
    UserFactory(email="fabio@example.org", is_facilitator=True)
    UserFactory(email="not@example.org")
    reader = UserFactory(email="reader@example.org")
    stopped = UserFactory(email="stopped@example.org")
    Consent.objects.create(user=reader, purpose=ConsentPurpose.NEWSLETTER, text_version="1")
    Consent.objects.create(
        user=stopped, purpose=ConsentPurpose.NEWSLETTER, text_version="1", withdrawn_at=clock.now()
    )

    assert emails("facilitators") == ["fabio@example.org"]
    assert emails("newsletter") == ["reader@example.org"]


def test_a_segment_without_its_parameter_or_unknown_has_nobody():
    assert emails("accepted_cities", None) == []
    assert emails("no_such_segment") == []
