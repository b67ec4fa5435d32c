import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import CohortFactory, MembershipFactory, MilestoneFactory, MissionCityFactory
from twinning.cohorts.enums import MilestoneKind

pytestmark = pytest.mark.django_db


def test_portal_home_needs_a_signed_in_person(client):
    response = client.get(reverse("portal:home"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/portal/"


def test_portal_home_shows_the_cities_and_what_is_open_for_them(client):
    membership = MembershipFactory(city=MissionCityFactory(name="Košice", name_en="Kosice"))
    cohort = CohortFactory()
    now = timezone.now()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=3),
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=3),
    )
    client.force_login(membership.user)

    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    assert [m.city.name for m in response.context["memberships"]] == ["Košice"]
    assert [m.kind for m in response.context["open_windows"]] == ["mission_registration"]
    assert "Košice (Kosice)" in response.content.decode()


def test_portal_home_names_the_windows_in_the_readers_language_else_in_marked_english(client):
    membership = MembershipFactory(city=MissionCityFactory())
    cohort = CohortFactory()
    now = timezone.now()
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        title="Mission cities register",
        translations={"de": {"title": "Anmeldung der Missionsstädte"}},
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=3),
    )
    client.force_login(membership.user)

    with translation.override("de"):
        german = client.get(reverse("portal:home")).content.decode()
    with translation.override("es"):
        spanish = client.get(reverse("portal:home")).content.decode()

    assert "<strong>Anmeldung der Missionsstädte</strong>" in german
    assert '<strong><span lang="en">Mission cities register</span></strong>' in spanish
