"""The organisers' list of conversations, from which they moderate."""

import pytest
from django.urls import reverse

from tests.factories import CityFactory, OrganiserFactory
from tests.factories.conversations import twinned_pair
from twinning.conversations.domain import start_conversation, write_message

pytestmark = pytest.mark.django_db


def test_organisers_list_every_conversation_with_its_cities_and_messages(client):
    pair = twinned_pair()
    conversation = start_conversation(
        pair.torino, [pair.evora], by=pair.marta, text="Hello"
    ).conversation
    write_message(conversation, by=pair.joana, text="Olá")
    client.force_login(OrganiserFactory())

    response = client.get(reverse("orga:conversations"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/portal/messages/{conversation.pk}/"' in html
    assert "Torino (Turin) – Évora" in html
    assert "<td>2</td>" in html


def test_the_list_is_refused_to_city_people_and_facilitators(client):
    pair = twinned_pair()
    for person in (pair.marta, pair.facilitator):
        client.force_login(person)
        assert client.get(reverse("orga:conversations")).status_code == 403


def test_the_list_reads_the_same_number_of_queries_for_more_conversations(
    client, django_assert_max_num_queries
):
    pair = twinned_pair()
    client.force_login(OrganiserFactory())

    def more(count):
        for _ in range(count):
            start_conversation(pair.torino, [CityFactory()], by=pair.marta, text="Hello")

    more(1)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("orga:conversations"))
    more(5)
    with django_assert_max_num_queries(30) as many:
        client.get(reverse("orga:conversations"))

    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_city_cannot_write_to_a_city_it_does_not_meet_in_the_programme(client):
    pair = twinned_pair()
    stranger = CityFactory(name="Nowhere")
    client.force_login(pair.marta)

    url = reverse("portal:conversation_new", args=[pair.torino.pk, stranger.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Hello"}).status_code == 403
