import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import validate_time_zone
from twinning.cities.enums import CityKind
from twinning.common import l10n
from twinning.common.runs import EngineRun
from twinning.matchmaking.enums import DayFormat, MeetingOutcome, RequestState


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class MatchmakingDay(models.Model):
    """A Matchmaking Day (one or several calendar days) where cities meet one to one."""

    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="matchmaking_days",
    )
    name = models.CharField(_("name"), max_length=200)
    format = models.CharField(_("format"), max_length=20, choices=DayFormat.choices)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    days = models.JSONField(
        _("days"), default=list, help_text=_("Each day with its start and end time.")
    )
    breaks = models.JSONField(_("breaks"), default=list, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length in minutes"), default=25)
    gap_minutes = models.PositiveSmallIntegerField(_("pause between slots in minutes"), default=5)
    tables = models.PositiveSmallIntegerField(
        _("tables per slot"), null=True, blank=True, help_text=_("For meetings in person.")
    )
    video_rooms = models.PositiveSmallIntegerField(
        _("video rooms per slot"), null=True, blank=True, help_text=_("For online meetings.")
    )
    video_link_base = models.URLField(
        _("video room address"),
        blank=True,
        help_text=_("The room number is added at the end, e.g. https://meet.example.org/room-"),
    )
    request_deadline = models.DateTimeField(_("meeting requests until"))
    booking_deadline = models.DateTimeField(_("registration and availability until"))
    request_cap = models.PositiveSmallIntegerField(
        _("requests per city"),
        null=True,
        blank=True,
        help_text=_("How many meeting requests one city may send; empty for no cap."),
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("meetings per city at most"),
        null=True,
        blank=True,
        help_text=_(
            "The scheduler places at most this many meetings for one city; empty for no cap."
        ),
    )
    published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Matchmaking Day")
        verbose_name_plural = _("Matchmaking Days")
        ordering = ["-created"]

    def __str__(self):
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format == DayFormat.ONLINE

    @property
    def is_hybrid(self) -> bool:
        return self.format == DayFormat.HYBRID

    @property
    def capacity(self) -> int | None:
        """Tables in person (and hybrid), video rooms online."""
        return self.video_rooms if self.is_online else self.tables

    @property
    def sessions(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """When the day takes place: each calendar day's start and end, aware, in date
        order (read from the stored days, so a list of days costs no query)."""
        zone = self.zone
        return [
            (
                dt.datetime.combine(date, dt.time.fromisoformat(d["start"]), tzinfo=zone),
                dt.datetime.combine(date, dt.time.fromisoformat(d["end"]), tzinfo=zone),
            )
            for d in sorted(self.days, key=lambda d: d["date"])
            for date in [dt.date.fromisoformat(d["date"])]
        ]

    @property
    def starts_at(self) -> dt.datetime | None:
        sessions = self.sessions
        return sessions[0][0] if sessions else None

    @property
    def ends_at(self) -> dt.datetime | None:
        sessions = self.sessions
        return sessions[-1][1] if sessions else None


class Slot(models.Model):
    day = models.ForeignKey(
        MatchmakingDay,
        verbose_name=_("Matchmaking Day"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("tables or rooms"), null=True, blank=True)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["day", "starts_at"], name="one_slot_per_start")
        ]

    def __str__(self):
        return l10n.format_date(self.starts_at, "SHORT_WEEKDAY_DATETIME_FORMAT", zone=self.day.zone)

    @property
    def engine_id(self) -> str:
        return f"s{self.pk}"


class DayParticipation(models.Model):
    """A city taking part in a Matchmaking Day: who comes and when the city is free."""

    day = models.ForeignKey(
        MatchmakingDay,
        verbose_name=_("Matchmaking Day"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="matchmaking_participations",
    )
    kind = models.CharField(_("taking part as"), max_length=20, choices=CityKind.choices)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who comes"),
        blank=True,
        related_name="matchmaking_participations",
    )
    availability = models.ManyToManyField(
        Slot, verbose_name=_("available in"), blank=True, related_name="available_participations"
    )
    online = models.BooleanField(
        _("takes part online"),
        default=False,
        help_text=_("At a hybrid day: the city's people join from afar, in video rooms."),
    )
    present = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who came"),
        blank=True,
        related_name="matchmaking_presences",
    )
    feed_token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["city__name"]
        constraints = [
            models.UniqueConstraint(fields=["day", "city"], name="one_participation_per_day")
        ]

    def __str__(self):
        return f"{self.city} – {self.day}"


class MeetingRequest(models.Model):
    day = models.ForeignKey(
        MatchmakingDay,
        verbose_name=_("Matchmaking Day"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    from_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="meeting_requests_sent",
    )
    to_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="meeting_requests_received",
    )
    message = models.TextField(_("message"), max_length=600, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.PENDING
    )
    from_priority = models.BooleanField(_("priority for the requesting city"), default=False)
    to_priority = models.BooleanField(_("priority for the requested city"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "from_city", "to_city"],
                condition=Q(state__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            )
        ]

    def __str__(self):
        return f"{self.from_city} → {self.to_city}"

    @property
    def priority(self) -> int:
        """1, plus one for each side that marked the meeting as a priority."""
        return 1 + int(self.from_priority) + int(self.to_priority)

    @property
    def engine_id(self) -> str:
        return f"r{self.pk}"

    def other_city(self, city):
        return self.to_city if city.pk == self.from_city_id else self.from_city


class Meeting(models.Model):
    """An accepted request's place in the schedule: the draft one, and the published one."""

    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="meeting",
    )
    day = models.ForeignKey(
        MatchmakingDay,
        verbose_name=_("Matchmaking Day"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("slot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    table = models.PositiveSmallIntegerField(_("table or room"), null=True, blank=True)
    # At a hybrid day a meeting of two cities online is in a video room, any other at a table.
    in_room = models.BooleanField(_("in a video room"), default=False)
    reason = models.TextField(_("why it was left out"), blank=True)
    locked = models.BooleanField(_("locked"), default=False)
    published_slot = models.ForeignKey(
        Slot,
        verbose_name=_("published slot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_meetings",
    )
    published_table = models.PositiveSmallIntegerField(null=True, blank=True)
    published_in_room = models.BooleanField(default=False)
    published = models.BooleanField(_("published"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    attended = models.BooleanField(_("held"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table", "id"]

    def __str__(self):
        return str(self.request)

    @property
    def in_video_room(self) -> bool:
        """The published place is a video room: every meeting online, at a hybrid day every
        meeting with a city taking part online."""
        return self.day.is_online or (self.day.is_hybrid and self.published_in_room)

    def video_link(self, table=None) -> str:
        table = table if table is not None else self.published_table
        if not self.day.video_link_base or not self.in_video_room or table is None:
            return ""
        return f"{self.day.video_link_base}{table}"


class MeetingReport(models.Model):
    """What one of the two cities says of a published meeting after its slot ended."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reports"
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="meeting_reports",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=MeetingOutcome.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("reported on"))

    class Meta:
        verbose_name = _("meeting report")
        verbose_name_plural = _("meeting reports")
        ordering = ["meeting_id", "city_id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "city"], name="one_report_per_meeting_city")
        ]

    def __str__(self):
        return f"{self.city} – {self.meeting}: {self.get_outcome_display()}"


class ScheduleRun(EngineRun):
    """One run of the meeting scheduler for a day: its instance and its result, kept."""

    audit_prefix = "matchmaking"

    day = models.ForeignKey(
        MatchmakingDay,
        verbose_name=_("Matchmaking Day"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    total_priority = models.PositiveIntegerField(null=True, blank=True)
    upper_bound = models.PositiveIntegerField(null=True, blank=True)

    class Meta(EngineRun.Meta):
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")

    def __str__(self):
        return f"{self.day} #{self.pk}"
