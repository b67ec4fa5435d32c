import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import WebinarFactory
from twinning.outreach.models import ContactMessage, InterestExpression, WebinarRegistration

pytestmark = pytest.mark.django_db

REFUSAL = (
    "This form was sent too often from your connection or for this e-mail address. "
    "Please try again in 60 minutes."
)


@pytest.fixture(autouse=True)
def _rates(settings, time_machine):
    settings.FORM_RATE_PER_ADDRESS = "10/hour"
    settings.FORM_RATE_PER_EMAIL = "3/hour"
    # At the start of a clock hour, so that the wait is a whole hour.
    next_hour = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    time_machine.move_to(next_hour, tick=False)


def _seat(n):
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "Grad Zagreb",
        "city": "Zagreb",
        "country": "HR",
        "role": "civil_servant",
        "consent": "on",
    }


def _answer(n):
    return {
        "city_name": "Évora",
        "country": "PT",
        "kind": "mission_minded",
        "contact_name": f"Person {n}",
        "email": f"person{n}@example.org",
        "message": "Positive energy districts",
        "consent": "on",
    }


def _message(n):
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "subject": f"Question {n}",
        "message": "Hello",
    }


def test_webinar_registrations_from_one_address_stop_at_the_limit(client):
    webinar = WebinarFactory(capacity=100)
    url = reverse("public:webinar_register", args=[webinar.pk])
    accepted = [client.post(url, _seat(n)).status_code for n in range(10)]

    response = client.post(url, _seat(10))

    html = response.content.decode()
    assert (accepted, response.status_code) == ([302] * 10, 429)
    assert REFUSAL in html
    assert 'value="person10@example.org"' in html
    assert 'value="Grad Zagreb"' in html
    assert WebinarRegistration.objects.count() == 10


def test_webinar_registrations_for_one_email_stop_at_the_limit(client):
    urls = [reverse("public:webinar_register", args=[WebinarFactory().pk]) for _ in range(4)]
    accepted = [
        client.post(url, _seat(1), REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n, url in enumerate(urls[:3])
    ]

    response = client.post(urls[3], _seat(1), REMOTE_ADDR="192.0.2.99")

    assert (accepted, response.status_code) == ([302] * 3, 429)
    assert REFUSAL in response.content.decode()
    assert WebinarRegistration.objects.count() == 3


def test_webinar_registrations_with_rotating_forwarded_addresses_stop_at_the_limit(client):
    webinar = WebinarFactory(capacity=100)
    url = reverse("public:webinar_register", args=[webinar.pk])

    statuses = [
        client.post(url, _seat(n), HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(12)
    ]

    assert statuses == [302] * 10 + [429] * 2


def test_interest_answers_from_one_address_stop_at_the_limit(client):
    accepted = [client.post(reverse("public:interest"), _answer(n)).status_code for n in range(10)]

    response = client.post(reverse("public:interest"), _answer(10))

    html = response.content.decode()
    assert (accepted, response.status_code) == ([200] * 10, 429)
    assert REFUSAL in html
    assert "Positive energy districts" in html
    assert InterestExpression.objects.count() == 10


def test_interest_answers_for_one_email_stop_at_the_limit(client):
    accepted = [
        client.post(reverse("public:interest"), _answer(1), REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]

    response = client.post(reverse("public:interest"), _answer(1), REMOTE_ADDR="192.0.2.99")

    assert (accepted, response.status_code) == ([200] * 3, 429)
    assert InterestExpression.objects.count() == 3


def test_contact_messages_from_one_address_stop_at_the_limit(client):
    accepted = [client.post(reverse("public:contact"), _message(n)).status_code for n in range(10)]

    response = client.post(reverse("public:contact"), _message(10))

    html = response.content.decode()
    assert (accepted, response.status_code) == ([200] * 10, 429)
    assert REFUSAL in html
    assert 'value="Question 10"' in html
    assert ContactMessage.objects.count() == 10


def test_contact_messages_for_one_email_stop_at_the_limit(client):
    accepted = [
        client.post(reverse("public:contact"), _message(1), REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]

    response = client.post(reverse("public:contact"), _message(1), REMOTE_ADDR="192.0.2.99")

    assert (accepted, response.status_code) == ([200] * 3, 429)
    assert ContactMessage.objects.count() == 3


def test_the_limit_is_per_form(client):
    for n in range(10):
        client.post(reverse("public:contact"), _message(n))

    response = client.post(reverse("public:interest"), _answer(1))

    assert response.status_code == 200


def test_the_limit_lifts_once_the_hour_is_over(client, time_machine):
    for n in range(10):
        client.post(reverse("public:contact"), _message(n))
    time_machine.shift(3600)

    response = client.post(reverse("public:contact"), _message(10))

    assert response.status_code == 200


def test_contact_sender_key_is_the_trusted_client_address(client, settings):
    settings.TRUSTED_PROXIES = 1
    from twinning.outreach.domain.messages import sender_key

    client.post(
        reverse("public:contact"),
        _message(1),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5",
    )

    assert ContactMessage.objects.get().sender_key == sender_key("203.0.113.5")
