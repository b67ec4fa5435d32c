import pytest
from django.core.management import call_command

from twinning.cities.models import Ambition
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice

pytestmark = pytest.mark.django_db


def test_demo_has_published_practices_of_real_demo_cities_and_ambitions(client):
    call_command("load_demo")
    call_command("load_demo")

    published = Practice.objects.filter(state=PracticeState.PUBLISHED)
    # 18 of cohort 5, 2 of cohort 4, and again 8 in each of the stage cohorts 6 and 7
    assert published.count() == 36
    assert published.filter(registration__cohort__number=5).count() == 18
    assert published.get(
        slug="positive-energy-blocks-in-a-world-heritage-centre"
    ).registration.city.name == ("Évora")
    assert (
        Ambition.objects.filter(
            registration__city__name="Torino", registration__cohort__number=5
        ).count()
        == 2
    )
    # Most are written in English, a few in their city's own language.
    assert sorted(
        published.filter(registration__cohort__number__in=[4, 5])
        .exclude(language="en")
        .values_list("registration__city__name", "language")
    ) == [("Oostende", "nl"), ("Trento", "it"), ("Évora", "pt")]
    assert client.get("/practices/").status_code == 200
    assert client.get("/practices/?q=heritage").status_code == 200
