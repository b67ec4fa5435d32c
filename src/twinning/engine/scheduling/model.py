"""The typed vocabulary of the meeting scheduler: what goes in, what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    """A time slot of the Matchmaking Day.

    `capacity` is the number of tables (in person) or video rooms (online)
    usable in the slot, already resolved from the instance's default;
    None means unlimited.
    """

    id: str
    start: str | None = None
    end: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class Participant:
    """A city taking part; `available` is None when it can attend every slot."""

    id: str
    available: frozenset[str] | None = None
    max_meetings: int | None = None


@dataclass(frozen=True)
class Meeting:
    """A requested one-to-one meeting; `fixed_slot` pins it to one slot or none."""

    id: str
    participants: tuple[str, str]
    priority: int = 1
    fixed_slot: str | None = None


@dataclass(frozen=True)
class ScheduleInstance:
    """Slots in time order, the participants and the meetings to place."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class ScheduledMeeting:
    meeting: str
    slot: str
    table: int


@dataclass(frozen=True)
class UnscheduledMeeting:
    meeting: str
    reason: str


@dataclass(frozen=True)
class ScheduleResult:
    """The schedule, its value, and a proven bound on any schedule's value.

    `optimal` is true exactly when `total_priority == upper_bound`.
    """

    scheduled: tuple[ScheduledMeeting, ...]
    unscheduled: tuple[UnscheduledMeeting, ...]
    total_priority: int
    upper_bound: int
    optimal: bool
    stats: dict[str, object] = field(default_factory=dict)
