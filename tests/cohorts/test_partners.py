"""A cohort's partners and its "Why join" text, edited by organisers, shown to visitors."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import (
    CityFactory,
    CohortFactory,
    MilestoneFactory,
    RegistrationFactory,
    UserFactory,
)
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Partner
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def png(name="logo.png", size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def add(client, cohort, **fields):
    data = {"name": "NetZeroCities", "link": "https://netzerocities.eu/", "position": 1}
    data.update(fields)
    return client.post(reverse("orga:cohort_partner_new", args=[cohort.pk]), data)


def test_an_organiser_adds_a_partner_with_its_logo(organiser_client):
    cohort = CohortFactory()

    response = add(organiser_client, cohort, logo=png())

    assert response.status_code == 302
    partner = Partner.objects.get()
    assert (partner.name, partner.logo_type) == ("NetZeroCities", "image/png")
    assert AuditEntry.objects.filter(action="partner.added").count() == 1
    logo = organiser_client.get(reverse("public:partner_logo", args=[partner.pk]))
    assert (logo.status_code, logo["Content-Type"]) == (200, "image/png")


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            SimpleUploadedFile("logo.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf"),
            "A logo must be an image: PNG, JPEG, WebP or GIF.",
        ),
        (
            SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            "A logo must be an image: PNG, JPEG, WebP or GIF.",
        ),
        (
            SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1)),
            "The logo is 1.0\xa0MB; logos up to 1.0\xa0MB are accepted.",
        ),
    ],
)
def test_a_logo_that_is_not_a_small_image_is_refused(organiser_client, upload, error):
    cohort = CohortFactory()

    response = add(organiser_client, cohort, logo=upload)

    assert response.status_code == 400
    assert response.context["form"].errors["logo"] == [error]
    assert response.context["form"]["name"].value() == "NetZeroCities"
    assert Partner.objects.count() == 0


def test_an_organiser_changes_and_removes_a_partner(organiser_client):
    cohort = CohortFactory()
    add(organiser_client, cohort, logo=png())
    partner = Partner.objects.get()

    organiser_client.post(
        reverse("orga:cohort_partner_edit", args=[cohort.pk, partner.pk]),
        {"name": "NetZeroCities consortium", "link": "", "position": 2},
    )
    partner.refresh_from_db()
    assert (partner.name, partner.link, partner.position) == ("NetZeroCities consortium", "", 2)

    organiser_client.post(reverse("orga:cohort_partner_delete", args=[cohort.pk, partner.pk]))
    assert Partner.objects.count() == 0


def test_partner_pages_are_for_organisers_only(client):
    cohort = CohortFactory()
    client.force_login(UserFactory(is_facilitator=True))

    response = client.post(
        reverse("orga:cohort_partner_new", args=[cohort.pk]),
        {"name": "X", "position": 0, "logo": png()},
    )

    assert response.status_code == 403
    assert Partner.objects.count() == 0


def test_the_logo_of_an_unpublished_cohort_is_not_served(organiser_client, client):
    cohort = CohortFactory(is_published=False)
    add(organiser_client, cohort, logo=png())
    url = reverse("public:partner_logo", args=[Partner.objects.get().pk])

    # The programme team sees it while preparing the cohort; a visitor does not.
    assert organiser_client.get(url).status_code == 200
    assert Client().get(url).status_code == 404


def test_the_programme_page_shows_why_join_partners_and_the_first_year(organiser_client, client):
    first = CohortFactory(number=1)
    MilestoneFactory(
        cohort=first,
        kind=MilestoneKind.PROGRAMME,
        starts_at=dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 12, 1, 9, tzinfo=dt.UTC),
    )
    RegistrationFactory(cohort=first, city=CityFactory())
    RegistrationFactory(cohort=first, city=CityFactory())
    cohort = CohortFactory(number=7, why_join="Learn from a city that made it work.")
    add(organiser_client, cohort, logo=png())
    partner = Partner.objects.get()

    response = client.get(reverse("public:home"))

    page = response.content.decode()
    assert "Why join" in page
    assert "Learn from a city that made it work." in page
    assert "In partnership with" in page
    assert reverse("public:partner_logo", args=[partner.pk]) in page
    assert 'href="https://netzerocities.eu/"' in page
    assert response.context["figures"].since_year == 2023
    assert response.context["figures"].cities_supported == 2
    assert "cities supported since 2023" in page


def test_the_programme_page_leaves_out_empty_sections(client):
    CohortFactory(number=7)

    page = client.get(reverse("public:home")).content.decode()

    assert "Why join" not in page
    assert "In partnership with" not in page
