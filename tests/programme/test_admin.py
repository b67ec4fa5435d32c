import pytest
from django.urls import reverse

from tests.factories.selection import TwinningMemberFactory, rank, selection_cohort
from twinning.selection.domain.runs import start_selection_run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:programme_twinning_changelist",
        "admin:selection_selectionrun_changelist",
        "admin:selection_preference_changelist",
        "admin:selection_interest_changelist",
    ],
)
def test_organisers_see_the_selection_data_in_the_admin(client, organiser, name):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    start_selection_run(cohort, options={}, by=organiser)
    TwinningMemberFactory(twinning__cohort=cohort, city=mission[0])
    client.force_login(organiser)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_a_twinnings_admin_page_lists_its_cities(client, organiser):
    member = TwinningMemberFactory()
    client.force_login(organiser)

    response = client.get(reverse("admin:programme_twinning_change", args=[member.twinning.pk]))

    assert response.status_code == 200
    assert member.city.name in response.content.decode()
