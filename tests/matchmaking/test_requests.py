import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import CityFactory, MissionCityFactory, RegistrationFactory
from tests.factories.matchmaking import ParticipationFactory
from twinning.cities.enums import CityKind
from twinning.mail.models import OutgoingMail
from twinning.matchmaking.domain.requests import (
    send_meeting_request,
    set_priority,
    set_request_state,
)
from twinning.matchmaking.models import Meeting


def _send(setting, message="Hello"):
    return send_meeting_request(
        setting.day, setting.mission, setting.minded, message=message, by=setting.mission_user
    )


def test_send_request_is_pending_and_mails_the_other_city(setting):
    request = _send(setting, "  Let us talk about heat pumps.  ")

    assert (request.state, request.message) == ("pending", "Let us talk about heat pumps.")
    (message,) = OutgoingMail.objects.all()
    assert (message.template, message.to) == ("matchmaking_request", ["joao@example.org"])
    assert message.subject == "[Twinning] Torino (Turin) asks to meet you"


def test_send_request_twice_is_refused(setting):
    _send(setting)
    with pytest.raises(ValidationError) as error:
        send_meeting_request(
            setting.day, setting.minded, setting.mission, message="", by=setting.minded_user
        )
    assert error.value.messages == ["There is already a request between your two cities."]


def test_send_request_to_a_city_of_the_same_kind_is_refused(setting):
    other = MissionCityFactory()
    RegistrationFactory(cohort=setting.day.cohort, city=other, kind=CityKind.MISSION)
    ParticipationFactory(day=setting.day, city=other, kind=CityKind.MISSION)
    with pytest.raises(ValidationError) as error:
        send_meeting_request(setting.day, setting.mission, other, message="", by=None)
    assert error.value.messages == [
        "Meetings are between a Mission city and a Mission-minded city."
    ]


def test_send_request_beyond_the_cap_is_refused(setting):
    _send(setting)
    second, third = CityFactory(), CityFactory()
    for city in (second, third):
        ParticipationFactory(day=setting.day, city=city, kind=CityKind.MISSION_MINDED)
    send_meeting_request(setting.day, setting.mission, second, message="", by=None)
    last = third
    with pytest.raises(ValidationError) as error:
        send_meeting_request(setting.day, setting.mission, last, message="", by=None)
    assert error.value.messages == ["Your city has sent the 2 requests it may send."]


def test_send_request_after_the_deadline_is_refused(setting):
    setting.day.request_deadline = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    setting.day.save()
    with pytest.raises(ValidationError) as error:
        _send(setting)
    assert error.value.messages == ["Meeting requests for Matchmaking Day closed."]


def test_accept_creates_the_meeting_and_tells_the_requesting_city(setting):
    request = _send(setting)

    request = set_request_state(request, "accepted", by=setting.minded_user)

    assert request.state == "accepted"
    assert Meeting.objects.filter(request=request).count() == 1
    assert list(
        OutgoingMail.objects.filter(template="matchmaking_request_accepted").values_list("to")
    ) == [(["marta@example.org"],)]


def test_decline_then_accept_is_refused(setting):
    request = set_request_state(_send(setting), "declined", by=setting.minded_user)
    with pytest.raises(ValidationError) as error:
        set_request_state(request, "accepted", by=setting.minded_user)
    assert error.value.messages == ["This request is already “Declined”."]
    assert Meeting.objects.count() == 0


def test_cancel_an_accepted_request_removes_its_meeting(setting):
    request = set_request_state(_send(setting), "accepted", by=setting.minded_user)
    set_request_state(request, "cancelled", by=setting.mission_user)
    assert Meeting.objects.count() == 0


def test_priority_by_both_sides_gives_priority_three(setting):
    request = set_request_state(_send(setting), "accepted", by=setting.minded_user)

    set_priority(request, setting.mission, True, by=setting.mission_user)
    request = set_priority(request, setting.minded, True, by=setting.minded_user)

    assert (request.from_priority, request.to_priority, request.priority) == (True, True, 3)


def test_priority_of_a_pending_request_is_refused(setting):
    request = _send(setting)
    with pytest.raises(ValidationError) as error:
        set_priority(request, setting.mission, True, by=setting.mission_user)
    assert error.value.messages == ["Only an accepted meeting can be marked as a priority."]
