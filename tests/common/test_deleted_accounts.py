"""People who are gone never break a page.

Every demo account but the organiser's and the facilitator's is deleted through
the same function a deletion request goes through; then every page those two
reach by following links answers without a server error, and the joint plan
names the people who wrote it “a former member”.
"""

import datetime as dt

import pytest
from django.urls import reverse

from tests.site.crawl import DEMO_EMAILS, client_for, crawl, loaded_demo
from twinning.accounts.domain.personal_data import delete_personal_data
from twinning.accounts.models import User
from twinning.programme.models import Twinning

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

# A day of the programme year of cohort 5, whose joint plans are being written.
DEMO_DAY = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
STAYING = {"organiser": DEMO_EMAILS["organiser"], "facilitator": DEMO_EMAILS["facilitator"]}
# Pages each of them must reach by following links, so that a crawl stopped short fails.
REACHED = {
    "organiser": {"orga:home", "orga:year_progress", "orga:people", "portal:plan"},
    "facilitator": {"orga:home", "portal:workspace", "portal:plan", "portal:plan_history"},
}


@pytest.fixture(scope="module")
def demo_without_its_people(django_db_setup, django_db_blocker):
    """The demo, with every account but the organiser's and the facilitator's deleted."""
    with loaded_demo(django_db_blocker, at=DEMO_DAY):
        organiser = User.objects.get(email=STAYING["organiser"])
        for person in User.objects.exclude(email__in=STAYING.values()).filter(
            anonymised_at__isnull=True
        ):
            delete_personal_data(person, by=organiser, reason="Asked by e-mail.")
        yield


def test_demo_accounts_are_deleted_but_the_organisers_and_the_facilitators(
    demo_without_its_people,
):
    assert sorted(
        User.objects.filter(anonymised_at__isnull=True).values_list("email", flat=True)
    ) == [
        "facilitator@demo.twinning.eu",
        "organiser@demo.twinning.eu",
    ]


@pytest.mark.parametrize("role", STAYING)
def test_no_page_breaks_after_the_demo_people_are_deleted(demo_without_its_people, role):
    result = crawl(client_for(STAYING[role]))

    assert result.server_errors() == {}
    assert REACHED[role] - result.kinds == set()


def test_the_plan_names_its_deleted_authors_a_former_member(demo_without_its_people):
    twinning = Twinning.objects.get(
        cohort__number=5, members__city__name="Torino", plan__isnull=False
    )
    client = client_for(STAYING["facilitator"])

    plan = client.get(reverse("portal:plan", args=[twinning.pk]))
    versions = client.get(reverse("portal:plan_history", args=[twinning.pk, "context"]))

    assert (plan.status_code, versions.status_code) == (200, 200)
    assert "Marta Rossi" not in plan.content.decode()
    assert "a former member" in versions.content.decode()
