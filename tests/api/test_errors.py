"""Every error of the API answers in one JSON shape, whatever went wrong."""

import pytest

from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def _error(status, code, message, fields=None):
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_an_unknown_address_is_not_found_in_the_error_shape(api, method):
    response = getattr(api, method)("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == _error(404, "not_found", "Not found.")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cohorts/fifth/",
        "/api/v1/cohorts/99999999999999999999999/",
        "/api/v1/cohorts/999999999/",
        "/api/v1/cohorts",
        "/api/v1/",
    ],
)
def test_odd_addresses_are_not_found(api, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_method_the_address_does_not_take_answers_405(api):
    response = api.post("/api/v1/cohorts/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == _error(405, "method_not_allowed", 'Method "POST" not allowed.')


def test_malformed_json_answers_400(organiser_api):
    response = organiser_api.post(
        "/api/v1/invitations/", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_form_instead_of_json_answers_415(organiser_api):
    response = organiser_api.post("/api/v1/invitations/", {"email": "a@b.example"})

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_asking_for_html_answers_406_in_json(api):
    response = api.get("/api/v1/cohorts/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response.json()["error"]["code"] == "not_acceptable"


def test_a_nul_character_in_a_filter_is_invalid_input(api):
    response = api.get("/api/v1/practices/", {"q": "heat\x00ing"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"q": ["Null characters are not allowed."]}


def test_a_filter_value_too_long_is_invalid_input(api):
    response = api.get("/api/v1/practices/", {"q": "x" * 201})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["q"]


def test_an_offset_past_the_end_gives_an_empty_page(api):
    CohortFactory()

    response = api.get("/api/v1/cohorts/", {"offset": "9" * 40, "limit": "3"})

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"limit": "-3"}, "limit", "Give one whole number from 1 to 200."),
        ({"limit": "0"}, "limit", "Give one whole number from 1 to 200."),
        ({"limit": "201"}, "limit", "Give one whole number from 1 to 200."),
        ({"limit": "ten"}, "limit", "Give one whole number from 1 to 200."),
        ({"offset": "-1"}, "offset", "Give one whole number from 0."),
        ({"offset": ["1", "2"]}, "offset", "Give this parameter once."),
        ({"offset": ""}, "offset", "Give a value, or leave the parameter out."),
        ({"page": "2"}, "page", "This parameter is not known here."),
    ],
)
def test_a_limit_or_offset_out_of_range_is_invalid_input(api, query, field, message):
    response = api.get("/api/v1/cohorts/", query)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: [message]}


def test_too_many_requests_answer_429_with_the_wait(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute"},
    }
    api.get("/api/v1/cohorts/")
    api.get("/api/v1/cohorts/")

    response = api.get("/api/v1/cohorts/")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]["code"] == "throttled"
    assert response.json()["error"]["status"] == 429


def test_the_schema_documents_the_error_shape(api):
    schema = api.get("/api/v1/openapi.json").json()

    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
    operation = schema["paths"]["/api/v1/cohorts/"]["get"]
    assert operation["responses"]["4XX"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
