"""The synthetic data at scale: rows as the domain would leave them, and pages whose
query counts stay the same when the data grows from the demo to it."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from twinning.cities.enums import RegistrationState
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.programme.enums import Acceptance, TwinningState
from twinning.programme.models import Twinning
from twinning.site.demo import load_demo
from twinning.site.demo.scale import load_scale

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/practices/",
    "/practices/?cohort=all&q=energy",
    "/practices/?cohort=all&q=agrivoltaic&country=RS",
    "/cities/",
    "/cities/?cohort=all",
    "/twinnings/?cohort=cohort-5",
    "/api/v1/practices/?cohort=all&q=energy",
]


def _queries(client) -> list[int]:
    counts = []
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


def test_scale_data_is_valid_and_page_queries_do_not_grow(client):
    load_demo()
    at_demo_size = _queries(client)

    summary = load_scale(300)

    assert summary.practices == 300
    published = Practice.objects.filter(
        registration__city__slug__endswith="-synthetic", state=PracticeState.PUBLISHED
    )
    assert published.count() == 300
    assert not published.exclude(registration__state=RegistrationState.ACCEPTED).exists()
    assert not published.filter(published_at__isnull=True).exists()
    assert not published.annotate(fields=Count("fields_of_action")).filter(fields=0).exists()
    agreed = Twinning.objects.filter(
        state=TwinningState.ACCEPTED, members__city__slug__endswith="-synthetic"
    )
    assert agreed.exists()
    assert not agreed.filter(members__acceptance=Acceptance.PENDING).exists()
    assert _queries(client) == at_demo_size
    assert load_scale(300) == summary  # loaded again, nothing changes
