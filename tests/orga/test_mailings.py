"""Organisers write a mailing, check its recipients and the mail, and send it once."""

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, MissionCityFactory, RegistrationFactory, UserFactory
from tests.factories.selection import CityMemberFactory
from twinning.cities.enums import CityKind
from twinning.common.models import AuditEntry
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail
from twinning.mailings.enums import MailingState
from twinning.mailings.models import Mailing

pytestmark = pytest.mark.django_db


def accepted_mission_cities(cohort, count):
    people = []
    for index in range(count):
        city = MissionCityFactory(name=f"Città {index:03d}")
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION)
        people.append(
            CityMemberFactory(
                city=city, user__email=f"rep{index:03d}@example.org", user__name=f"Rep {index:03d}"
            ).user
        )
    return people


def draft(cohort, **fields):
    values = {
        "subject": "Rank your twins",
        "text": "Dear {name},\nthe ranking closes on Friday.",
        "segment": "accepted_cities",
        "cohort": cohort,
    }
    return Mailing.objects.create(**{**values, **fields})


def test_writing_a_mailing_saves_a_draft_and_leads_to_its_preview(organiser_client):
    cohort = CohortFactory(name="Cohort 7")
    accepted_mission_cities(cohort, 2)

    response = organiser_client.post(
        reverse("orga:mailing_new"),
        {
            "subject": "Rank your twins",
            "text": "Dear {name},\nthe ranking closes on Friday.",
            "segment": "accepted_cities",
            "cohort": cohort.pk,
        },
    )

    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orga:mailing", args=[mailing.pk])
    assert (mailing.state, mailing.cohort, mailing.day) == (MailingState.DRAFT, cohort, None)
    assert OutgoingMail.objects.count() == 0
    assert AuditEntry.objects.filter(action="mailing.written").count() == 1


def test_a_segment_of_a_cohort_without_a_cohort_is_refused_and_the_text_kept(organiser_client):
    response = organiser_client.post(
        reverse("orga:mailing_new"),
        {"subject": "Hello", "text": "Kept text", "segment": "accepted_cities", "cohort": ""},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["cohort"] == [
        "Choose the cohort these recipients belong to."
    ]
    assert "Kept text" in response.content.decode()
    assert Mailing.objects.count() == 0


def test_the_preview_lists_the_recipients_and_the_mail_as_the_first_one_sees_it(
    organiser_client,
):
    cohort = CohortFactory()
    accepted_mission_cities(cohort, 2)
    mailing = draft(cohort)

    response = organiser_client.get(reverse("orga:mailing", args=[mailing.pk]))

    assert response.status_code == 200
    people = response.context["recipients"]
    assert [(r.name, r.cities, r.email) for r in people] == [
        ("Rep 000", ["Città 000"], "rep000@example.org"),
        ("Rep 001", ["Città 001"], "rep001@example.org"),
    ]
    subject, body = response.context["preview"]
    assert subject == "[Twinning] Rank your twins"
    assert body.startswith("Dear Rep 000,\nthe ranking closes on Friday.")
    assert "Send to 2 people" in response.content.decode()
    assert "Service message" in response.content.decode()


def test_sending_queues_one_mail_per_recipient_once_even_when_posted_twice(organiser_client):
    cohort = CohortFactory()
    people = accepted_mission_cities(cohort, 3)
    mailing = draft(cohort)
    url = reverse("orga:mailing_send", args=[mailing.pk])

    first = organiser_client.post(url, {"expected": "3"})
    second = organiser_client.post(url, {"expected": "3"})

    assert first.status_code == 302
    assert second.status_code == 409
    mails = OutgoingMail.objects.order_by("to")
    assert [m.to for m in mails] == [[p.email] for p in people]
    assert {m.about for m in mails} == {mailing}
    assert mails[0].body.startswith("Dear Rep 000,\n")
    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (MailingState.SENT, 3)
    assert AuditEntry.objects.filter(action="mailing.sent").count() == 1
    assert "This mailing was already sent." in second.content.decode()


def test_sending_is_refused_when_the_recipients_changed_since_the_preview(organiser_client):
    cohort = CohortFactory()
    accepted_mission_cities(cohort, 2)
    mailing = draft(cohort)

    response = organiser_client.post(
        reverse("orga:mailing_send", args=[mailing.pk]), {"expected": "3"}
    )

    assert response.status_code == 409
    assert OutgoingMail.objects.count() == 0
    mailing.refresh_from_db()
    assert mailing.state == MailingState.DRAFT


def test_the_list_of_mailings_counts_sent_and_failed_mails(organiser_client):
    cohort = CohortFactory()
    accepted_mission_cities(cohort, 2)
    mailing = draft(cohort)
    organiser_client.post(reverse("orga:mailing_send", args=[mailing.pk]), {"expected": "2"})
    OutgoingMail.objects.filter(to=["rep000@example.org"]).update(status=MailStatus.SENT)
    OutgoingMail.objects.filter(to=["rep001@example.org"]).update(status=MailStatus.FAILED)

    response = organiser_client.get(reverse("orga:mailings"))

    (row,) = response.context["rows"]
    assert row.mail_counts == {"sent": 1, "failed": 1}


def test_the_person_page_lists_the_mails_sent_to_them(organiser_client):
    cohort = CohortFactory()
    (person,) = accepted_mission_cities(cohort, 1)
    mailing = draft(cohort)
    organiser_client.post(reverse("orga:mailing_send", args=[mailing.pk]), {"expected": "1"})

    response = organiser_client.get(reverse("orga:person", args=[person.pk]))

    assert [(m.subject, m.about) for m in response.context["mails"]] == [
        ("[Twinning] Rank your twins", mailing)
    ]
    assert reverse("orga:mailing", args=[mailing.pk]) in response.content.decode()


def test_a_sent_mailing_cannot_be_changed(organiser_client):
    mailing = draft(CohortFactory(), state=MailingState.SENT)

    response = organiser_client.post(
        reverse("orga:mailing_edit", args=[mailing.pk]),
        {"subject": "Changed", "text": "x", "segment": "facilitators"},
    )

    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.subject == "Rank your twins"


@pytest.mark.parametrize(
    "name", ["orga:mailings", "orga:mailing_new", "orga:mailing", "orga:mailing_send"]
)
def test_people_other_than_organisers_are_refused(client, name):
    mailing = draft(CohortFactory())
    client.force_login(UserFactory(is_facilitator=True))
    args = [mailing.pk] if name in ("orga:mailing", "orga:mailing_send") else []

    response = client.post(reverse(name, args=args), {"expected": "0"})

    assert response.status_code == 403
    assert OutgoingMail.objects.count() == 0


# Measured with 2 mailings and recipients; the same bound holds with 12. Most are the
# session, the menu's counters and the audit link.
LIST_QUERIES, PREVIEW_QUERIES = 22, 20


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_and_the_preview_take_a_constant_number_of_queries(
    organiser_client, django_assert_max_num_queries, size
):
    cohort = CohortFactory()
    accepted_mission_cities(cohort, size)
    for index in range(size):
        draft(cohort, subject=f"Mailing {index}")
    mailing = Mailing.objects.first()

    with django_assert_max_num_queries(LIST_QUERIES):
        assert organiser_client.get(reverse("orga:mailings")).status_code == 200
    with django_assert_max_num_queries(PREVIEW_QUERIES):
        response = organiser_client.get(reverse("orga:mailing", args=[mailing.pk]))
    assert len(response.context["recipients"]) == size
