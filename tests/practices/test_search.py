"""Search of the catalogue: accents and case never matter, on every write path; on
PostgreSQL it reads the stored vector through its GIN index."""

import pytest
from django.db import connection

from tests.factories import CityFactory, PartnerProjectFactory, RegistrationFactory
from tests.factories.practices import PracticeFactory
from twinning.cities.models import City
from twinning.practices.domain.queries import CatalogueFilters, catalogue
from twinning.practices.domain.queries import _search as search_practices
from twinning.practices.models import Practice, PracticeResult

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's"
)


def _found(q: str) -> list[str]:
    return [p.title for p in catalogue(CatalogueFilters(q=q))]


@pytest.fixture
def practice():
    city = CityFactory(name="Évora", name_en="Evora")
    registration = RegistrationFactory(city=city)
    return PracticeFactory(
        registration=registration,
        title="Heat pumps in social housing",
        description="Renovated districts with façades insulated.",
    )


def test_search_ignores_case(practice):
    assert _found("HEAT PUMPS") == ["Heat pumps in social housing"]


def test_search_ignores_accents_both_ways(practice):
    assert _found("facades") == ["Heat pumps in social housing"]
    assert _found("FAÇADES") == ["Heat pumps in social housing"]
    assert _found("évora") == ["Heat pumps in social housing"]


def test_search_finds_a_city_written_without_its_accents():
    city = CityFactory(name="Kraków", name_en="")
    PracticeFactory(registration=RegistrationFactory(city=city), title="Clean air zones")

    assert _found("krakow") == ["Clean air zones"]
    assert _found("KRAKÓW zones") == ["Clean air zones"]
    assert _found("krakow trams") == []


@on_postgresql
def test_search_follows_the_language_of_the_practice(practice):
    assert _found("district") == ["Heat pumps in social housing"]


@on_postgresql
def test_search_follows_the_rules_of_an_associated_countrys_language():
    PracticeFactory(title="Solcellepaneler på skolene", language="no")
    PracticeFactory(title="Solar panels on schools", language="en")

    assert _found("skole") == ["Solcellepaneler på skolene"]


@on_postgresql
def test_search_finds_a_city_by_its_new_name_after_a_rename(practice):
    City.objects.filter(pk=practice.registration.city_id).update(name="Ebora")

    assert _found("ebora") == ["Heat pumps in social housing"]
    assert _found("evora") == ["Heat pumps in social housing"]  # still the English name
    City.objects.filter(pk=practice.registration.city_id).update(name_en="")
    assert _found("evora") == []


@on_postgresql
def test_search_finds_the_project_and_the_results(practice):
    project = PartnerProjectFactory(acronym="POCITYF")
    practice.partner_project = project
    practice.save()
    PracticeResult.objects.create(
        practice=practice, kind="energy", value=350, unit="MWh/year", note="Measured by Enerkey"
    )

    assert _found("pocityf") == ["Heat pumps in social housing"]
    assert _found("enerkey") == ["Heat pumps in social housing"]
    PracticeResult.objects.filter(practice=practice).delete()
    assert _found("enerkey") == []


@on_postgresql
def test_search_uses_the_gin_index(practice):
    # The search alone: on a tiny table the whole catalogue query starts elsewhere.
    query, _ranked = search_practices(Practice.objects.all(), "heat pumps")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole otherwise
        plan = query.explain()

    assert "practices_practice_search_vector_gin" in plan
