import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MilestoneFactory, OrganiserFactory
from twinning.cohorts.domain import change_milestone_window, extend_milestone_window
from twinning.common.models import AuditEntry

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2026, 2, 2, 8, tzinfo=dt.UTC)
CLOSES = dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC)


def test_change_milestone_window_extension_keeps_the_original_close():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)
    organiser = OrganiserFactory()
    later = CLOSES + dt.timedelta(days=7)

    change_milestone_window(milestone, starts_at=OPENS, ends_at=later, by=organiser)

    milestone.refresh_from_db()
    assert milestone.ends_at == later
    assert milestone.original_ends_at == CLOSES
    assert milestone.was_extended is True
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.data["previous_ends_at"]) == (
        "milestone.window_changed",
        organiser,
        CLOSES.isoformat(),
    )


def test_change_milestone_window_second_extension_keeps_the_first_original():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)
    change_milestone_window(milestone, starts_at=OPENS, ends_at=CLOSES + dt.timedelta(days=1))

    change_milestone_window(milestone, starts_at=OPENS, ends_at=CLOSES + dt.timedelta(days=3))

    milestone.refresh_from_db()
    assert milestone.original_ends_at == CLOSES


def test_change_milestone_window_earlier_close_is_not_an_extension():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)

    change_milestone_window(milestone, starts_at=OPENS, ends_at=CLOSES - dt.timedelta(days=1))

    milestone.refresh_from_db()
    assert milestone.original_ends_at is None
    assert milestone.was_extended is False


def test_change_milestone_window_refuses_a_close_before_the_opening():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)

    with pytest.raises(ValueError, match=r"^A window must close after it opens\.$"):
        change_milestone_window(milestone, starts_at=OPENS, ends_at=OPENS)

    milestone.refresh_from_db()
    assert milestone.ends_at == CLOSES
    assert AuditEntry.objects.count() == 0


def test_extend_milestone_window_refuses_a_close_that_is_not_later():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)

    with pytest.raises(ValidationError) as refusal:
        extend_milestone_window(milestone, ends_at=CLOSES, reason="Same close.")

    assert refusal.value.message_dict == {
        "ends_at": ["An extension must close the window later than it closes now."]
    }
    milestone.refresh_from_db()
    assert (milestone.ends_at, milestone.original_ends_at) == (CLOSES, None)
    assert AuditEntry.objects.count() == 0


def test_extend_milestone_window_refuses_without_a_reason():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)

    with pytest.raises(ValidationError) as refusal:
        extend_milestone_window(milestone, ends_at=CLOSES + dt.timedelta(days=1), reason="  ")

    assert refusal.value.message_dict == {"reason": ["Say why the window is extended."]}
    assert AuditEntry.objects.count() == 0


def test_extend_milestone_window_twice_keeps_the_first_close():
    milestone = MilestoneFactory(starts_at=OPENS, ends_at=CLOSES)
    extend_milestone_window(milestone, ends_at=CLOSES + dt.timedelta(days=1), reason="One.")

    extend_milestone_window(milestone, ends_at=CLOSES + dt.timedelta(days=3), reason="Two.")

    milestone.refresh_from_db()
    assert (milestone.ends_at, milestone.original_ends_at) == (
        CLOSES + dt.timedelta(days=3),
        CLOSES,
    )
    assert list(AuditEntry.objects.order_by("id").values_list("data__reason", flat=True)) == [
        "One.",
        "Two.",
    ]
