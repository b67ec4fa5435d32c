"""The typed vocabulary of the meeting scheduler: what goes in, what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field

# The two pools of a hybrid day: tables at the venue, video rooms for a city online.
TABLES, ROOMS = "tables", "rooms"
POOLS = (TABLES, ROOMS)


@dataclass(frozen=True)
class Slot:
    """A time slot of the Matchmaking Day.

    `capacity` is the number of tables (in person) or video rooms (online)
    usable in the slot, already resolved from the instance's default;
    None means unlimited. At a hybrid day (two pools) `capacity` counts the
    tables and `rooms` the video rooms, None meaning unlimited likewise.
    `name`: how the reasons given to people call it (the id when None).
    """

    id: str
    start: str | None = None
    end: str | None = None
    capacity: int | None = None
    rooms: int | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Participant:
    """A city taking part; `available` is None when it can attend every slot.

    `online`: the city takes part from afar, so its meetings are in video rooms.
    `name`: how the reasons given to people call it (the id when None).
    """

    id: str
    available: frozenset[str] | None = None
    max_meetings: int | None = None
    online: bool = False
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Meeting:
    """A requested one-to-one meeting; `fixed_slot` pins it to one slot or none.

    `pool`: "tables" or "rooms" when the meeting says where it takes place; None
    lets the participants' attendance decide (see `pool_for`).
    """

    id: str
    participants: tuple[str, str]
    priority: int = 1
    fixed_slot: str | None = None
    pool: str | None = None


def pool_for(*online: bool) -> str:
    """Where a meeting takes place: in a video room as soon as one of its cities is
    online (the other joins the room from the venue), at a table otherwise."""
    return ROOMS if any(online) else TABLES


@dataclass(frozen=True)
class ScheduleInstance:
    """Slots in time order, the participants and the meetings to place."""

    slots: tuple[Slot, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]

    @property
    def two_pools(self) -> bool:
        """A hybrid day: a meeting names its pool, or a participant takes part online.

        Otherwise there is one pool per slot, its `capacity`, and `rooms` are ignored.
        """
        return any(m.pool is not None for m in self.meetings) or any(
            p.online for p in self.participants
        )

    def pools(self) -> tuple[str, ...]:
        """Each meeting's pool, in meeting order: the one it names, else the one its
        cities' attendance gives."""
        online = {p.id for p in self.participants if p.online}
        return tuple(
            m.pool if m.pool is not None else pool_for(*(p in online for p in m.participants))
            for m in self.meetings
        )


@dataclass(frozen=True)
class ScheduledMeeting:
    """A placed meeting; at a hybrid day `room` says its `table` is a video room's number."""

    meeting: str
    slot: str
    table: int
    room: bool = False


@dataclass(frozen=True)
class UnscheduledMeeting:
    """A meeting left out, with its reason as an English sentence and as facts an app
    can put in its readers' words: the `kind` of reason (see `reasons.KINDS`), the
    participant ids it names (in the sentence's order), the slot id it names, the
    participants' limits of meetings and the slot's tables when it names them."""

    meeting: str
    reason: str
    kind: str = ""
    participants: tuple[str, ...] = ()
    slot: str | None = None
    limits: tuple[int, ...] = ()
    capacity: int | None = None

    def facts(self) -> dict[str, object]:
        """The contract's keys beside `reason`, those that say something."""
        facts: dict[str, object] = {"kind": self.kind, "participants": list(self.participants)}
        if self.slot is not None:
            facts["slot"] = self.slot
        if self.limits:
            facts["limits"] = list(self.limits)
        if self.capacity is not None:
            facts["capacity"] = self.capacity
        return facts


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
