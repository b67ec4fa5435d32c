import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.factories import CityFactory, CohortFactory, MissionCityFactory
from tests.factories.selection import CityMemberFactory
from twinning.common.models import AuditEntry
from twinning.programme.domain import (
    confirm_twinning,
    propose_twinning,
    publish_twinnings,
    set_member_acceptance,
    withdraw_twinning,
)
from twinning.programme.enums import Acceptance, MemberRole, TwinningState

pytestmark = pytest.mark.django_db


def _twinning(missions=1):
    cohort = CohortFactory()
    minded = CityFactory(name="Lahti")
    mission = [MissionCityFactory(name=f"Torino {n}") for n in range(missions)]
    for city in [minded, *mission]:
        CityMemberFactory(city=city)
    return propose_twinning(cohort, minded, [(c, 1, "") for c in mission], by=None)


def _member(twinning, role=MemberRole.MISSION, index=0):
    return list(twinning.members.filter(role=role).order_by("city__name"))[index]


def test_confirming_a_proposed_twinning_asks_every_city_to_accept(
    organiser, django_capture_on_commit_callbacks
):
    twinning = _twinning()

    with django_capture_on_commit_callbacks(execute=True):
        confirm_twinning(twinning, by=organiser)

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.CONFIRMED
    assert len(mail.outbox) == 2
    assert "/portal/twinnings/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="twinning.confirmed").count() == 1


def test_a_confirmed_twinning_cannot_be_confirmed_again(organiser):
    twinning = confirm_twinning(_twinning(), by=organiser)

    with pytest.raises(ValidationError, match="cannot become"):
        confirm_twinning(twinning, by=organiser)


def test_the_twinning_is_accepted_once_every_city_has_accepted(organiser):
    twinning = confirm_twinning(_twinning(), by=organiser)

    set_member_acceptance(_member(twinning), True, by=organiser)
    twinning.refresh_from_db()
    assert twinning.state == TwinningState.CONFIRMED
    set_member_acceptance(_member(twinning, MemberRole.MISSION_MINDED), True, by=organiser)

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACCEPTED


def test_a_decline_needs_a_reason_and_is_recorded(organiser):
    twinning = confirm_twinning(_twinning(), by=organiser)
    member = _member(twinning)

    with pytest.raises(ValidationError, match="Say why"):
        set_member_acceptance(member, False, by=organiser, reason="  ")
    set_member_acceptance(member, False, by=organiser, reason="Elections in May.")

    member.refresh_from_db()
    twinning.refresh_from_db()
    assert (member.acceptance, member.decline_reason) == (Acceptance.DECLINED, "Elections in May.")
    assert twinning.state == TwinningState.DECLINED


def test_a_trio_goes_on_as_a_pair_when_one_mission_city_declines(organiser):
    twinning = confirm_twinning(_twinning(missions=2), by=organiser)

    set_member_acceptance(_member(twinning, index=0), False, by=organiser, reason="No staff.")
    set_member_acceptance(_member(twinning, index=1), True, by=organiser)
    set_member_acceptance(_member(twinning, MemberRole.MISSION_MINDED), True, by=organiser)

    twinning.refresh_from_db()
    assert twinning.state == TwinningState.ACCEPTED


def test_a_city_answers_only_once_and_only_a_confirmed_twinning(organiser):
    proposed = _twinning()
    with pytest.raises(ValidationError, match="has not confirmed this twinning yet"):
        set_member_acceptance(_member(proposed), True, by=organiser)
    twinning = confirm_twinning(proposed, by=organiser)
    set_member_acceptance(_member(twinning), True, by=organiser)

    with pytest.raises(ValidationError, match="already answered"):
        set_member_acceptance(_member(twinning), False, by=organiser, reason="Changed our mind")


def test_publishing_publishes_only_accepted_twinnings(
    organiser, django_capture_on_commit_callbacks
):
    accepted = confirm_twinning(_twinning(), by=organiser)
    for member in accepted.members.all():
        set_member_acceptance(member, True, by=organiser)
    waiting = confirm_twinning(_twinning(), by=organiser)
    waiting.cohort = accepted.cohort
    waiting.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        count = publish_twinnings(accepted.cohort, by=organiser)

    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert count == 1
    assert accepted.published_at is not None
    assert waiting.published_at is None
    assert [len(m.to) for m in mail.outbox] == [2]
    with pytest.raises(ValidationError, match="No accepted twinning"):
        publish_twinnings(accepted.cohort, by=organiser)


def test_a_withdrawn_twinning_cannot_be_withdrawn_again(organiser):
    twinning = withdraw_twinning(_twinning(), by=organiser, reason="Duplicate")

    with pytest.raises(ValidationError, match="cannot become"):
        withdraw_twinning(twinning, by=organiser)
