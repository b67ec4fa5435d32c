"""Every address under /api/ that leads nowhere answers 404 in the API's error shape, never
an HTML page: odd characters, trailing garbage, unknown endpoints and versions alike."""

import pytest

from tests.factories.practices import PracticeFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices/{pk}%0A/",
        "/api/v1/practices/{pk}%0A",
        "/api/v1/practices/%0A/",
        "/api/v1/%0A",
        "/api/v1/practices/{pk}/%0Aextra/",
        "/api/v1/practices/{pk}/garbage/",
        "/api/v1/practices/{pk}garbage/",
        "/api/v1/no-such-endpoint/",
        "/api/v2/practices/",
        "/api/",
        "/api",
        "/api/%0A",
    ],
)
def test_an_address_under_the_api_that_leads_nowhere_answers_the_error_shape(api, path):
    practice = PracticeFactory()

    response = api.get(path.format(pk=practice.pk))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_a_page_outside_the_api_is_still_not_found_in_html(client):
    response = client.get("/no-such-page%0A/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
