"""Published data without a key: cohorts, milestones, themes, practices, cities, twinnings."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import (
    CityFactory,
    CohortFactory,
    MilestoneFactory,
    MissionCityFactory,
    PartnerProjectFactory,
    RegistrationFactory,
)
from tests.factories.practices import PracticeFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.enums import MilestoneKind
from twinning.practices.enums import PracticeStage, PracticeState
from twinning.programme.enums import MemberRole, TwinningState
from twinning.themes.domain import ensure_theme_taxonomy

pytestmark = pytest.mark.django_db
# The request limits are counted in the database cache: reads, writes and savepoints.
LIMITS = 12

UTC = dt.UTC


def _ids(response):
    return [item["id"] for item in response.json()["results"]]


# ---- cohorts and milestones ----


def test_cohorts_list_only_published_ones_newest_first(api):
    older = CohortFactory(number=4)
    newer = CohortFactory(number=5)
    CohortFactory(number=6, is_published=False)

    response = api.get("/api/v1/cohorts/")

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert _ids(response) == [newer.pk, older.pk]


def test_cohort_milestones_carry_the_offset_of_their_named_time_zone(api):
    cohort = CohortFactory(number=5, name="Cohort 5, 2026-2027", slug="cohort-5")
    winter = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=dt.datetime(2025, 12, 1, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2026, 1, 30, 16, 0, tzinfo=UTC),
        time_zone="Europe/Brussels",
    )
    summer = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        title="Matchmaking Days",
        translations={"it": {"title": "Giornate di matchmaking"}},
        starts_at=dt.datetime(2026, 5, 28, 7, 0, tzinfo=UTC),
        ends_at=dt.datetime(2026, 5, 29, 15, 0, tzinfo=UTC),
        time_zone="Europe/Lisbon",
    )

    body = api.get(f"/api/v1/cohorts/{cohort.pk}/").json()

    assert body["slug"] == "cohort-5"
    assert body["time_zone"] == "Europe/Brussels"
    assert body["milestones"] == [
        {
            "id": winter.pk,
            "cohort": cohort.pk,
            "kind": "mission_minded_registration",
            "label": "Registration of Mission-minded cities",
            "description": "",
            "audience": "mission_minded",
            "starts_at": "2025-12-01T09:00:00+01:00",
            "ends_at": "2026-01-30T17:00:00+01:00",
            "original_ends_at": None,
            "was_extended": False,
            "time_zone": "Europe/Brussels",
            "translations": {},
        },
        {
            "id": summer.pk,
            "cohort": cohort.pk,
            "kind": "matchmaking",
            "label": "Matchmaking Days",
            "description": "",
            "audience": "cities",
            "starts_at": "2026-05-28T08:00:00+01:00",
            "ends_at": "2026-05-29T16:00:00+01:00",
            "original_ends_at": None,
            "was_extended": False,
            "time_zone": "Europe/Lisbon",
            "translations": {"it": {"title": "Giornate di matchmaking"}},
        },
    ]


def test_a_cohort_gives_its_english_texts_and_their_translations(api):
    cohort = CohortFactory(
        introduction="Cities learn from cities.",
        why_join="Learn from a city that did it.",
        translations={"fr": {"why_join": "Apprenez avec une ville qui a réussi."}},
    )

    body = api.get(f"/api/v1/cohorts/{cohort.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert (body["introduction"], body["why_join"], body["translations"]) == (
        "Cities learn from cities.",
        "Learn from a city that did it.",
        {"fr": {"why_join": "Apprenez avec une ville qui a réussi."}},
    )


def test_an_unpublished_cohort_is_not_found(api):
    hidden = CohortFactory(is_published=False)

    response = api.get(f"/api/v1/cohorts/{hidden.pk}/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_milestones_of_unpublished_cohorts_never_show(api):
    shown = MilestoneFactory(cohort=CohortFactory(slug="cohort-5"))
    MilestoneFactory(cohort=CohortFactory(slug="cohort-6", is_published=False))

    everything = api.get("/api/v1/milestones/")
    hidden_cohort = api.get("/api/v1/milestones/?cohort=cohort-6")

    assert _ids(everything) == [shown.pk]
    assert _ids(hidden_cohort) == []


def test_milestones_filter_by_cohort(api):
    first = MilestoneFactory(cohort=CohortFactory(slug="cohort-4"))
    MilestoneFactory(cohort=CohortFactory(slug="cohort-5"))

    response = api.get("/api/v1/milestones/?cohort=cohort-4")

    assert _ids(response) == [first.pk]


def test_themes_list_fields_of_action_and_levers(api):
    ensure_theme_taxonomy()

    body = api.get("/api/v1/themes/").json()

    assert [t["code"] for t in body][:2] == ["energy-systems", "mobility-transport"]
    assert {t["kind"] for t in body} == {"field", "lever"}
    assert api.get("/api/v1/themes/finance-funding/").json()["is_focus"] is True


# ---- practices ----


@pytest.fixture
def themes():
    ensure_theme_taxonomy()


def test_practices_list_only_published_practices_of_published_cohorts(api, themes):
    shown = PracticeFactory(title="District heating")
    PracticeFactory(state=PracticeState.SUBMITTED)
    PracticeFactory(state=PracticeState.DRAFT)
    PracticeFactory(state=PracticeState.RETURNED)
    PracticeFactory(registration__cohort=CohortFactory(is_published=False))

    response = api.get("/api/v1/practices/")

    assert response.status_code == 200
    assert _ids(response) == [shown.pk]


def test_an_unpublished_practice_is_not_found(api, themes):
    draft = PracticeFactory(state=PracticeState.SUBMITTED)

    response = api.get(f"/api/v1/practices/{draft.pk}/")

    assert response.status_code == 404


def test_practice_detail_shows_city_themes_and_results(api, themes):
    city = CityFactory(name="Évora", name_en="Evora", slug="evora-pt", country="PT")
    project = PartnerProjectFactory(acronym="POCITYF")
    practice = PracticeFactory(
        title="Positive energy district",
        language="pt",
        registration__city=city,
        partner_project=project,
        links="https://example.org/ped\n\nhttps://example.org/more",
        themes=["energy-systems", "finance-funding"],
    )
    practice.results.create(kind="emissions", value=Decimal("1200.50"), unit="t CO2e/year")

    body = api.get(f"/api/v1/practices/{practice.pk}/").json()

    assert body["city"] == {
        "id": city.pk,
        "slug": "evora-pt",
        "name": "Évora",
        "name_en": "Evora",
        "country": "PT",
        "geonames_id": city.geonames_id,
    }
    assert body["cohort"] == practice.registration.cohort_id
    assert body["language"] == "pt"
    assert body["fields_of_action"] == [{"code": "energy-systems", "name": "Energy systems"}]
    assert body["levers"] == [{"code": "finance-funding", "name": "Finance and funding"}]
    assert body["partner_project"] == "POCITYF"
    assert body["links"] == ["https://example.org/ped", "https://example.org/more"]
    assert body["results"] == [
        {"kind": "emissions", "value": "1200.50", "unit": "t CO2e/year", "note": ""}
    ]


def test_practices_filter_like_the_catalogue(api, themes):
    heating = PracticeFactory(
        title="District heating",
        themes=["energy-systems", "finance-funding"],
        registration__city=CityFactory(country="PT"),
        stage=PracticeStage.SCALED,
    )
    bikes = PracticeFactory(
        title="Bike lanes",
        summary="Safe cycling for school children.",
        themes=["mobility-transport", "democracy-participation"],
        registration__city=CityFactory(country="FI"),
    )

    def ids(query):
        return _ids(api.get(f"/api/v1/practices/?{query}"))

    assert ids("field=energy-systems") == [heating.pk]
    assert ids("lever=democracy-participation") == [bikes.pk]
    assert ids("theme=finance-funding") == [heating.pk]
    assert ids("theme=mobility-transport") == [bikes.pk]
    assert ids("country=FI") == [bikes.pk]
    assert ids("stage=scaled") == [heating.pk]
    assert ids("q=cycling school") == [bikes.pk]
    assert ids("sort=title") == [bikes.pk, heating.pk]
    assert ids(f"cohort={heating.registration.cohort.slug}") == [heating.pk]
    assert ids("cohort=no-such-cohort") == []


def test_practices_filter_by_partner_project(api, themes):
    project = PartnerProjectFactory(acronym="ATELIER")
    tagged = PracticeFactory(partner_project=project)
    PracticeFactory()

    assert _ids(api.get("/api/v1/practices/?project=ATELIER")) == [tagged.pk]


def test_practices_refuse_an_unknown_stage_in_the_error_shape(api):
    response = api.get("/api/v1/practices/?stage=perfect")

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "Some values are not valid: stage.",
            "fields": {
                "stage": ["Select a valid choice. perfect is not one of the available choices."]
            },
        }
    }


def test_practices_are_paginated_with_limit_and_offset(api, themes):
    PracticeFactory.create_batch(3)

    body = api.get("/api/v1/practices/?limit=2").json()
    rest = api.get("/api/v1/practices/?limit=2&offset=2").json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] == "http://testserver/api/v1/practices/?limit=2&offset=2"
    assert body["previous"] is None
    assert len(rest["results"]) == 1


def test_practices_queries_do_not_grow_with_the_data(api, themes, django_assert_max_num_queries):
    PracticeFactory.create_batch(2, themes=["energy-systems", "finance-funding"])
    with django_assert_max_num_queries(10 + LIMITS) as small:
        api.get("/api/v1/practices/")

    PracticeFactory.create_batch(12, themes=["industry", "monitoring-data"])
    with django_assert_max_num_queries(10 + LIMITS) as large:
        api.get("/api/v1/practices/")

    assert len(large.captured_queries) == len(small.captured_queries)


# ---- cities ----


def test_cities_are_mission_cities_and_cities_taking_part(api):
    mission = MissionCityFactory(name="Torino", name_en="Turin", slug="turin-it")
    accepted = CityFactory(name="Évora", slug="evora-pt", country="PT")
    RegistrationFactory(city=accepted, state=RegistrationState.ACCEPTED)
    draft = CityFactory(name="Aveiro", slug="aveiro-pt", country="PT")
    RegistrationFactory(city=draft, state=RegistrationState.SUBMITTED)
    unpublished = CityFactory(name="Braga", slug="braga-pt", country="PT")
    RegistrationFactory(city=unpublished, cohort=CohortFactory(is_published=False))

    response = api.get("/api/v1/cities/")

    assert _ids(response) == [mission.pk, accepted.pk]
    assert api.get(f"/api/v1/cities/{draft.pk}/").status_code == 404


def test_city_has_geonames_id_coordinates_and_country(api):
    city = MissionCityFactory(
        name="Sønderborg",
        name_en="Sonderborg",
        slug="sonderborg-dk",
        country="DK",
        geonames_id=2612045,
        latitude=Decimal("54.91363"),
        longitude=Decimal("9.79217"),
        population=27194,
    )

    body = api.get(f"/api/v1/cities/{city.pk}/").json()

    assert body == {
        "id": city.pk,
        "slug": "sonderborg-dk",
        "name": "Sønderborg",
        "name_en": "Sonderborg",
        "display_name": "Sønderborg (Sonderborg)",
        "country": "DK",
        "country_name": "Denmark",
        "geonames_id": 2612045,
        "latitude": 54.91363,
        "longitude": 9.79217,
        "population": 27194,
        "is_mission_city": True,
        "members": [],
        "summary": "",
        "website": "",
    }


def test_cities_filter_by_kind_country_and_name(api):
    torino = MissionCityFactory(name="Torino", country="IT")
    kosice = MissionCityFactory(name="Košice", country="SK")
    evora = CityFactory(name="Évora", country="PT")
    RegistrationFactory(city=evora, kind=CityKind.MISSION_MINDED)

    assert _ids(api.get("/api/v1/cities/?kind=mission")) == [kosice.pk, torino.pk]
    assert _ids(api.get("/api/v1/cities/?kind=mission_minded")) == [evora.pk]
    assert _ids(api.get("/api/v1/cities/?country=SK")) == [kosice.pk]
    assert _ids(api.get("/api/v1/cities/?q=ko")) == [kosice.pk]
    assert _ids(api.get("/api/v1/cities/?ordering=-name")) == [evora.pk, torino.pk, kosice.pk]


def test_cities_queries_do_not_grow_with_the_data(api, django_assert_max_num_queries):
    MissionCityFactory.create_batch(2)
    with django_assert_max_num_queries(6 + LIMITS) as small:
        api.get("/api/v1/cities/")

    MissionCityFactory.create_batch(15)
    RegistrationFactory.create_batch(5)
    with django_assert_max_num_queries(6 + LIMITS) as large:
        api.get("/api/v1/cities/")

    assert len(large.captured_queries) == len(small.captured_queries)


# ---- twinnings ----


def _twinning(cohort=None, *, published=True, state=TwinningState.ACCEPTED):
    twinning = TwinningFactory(
        cohort=cohort or CohortFactory(),
        state=state,
        published_at=dt.datetime(2026, 6, 30, 10, 0, tzinfo=UTC) if published else None,
    )
    TwinningMemberFactory(
        twinning=twinning, city=CityFactory(name="Évora"), role=MemberRole.MISSION_MINDED
    )
    TwinningMemberFactory(twinning=twinning, city=MissionCityFactory(name="Torino"))
    return twinning


def test_twinnings_list_only_published_ones(api):
    cohort = CohortFactory()
    shown = _twinning(cohort)
    _twinning(cohort, published=False)
    _twinning(cohort, state=TwinningState.WITHDRAWN)
    _twinning(CohortFactory(is_published=False))

    response = api.get("/api/v1/twinnings/")

    assert _ids(response) == [shown.pk]


def test_twinning_shows_its_cities_with_roles(api):
    twinning = _twinning()

    body = api.get(f"/api/v1/twinnings/{twinning.pk}/").json()

    assert body["cohort"] == twinning.cohort_id
    assert body["state"] == "accepted"
    assert body["published_at"] == "2026-06-30T12:00:00+02:00"
    assert [(m["city"]["name"], m["role"]) for m in body["members"]] == [
        ("Évora", "mission_minded"),
        ("Torino", "mission"),
    ]


def test_an_unpublished_twinning_is_not_found(api):
    hidden = _twinning(published=False)

    assert api.get(f"/api/v1/twinnings/{hidden.pk}/").status_code == 404


def test_twinnings_filter_by_cohort_and_city(api):
    first = _twinning(CohortFactory(slug="cohort-4"))
    second = _twinning(CohortFactory(slug="cohort-5"))
    city = second.members.get(role=MemberRole.MISSION).city

    assert _ids(api.get("/api/v1/twinnings/?cohort=cohort-4")) == [first.pk]
    assert _ids(api.get(f"/api/v1/twinnings/?city={city.pk}")) == [second.pk]


def test_twinnings_queries_do_not_grow_with_the_data(api, django_assert_max_num_queries):
    cohort = CohortFactory()
    for _ in range(2):
        _twinning(cohort)
    with django_assert_max_num_queries(6 + LIMITS) as small:
        api.get("/api/v1/twinnings/")

    for _ in range(10):
        _twinning(cohort)
    with django_assert_max_num_queries(6 + LIMITS) as large:
        api.get("/api/v1/twinnings/")

    assert len(large.captured_queries) == len(small.captured_queries)


def test_cohorts_queries_do_not_grow_with_the_data(api, django_assert_max_num_queries):
    MilestoneFactory.create_batch(2)
    with django_assert_max_num_queries(6 + LIMITS) as small:
        api.get("/api/v1/cohorts/")

    MilestoneFactory.create_batch(10)
    with django_assert_max_num_queries(6 + LIMITS) as large:
        api.get("/api/v1/cohorts/")

    assert len(large.captured_queries) == len(small.captured_queries)


def test_milestones_queries_do_not_grow_with_the_data(api, django_assert_max_num_queries):
    MilestoneFactory.create_batch(2)
    with django_assert_max_num_queries(6 + LIMITS) as small:
        api.get("/api/v1/milestones/")

    MilestoneFactory.create_batch(10)
    with django_assert_max_num_queries(6 + LIMITS) as large:
        api.get("/api/v1/milestones/")

    assert len(large.captured_queries) == len(small.captured_queries)
