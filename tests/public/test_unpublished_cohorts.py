"""An unpublished cohort never shows on a public page, even when its slug is asked for."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CityFactory,
    CohortFactory,
    PartnerProjectFactory,
    RegistrationFactory,
    WebinarFactory,
)
from tests.factories.practices import PracticeFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.cities.enums import CityKind
from twinning.practices.models import PracticeAttachment
from twinning.programme.enums import MemberRole, TwinningState

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown():
    return CohortFactory(number=5, slug="cohort-5", is_published=True)


@pytest.fixture
def hidden():
    return CohortFactory(number=6, slug="cohort-6", is_published=False)


def _practice(cohort, title, city=None):
    registration = RegistrationFactory(cohort=cohort, city=city or CityFactory())
    return PracticeFactory(registration=registration, title=title)


def test_catalogue_never_lists_practices_of_an_unpublished_cohort(client, shown, hidden):
    _practice(shown, "Solar schools")
    _practice(hidden, "Secret heat pumps")

    asked = client.get("/practices/", {"cohort": hidden.slug})
    everything = client.get("/practices/", {"cohort": "all"})

    assert [p.title for p in asked.context["practices"]] == ["Solar schools"]
    assert asked.context["cohort"] is None  # an unknown cohort: every published one
    assert [p.title for p in everything.context["practices"]] == ["Solar schools"]
    assert everything.context["cohorts"] == [shown]
    assert "Secret heat pumps" not in everything.content.decode()


def test_catalogue_filters_offer_no_country_or_project_of_an_unpublished_cohort(
    client, shown, hidden
):
    _practice(shown, "Solar schools", city=CityFactory(country="IT"))
    secret = _practice(hidden, "Secret heat pumps", city=CityFactory(country="FI"))
    secret.partner_project = PartnerProjectFactory(acronym="SECRET")
    secret.save()

    response = client.get("/practices/", {"cohort": "all"})

    assert [code for code, _name in response.context["countries"]] == ["IT"]
    assert response.context["projects"] == []


def test_practice_page_of_an_unpublished_cohort_is_not_found(client, hidden):
    practice = _practice(hidden, "Secret heat pumps")
    attachment = PracticeAttachment.objects.create(
        practice=practice,
        title="Secret plan",
        size=15,
        file=ContentFile(b"%PDF-1.4 secret", name="secret.pdf"),
        content_type="application/pdf",
    )

    page = client.get(f"/practices/{practice.slug}/")
    file = client.get(f"/practices/{practice.slug}/files/{attachment.pk}/")

    assert (page.status_code, file.status_code) == (404, 404)


def test_city_list_never_shows_the_cities_of_an_unpublished_cohort(client, shown, hidden):
    RegistrationFactory(
        cohort=shown, city=CityFactory(name="Oulu", name_en="Oulu", latitude=65, longitude=25)
    )
    RegistrationFactory(
        cohort=hidden, city=CityFactory(name="Kranj", name_en="Kranj", latitude=46, longitude=14)
    )

    asked = client.get("/cities/", {"cohort": hidden.slug})
    everything = client.get("/cities/", {"cohort": "all"})

    assert asked.context["cohort"] == shown
    assert [c.name for c in asked.context["mission_minded_cities"]] == ["Oulu"]
    assert [c.name for c in everything.context["mission_minded_cities"]] == ["Oulu"]
    assert [p.label for p in everything.context["map"].points] == ["Oulu"]
    assert "Kranj" not in everything.content.decode()


def test_city_page_of_a_city_only_in_an_unpublished_cohort_is_not_found(client, hidden):
    city = CityFactory(name="Kranj")
    _practice(hidden, "Secret heat pumps", city=city)

    assert client.get(f"/cities/{city.slug}/").status_code == 404


def test_city_page_shows_only_its_participation_in_published_cohorts(client, shown, hidden):
    city = CityFactory(name="Oulu")
    _practice(shown, "Solar schools", city=city)
    _practice(hidden, "Secret heat pumps", city=city)

    response = client.get(f"/cities/{city.slug}/")

    assert [r.cohort for r in response.context["registrations"]] == [shown]
    assert [p.title for p in response.context["practices"]] == ["Solar schools"]
    assert "Cohort 6" not in response.content.decode()


def test_twinnings_page_never_shows_the_twinnings_of_an_unpublished_cohort(client, shown, hidden):
    twinning = TwinningFactory(
        cohort=hidden, state=TwinningState.ACCEPTED, published_at=timezone.now()
    )
    TwinningMemberFactory(twinning=twinning, city=CityFactory(name="Kranj"))
    TwinningMemberFactory(
        twinning=twinning, city=CityFactory(name="Oulu"), role=MemberRole.MISSION_MINDED
    )

    response = client.get(reverse("public:twinnings"), {"cohort": hidden.slug})

    assert (response.context["cohort"], response.context["twinnings"]) == (shown, [])
    assert response.context["cohorts"] == [shown]


def test_programme_page_never_presents_an_unpublished_cohort(client, shown, hidden):
    RegistrationFactory(cohort=hidden, city=CityFactory(), kind=CityKind.MISSION_MINDED)
    WebinarFactory(cohort=hidden, title="Secret webinar")

    response = client.get("/", {"cohort": hidden.slug})

    assert response.context["cohort"] == shown
    assert response.context["webinars"] == []
    assert response.context["figures"].cities_supported == 0


def test_webinar_of_an_unpublished_cohort_takes_no_seat_and_gives_no_calendar(client, hidden):
    webinar = WebinarFactory(cohort=hidden, title="Secret webinar")

    page = client.get(reverse("public:webinar_register", args=[webinar.pk]))
    sent = client.get(reverse("public:webinar_register_sent", args=[webinar.pk]))
    calendar = client.get(reverse("public:webinar_ics", args=[webinar.pk]))

    assert (page.status_code, sent.status_code, calendar.status_code) == (404, 404, 404)
