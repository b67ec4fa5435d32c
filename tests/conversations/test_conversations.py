import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CityFactory, OrganiserFactory
from tests.factories.conversations import twinned_pair
from tests.factories.selection import CityMemberFactory, QuickUserFactory
from twinning.common import clock
from twinning.common.models import AuditEntry
from twinning.conversations.domain import (
    start_conversation,
    start_twinning_conversation,
    write_message,
)
from twinning.conversations.domain.notifications import notify_new_messages
from twinning.conversations.domain.queries import conversations_of
from twinning.conversations.models import Conversation, Message
from twinning.mail.models import OutgoingMail
from twinning.nextsteps.domain.steps import agenda_for_representative

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 10, 5, 12, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def pair():
    return twinned_pair()


def _write(pair, text="Shall we meet in Évora?"):
    return start_conversation(pair.torino, [pair.evora], by=pair.marta, text=text)


# --- permissions --------------------------------------------------------------------


def test_conversation_page_opens_for_the_people_of_both_cities(client, pair):
    conversation = _write(pair).conversation
    for person in (pair.marta, pair.joana):
        client.force_login(person)
        response = client.get(reverse("portal:conversation", args=[conversation.pk]))
        assert response.status_code == 200
        assert "Shall we meet in Évora?" in response.content.decode()


def test_conversation_page_refuses_a_person_of_another_city(client, pair):
    conversation = _write(pair).conversation
    stranger = CityMemberFactory(city=CityFactory(name="Kladno")).user
    client.force_login(stranger)
    url = reverse("portal:conversation", args=[conversation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Hello"}).status_code == 403
    assert Message.objects.count() == 1


def test_writing_in_the_name_of_another_city_is_refused(client, pair):
    client.force_login(pair.joana)
    url = reverse("portal:conversation_new", args=[pair.torino.pk, pair.evora.pk])
    assert client.post(url, {"text": "Hello"}).status_code == 403
    assert Conversation.objects.count() == 0


def test_facilitator_takes_part_in_the_twinning_conversation_only(client, pair):
    before = _write(pair).conversation
    during = start_twinning_conversation(pair.twinning, by=pair.joana, text="Dates?").conversation
    client.force_login(pair.facilitator)
    assert client.get(reverse("portal:conversation", args=[before.pk])).status_code == 403
    response = client.post(
        reverse("portal:conversation", args=[during.pk]), {"text": "The 20th suits me."}
    )
    assert response.status_code == 302
    assert list(during.messages.values_list("text", flat=True)) == ["Dates?", "The 20th suits me."]


def test_organiser_reading_is_audited_and_may_hide_a_message(client, pair):
    message = _write(pair, text="Call me on my private number")
    organiser = OrganiserFactory()
    client.force_login(organiser)
    url = reverse("portal:conversation", args=[message.conversation_id])
    response = client.get(url)
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="conversation.read_by_organiser").count() == 1
    client.post(reverse("portal:conversation_hide", args=[message.pk]), {"reason": "private"})
    message.refresh_from_db()
    assert message.hidden_by == organiser
    assert AuditEntry.objects.get(action="conversation.message_hidden").data == {
        "message": message.pk,
        "reason": "private",
    }
    client.force_login(pair.joana)
    page = client.get(url).content.decode()
    assert "private number" not in page
    assert "This message was hidden by the programme team." in page


def test_a_representative_cannot_hide_a_message(client, pair):
    message = _write(pair)
    client.force_login(pair.joana)
    response = client.post(reverse("portal:conversation_hide", args=[message.pk]))
    assert response.status_code == 403


# --- writing ------------------------------------------------------------------------


def test_one_conversation_per_set_of_cities(client, pair):
    first = _write(pair)
    client.force_login(pair.joana)
    response = client.get(reverse("portal:conversation_new", args=[pair.evora.pk, pair.torino.pk]))
    assert response.status_code == 302
    assert response.url == reverse("portal:conversation", args=[first.conversation_id])
    second = start_conversation(pair.evora, [pair.torino], by=pair.joana, text="Yes!")
    assert second.conversation == first.conversation
    assert Conversation.objects.count() == 1


def test_writing_an_empty_message_keeps_the_form(client, pair):
    client.force_login(pair.marta)
    url = reverse("portal:conversation_new", args=[pair.torino.pk, pair.evora.pk])
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert Conversation.objects.count() == 0


def test_bad_attachment_is_refused_and_the_text_kept(client, pair):
    conversation = _write(pair).conversation
    client.force_login(pair.joana)
    text = "Our slides are attached."
    response = client.post(
        reverse("portal:conversation", args=[conversation.pk]),
        {"text": text, "attachment": SimpleUploadedFile("slides.exe", b"MZ\x90\x00" * 100)},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Only PDF documents and images (PNG, JPEG, WebP, GIF) are accepted." in page
    assert f"{text}</textarea>" in page
    assert conversation.messages.count() == 1


def test_attachment_is_stored_and_served_to_the_cities(client, pair):
    conversation = _write(pair).conversation
    client.force_login(pair.joana)
    client.post(
        reverse("portal:conversation", args=[conversation.pk]),
        {"text": "Slides", "attachment": SimpleUploadedFile("slides.pdf", PDF)},
    )
    attachment = conversation.messages.last().attachments.get()
    assert attachment.content_type == "application/pdf"
    url = reverse("portal:conversation_attachment", args=[attachment.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(CityMemberFactory().user)
    assert client.get(url).status_code == 403


def test_text_is_escaped_and_links_made_clickable(client, pair):
    conversation = _write(pair, text="<b>See</b> https://example.org/plan").conversation
    client.force_login(pair.joana)
    page = client.get(reverse("portal:conversation", args=[conversation.pk])).content.decode()
    assert "&lt;b&gt;See&lt;/b&gt;" in page
    assert '<a href="https://example.org/plan" rel="nofollow">https://example.org/plan</a>' in page


# --- unread counts ------------------------------------------------------------------


def test_unread_counts_per_person_until_the_page_is_read(client, pair):
    conversation = _write(pair).conversation
    write_message(conversation, by=pair.marta, text="And the heat plan?")
    [listed] = conversations_of(pair.joana)
    assert listed.unread == 2
    assert [c.unread for c in conversations_of(pair.marta)] == [0]
    steps = [s for s in agenda_for_representative(pair.joana).steps if s.menu == "messages"]
    assert [(s.text, s.count) for s in steps] == [("2 new messages from Torino (Turin)", 2)]
    assert agenda_for_representative(pair.joana).counts()["messages"] == 2
    client.force_login(pair.joana)
    client.get(reverse("portal:conversation", args=[conversation.pk]))
    assert agenda_for_representative(pair.joana).counts()["messages"] == 0
    menu = client.get(reverse("portal:conversations")).context["area_menu"]
    assert [g.count for g in menu if g.key == "messages"] == [0]


# --- mail -----------------------------------------------------------------------------


def _mails_to(person):
    return list(
        OutgoingMail.objects.filter(template="conversation_messages", to=[person.email]).order_by(
            "id"
        )
    )


def test_messages_within_the_hour_are_mailed_once_and_the_next_hour_again(pair):
    with clock.frozen_at(NOON):
        conversation = _write(pair, text="First message").conversation
        write_message(conversation, by=pair.marta, text="Second message")
        assert notify_new_messages() == 1
    with clock.frozen_at(NOON + dt.timedelta(minutes=20)):
        write_message(conversation, by=pair.marta, text="Third message")
        assert notify_new_messages() == 0
    with clock.frozen_at(NOON + dt.timedelta(hours=1)):
        assert notify_new_messages() == 1
        assert notify_new_messages() == 0
    first, second = _mails_to(pair.joana)
    assert "First message" in first.body and "Second message" in first.body
    assert "Third message" not in first.body
    assert "Third message" in second.body and "First message" not in second.body
    assert first.subject.endswith("2 new messages from Torino (Turin)")
    assert _mails_to(pair.marta) == []


def test_messages_read_before_the_sweep_are_not_mailed(client, pair):
    conversation = _write(pair).conversation
    client.force_login(pair.joana)
    client.get(reverse("portal:conversation", args=[conversation.pk]))
    assert notify_new_messages() == 0


def test_no_mail_when_notifications_are_turned_off(client, pair):
    client.force_login(pair.joana)
    client.post(reverse("portal:account_notifications"), {"on": "0"})
    pair.joana.refresh_from_db()
    assert pair.joana.message_notifications is False
    _write(pair)
    assert notify_new_messages() == 0
    assert _mails_to(pair.joana) == []


def test_facilitator_is_mailed_about_the_twinning_conversation(pair):
    start_twinning_conversation(pair.twinning, by=pair.joana, text="Dates?")
    assert notify_new_messages() == 2
    assert len(_mails_to(pair.facilitator)) == 1
    assert len(_mails_to(pair.marta)) == 1


# --- queries --------------------------------------------------------------------------


def _conversations(pair, n):
    for _ in range(n):
        other = CityFactory()
        start_conversation(pair.torino, [other], by=pair.marta, text="Hello")
        message = start_conversation(other, [pair.torino], by=QuickUserFactory(), text="Hi")
        CityMemberFactory(city=other, user=message.author)


def test_list_has_a_constant_number_of_queries(client, pair, django_assert_max_num_queries):
    client.force_login(pair.marta)
    url = reverse("portal:conversations")
    _conversations(pair, 2)
    with django_assert_max_num_queries(22) as small:
        client.get(url)
    _conversations(pair, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["conversations"]) == 10


def test_conversation_page_has_a_constant_number_of_queries(
    client, pair, django_assert_max_num_queries
):
    conversation = _write(pair).conversation
    client.force_login(pair.joana)
    url = reverse("portal:conversation", args=[conversation.pk])
    for _ in range(2):
        write_message(conversation, by=pair.marta, text="More")
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for _ in range(10):
        write_message(conversation, by=pair.joana, text="Even more")
        message = write_message(conversation, by=pair.marta, text="Attached")
        message.attachments.create(file="messages/x.pdf", content_type="application/pdf", size=3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 23
