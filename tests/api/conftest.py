import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_request_counts():
    # The request limits count in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def organiser_api(db):
    from tests.factories.api import organiser_key

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {organiser_key()}")
    return client
