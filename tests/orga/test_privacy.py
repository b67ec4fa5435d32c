import datetime as dt
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganiserFactory, UserFactory
from tests.factories.selection import QuickOrganiserFactory, QuickUserFactory
from twinning.accounts.models import User
from twinning.common.audit import record_action
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_people_are_found_by_name_or_address(organiser_client, organiser):
    # The organiser's generated name could contain the word searched for.
    organiser.name = "Olga Ruiz"
    organiser.save(update_fields=["name"])
    UserFactory(email="anna@pecs.example.hu", name="Anna Berg")
    UserFactory(email="bo@example.org", name="Bo Lind")

    response = organiser_client.get(reverse("orga:people"), {"q": "berg"})

    assert [p.email for p in response.context["page"]] == ["anna@pecs.example.hu"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_people_list_queries_do_not_grow_with_the_people(organiser_client):
    QuickUserFactory.create_batch(2)
    few = _queries(organiser_client, reverse("orga:people"))
    QuickUserFactory.create_batch(20)

    many = _queries(organiser_client, reverse("orga:people"))

    assert many == few


def test_organiser_downloads_a_persons_data(organiser_client, organiser):
    person = UserFactory(email="anna@pecs.example.hu")

    response = organiser_client.get(reverse("orga:person_export", args=[person.pk]))

    assert json.loads(response.content)["person"]["email"] == "anna@pecs.example.hu"
    entry = AuditEntry.objects.get(action="person.exported")
    assert (entry.actor, entry.object_id) == (organiser, str(person.pk))


def test_organiser_deletes_an_account_on_request(organiser_client, organiser):
    person = UserFactory(email="anna@pecs.example.hu", name="Anna Berg")
    MembershipFactory(user=person)

    response = organiser_client.post(
        reverse("orga:person_delete", args=[person.pk]),
        {"reason": "Asked by e-mail on 3 November", "confirm_email": "Anna@pecs.example.hu"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("orga:people")
    person.refresh_from_db()
    assert person.anonymised_at is not None
    entry = AuditEntry.objects.get(action="person.deleted")
    assert (entry.actor, entry.data["reason"]) == (organiser, "Asked by e-mail on 3 November")


def test_deletion_with_the_wrong_address_keeps_what_was_typed(organiser_client):
    person = UserFactory(email="anna@pecs.example.hu")

    response = organiser_client.post(
        reverse("orga:person_delete", args=[person.pk]),
        {"reason": "Asked by e-mail", "confirm_email": "someone@example.org"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "confirm_email": ["This is not the person's e-mail address."]
    }
    assert "Asked by e-mail" in response.content.decode()
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_a_city_representative_cannot_delete_others(client):
    rep = UserFactory()
    person = UserFactory(email="anna@pecs.example.hu")
    client.force_login(rep)

    response = client.post(
        reverse("orga:person_delete", args=[person.pk]),
        {"reason": "x", "confirm_email": "anna@pecs.example.hu"},
    )

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.anonymised_at is None


def _entries(count, organiser):
    person = QuickUserFactory()
    for number in range(count):
        record_action("registration.accepted", person, by=organiser, number=number)
    return person


def test_audit_trail_search_by_action_actor_and_text(organiser_client, organiser):
    person = UserFactory(email="anna@pecs.example.hu", name="Anna Berg")
    record_action("registration.accepted", person, by=organiser)
    record_action("practice.published", person)
    other = OrganiserFactory(name="Carla Rossi")
    record_action("registration.returned", other, by=other)

    by_action = organiser_client.get(reverse("orga:audit"), {"action": "registration."})
    by_actor = organiser_client.get(reverse("orga:audit"), {"actor": "rossi"})
    by_text = organiser_client.get(reverse("orga:audit"), {"q": "Anna"})

    assert [e.action for e in by_action.context["page"]] == [
        "registration.returned",
        "registration.accepted",
    ]
    assert [e.action for e in by_actor.context["page"]] == ["registration.returned"]
    assert [e.action for e in by_text.context["page"]] == [
        "practice.published",
        "registration.accepted",
    ]


def test_audit_trail_search_by_dates(organiser_client, organiser):
    old = record_action("old.action", by=organiser)
    AuditEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - dt.timedelta(days=10))
    record_action("new.action", by=organiser)
    today = timezone.localdate()

    recent = organiser_client.get(reverse("orga:audit"), {"since": today.isoformat()})
    earlier = organiser_client.get(
        reverse("orga:audit"), {"until": (today - dt.timedelta(days=5)).isoformat()}
    )

    assert [e.action for e in recent.context["page"]] == ["new.action"]
    assert [e.action for e in earlier.context["page"]] == ["old.action"]


def test_audit_trail_refuses_an_end_before_the_start(organiser_client, organiser):
    record_action("new.action", by=organiser)

    response = organiser_client.get(
        reverse("orga:audit"), {"since": "2026-05-02", "until": "2026-05-01"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The end date is before the start date."]
    assert list(response.context["page"]) == []


def test_audit_trail_pages_queries_do_not_grow(organiser_client, organiser):
    _entries(2, organiser)
    few = _queries(organiser_client, reverse("orga:audit"))
    _entries(40, QuickOrganiserFactory())

    many = _queries(organiser_client, reverse("orga:audit"))

    assert many == few


def test_history_of_one_object(organiser_client, organiser):
    person = _entries(3, organiser)
    record_action("something.else", organiser, by=organiser)
    content_type = ContentType.objects.get_for_model(User)

    response = organiser_client.get(reverse("orga:audit_object", args=[content_type.pk, person.pk]))

    assert [e.data["number"] for e in response.context["page"]] == [2, 1, 0]


def test_history_queries_do_not_grow(organiser_client, organiser):
    person = _entries(2, organiser)
    url = reverse("orga:audit_object", args=[ContentType.objects.get_for_model(User).pk, person.pk])
    few = _queries(organiser_client, url)
    for number in range(30):
        record_action("registration.accepted", person, by=QuickUserFactory(), number=number)

    many = _queries(organiser_client, url)

    assert many == few


def test_audit_trail_is_for_organisers_only(client):
    client.force_login(UserFactory(is_facilitator=True))

    response = client.get(reverse("orga:audit"))

    assert response.status_code == 403
