import pytest
from rest_framework.test import APIClient

# The request limits count in the cache, emptied before each test (tests/conftest.py).


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def organiser_api(db):
    from tests.factories.api import organiser_key

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {organiser_key()}")
    return client
