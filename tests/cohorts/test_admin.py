import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MilestoneFactory, UserFactory
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_admin_extending_a_window_records_the_extension(organiser_client, organiser):
    milestone = MilestoneFactory(
        starts_at=dt.datetime(2026, 2, 2, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC),
    )
    url = reverse("admin:cohorts_milestone_change", args=[milestone.pk])

    response = organiser_client.post(
        url,
        {
            "cohort": milestone.cohort.pk,
            "kind": milestone.kind,
            "title": "",
            "description": "",
            "starts_at_0": "2026-02-02",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2026-04-07",
            "ends_at_1": "17:00:00",
            "time_zone": "Europe/Brussels",
        },
    )

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.ends_at == dt.datetime(2026, 4, 7, 15, tzinfo=dt.UTC)
    assert milestone.original_ends_at == dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC)
    assert list(AuditEntry.objects.order_by("id").values_list("action", "actor")) == [
        ("milestone.window_changed", organiser.pk),
        ("admin.changed", organiser.pk),
    ]


def test_admin_refuses_a_city_representative(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:cohorts_cohort_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_cohort_list_opens_for_organisers(organiser_client):
    response = organiser_client.get(reverse("admin:cohorts_cohort_changelist"))

    assert response.status_code == 200
