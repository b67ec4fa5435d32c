import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory
from twinning.accounts.models import Consent
from twinning.cities.models import Membership
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = UserFactory(email="anna.berg@pecs.example.hu", name="Anna Berg")
    client.force_login(user)
    return user


def test_account_page_lists_each_consent(client, person):
    response = client.get(reverse("portal:account"))

    assert response.status_code == 200
    assert [p["value"] for p in response.context["purposes"]] == [
        "public_profile",
        "photos",
        "newsletter",
    ]
    assert [p["consent"] for p in response.context["purposes"]] == [None, None, None]


def test_account_page_asks_visitors_to_sign_in(client):
    response = client.get(reverse("portal:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_giving_and_withdrawing_consent(client, person):
    client.post(reverse("portal:account_consent"), {"purpose": "photos", "given": "1"})
    given = Consent.objects.get()

    response = client.post(reverse("portal:account_consent"), {"purpose": "photos", "given": "0"})

    assert response.status_code == 302
    given.refresh_from_db()
    assert given.withdrawn_at is not None
    assert given.user == person


def test_consent_for_an_unknown_purpose_is_refused_with_a_message(client, person):
    response = client.post(
        reverse("portal:account_consent"), {"purpose": "marketing", "given": "1"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Choose what to agree to or withdraw."
    ]
    assert Consent.objects.count() == 0


def test_download_is_a_json_file_of_the_persons_data(client, person):
    MembershipFactory(user=person)

    response = client.get(reverse("portal:account_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="personal-data-{person.pk}-'
    )
    data = json.loads(response.content)
    assert data["person"]["email"] == "anna.berg@pecs.example.hu"
    assert [r["user_id"] for r in data["records"]["cities.Membership"]] == [person.pk]
    assert AuditEntry.objects.get().action == "person.exported"


def test_delete_page_explains_what_is_kept(client, person):
    response = client.get(reverse("portal:account_delete"))

    assert response.status_code == 200
    assert "The plan&#x27;s history" in response.content.decode()


def test_deletion_needs_the_password(client, person):
    response = client.post(reverse("portal:account_delete"), {"password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["This is not your password."]}
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_deletion_with_the_password_signs_out_and_anonymises(client, person):
    MembershipFactory(user=person)

    response = client.post(reverse("portal:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("public:home")
    assert "_auth_user_id" not in client.session
    user = get_user_model().objects.get(pk=person.pk)
    assert (user.email, user.is_active) == (f"removed-{person.pk}@invalid", False)
    assert Membership.objects.count() == 0
    assert client.login(email="anna.berg@pecs.example.hu", password=PASSWORD) is False
