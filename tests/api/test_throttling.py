import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "user": "5/minute"},
    }


def test_rotating_forwarded_addresses_do_not_escape_the_anonymous_limit(api, five_a_minute):
    statuses = [
        api.get(
            "/api/v1/themes/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(20)
    ]

    assert statuses == [200] * 5 + [429] * 15


def test_behind_one_proxy_the_right_most_forwarded_address_counts(api, five_a_minute, settings):
    settings.TRUSTED_PROXIES = 1

    def get(forwarded):
        return api.get(
            "/api/v1/themes/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # A client may write anything on the left; the proxy appends the address it saw.
    same_client = [get(f"198.51.100.{n}, 203.0.113.5") for n in range(6)]
    other_client = get("198.51.100.1, 203.0.113.6")

    assert (same_client, other_client) == ([200] * 5 + [429], 200)
