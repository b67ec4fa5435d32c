import pytest
from django.urls import reverse

from tests.factories import CohortFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_orga_home_refuses_a_city_representative(client):
    client.force_login(UserFactory())

    response = client.get(reverse("orga:home"))

    assert response.status_code == 403


def test_orga_home_refuses_visitors(client):
    response = client.get(reverse("orga:home"))

    assert response.status_code == 302


def test_orga_home_counts_registrations_by_kind_and_state(organiser_client):
    cohort = CohortFactory()
    RegistrationFactory.create_batch(3, cohort=cohort)

    response = organiser_client.get(reverse("orga:home"))

    assert response.status_code == 200
    assert response.context["registrations"] == [
        {"kind": "Mission-minded city", "state": "Accepted", "count": 3}
    ]


def test_orga_home_opens_for_facilitators(client):
    client.force_login(UserFactory(is_facilitator=True))

    assert client.get(reverse("orga:home")).status_code == 200
