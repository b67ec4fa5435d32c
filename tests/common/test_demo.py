import pytest
from django.core.management import call_command

from twinning.accounts.models import User
from twinning.cities.models import City, Membership, Registration
from twinning.cohorts.domain.queries import current_cohort
from twinning.common.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "facilitator@demo.twinning.eu",
    "mission-city@demo.twinning.eu",
    "mission-minded@demo.twinning.eu",
    "organiser@demo.twinning.eu",
]


def test_load_demo_creates_cohort_5_with_its_milestones(capsys):
    call_command("load_demo")

    cohort = current_cohort()
    assert cohort.name == "Cohort 5, 2026-2027"
    assert cohort.selection_cap == 10
    assert [m.kind for m in cohort.milestones.all()] == [
        "mission_minded_registration",
        "mission_registration",
        "matchmaking",
        "selection",
        "programme",
    ]
    output = capsys.readouterr().out
    for email in DEMO_EMAILS:
        assert email in output
    assert f"password for all: {DEMO_PASSWORD}" in output


def test_load_demo_accounts_sign_in_with_the_demo_password(client):
    call_command("load_demo")

    assert sorted(User.objects.values_list("email", flat=True)) == DEMO_EMAILS
    for email in DEMO_EMAILS:
        assert client.login(email=email, password=DEMO_PASSWORD) is True
    assert User.objects.get(email="organiser@demo.twinning.eu").is_organiser is True
    assert Membership.objects.get(user__email="mission-city@demo.twinning.eu").city.name == (
        "Torino"
    )


def test_load_demo_twice_gives_the_same_data():
    call_command("load_demo")
    counts = (City.objects.count(), Registration.objects.count(), User.objects.count())

    call_command("load_demo")

    assert (City.objects.count(), Registration.objects.count(), User.objects.count()) == counts


def test_load_demo_has_real_cities_with_accents():
    call_command("load_demo")

    names = set(City.objects.values_list("name", flat=True))
    assert {"Sønderborg", "Pécs", "Košice", "İzmir", "Évora", "Brașov", "Võru"} <= names
