"""What waits for each person: the one place that decides what someone should do next.

The start pages list these steps, the menus count them, and reminders sent by
mail read the same functions, so that a page and a reminder never disagree. A
step is offered only when the page it leads to can take the action now; each
has a `key` naming the thing it is about, stable over time, so that a reminder
can be sent once per item.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.cities.domain.queries import memberships_of
from twinning.cities.domain.registration import (
    CLOSED_STATES,
    WINDOW_OF_KIND,
    city_refusal,
    editing_refusal,
    start_refusal,
)
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.domain.queries import CohortCalendar, current_cohort, published_cohorts
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone
from twinning.common import clock
from twinning.common.runs import RunStatus
from twinning.conversations.domain.queries import other_city_names, unread_conversations
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail
from twinning.matchmaking.domain.days import booking_refusal
from twinning.matchmaking.domain.queries import unreported_meetings
from twinning.matchmaking.domain.reports import reporting_closes_at, reporting_refusal
from twinning.matchmaking.domain.requests import request_refusal
from twinning.matchmaking.enums import RequestState
from twinning.matchmaking.models import (
    DayParticipation,
    MatchmakingDay,
    MeetingRequest,
    ScheduleRun,
)
from twinning.outreach.domain.queries import interest_waiting_for_invitation
from twinning.outreach.models import ContactMessage
from twinning.plans.enums import PlanState
from twinning.plans.models import JointPlan
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.programme.enums import AGREED_STATES, UNDER_WAY_STATES, Acceptance, TwinningState
from twinning.programme.models import Twinning, TwinningMember
from twinning.selection.models import Interest, Preference, SelectionRun
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import ExpenseClaim, Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration

# How far ahead "coming up" looks.
HORIZON = dt.timedelta(days=45)


@dataclass(frozen=True)
class Nudge:
    """A moment at which a person is reminded of a step by mail.

    `label` names the moment (and what it is counted from), so that the step's key
    and the label say which reminder was sent: each is sent once.
    """

    label: str
    at: dt.datetime


@dataclass(frozen=True)
class Step:
    """One thing a person should do: a sentence, the page where it is done, its deadline.

    `menu` names the menu entry whose counter it adds to; `count` is how many
    items the step stands for (three requests waiting are one step of count 3).
    `nudges` are the moments it is worth a reminder by mail.
    """

    key: str
    text: str
    url: str
    menu: str
    due: dt.datetime | None = None
    zone: object = None
    count: int = 1
    nudges: tuple[Nudge, ...] = ()

    def nudge_at(self, moment: dt.datetime) -> Nudge | None:
        """The latest of the step's nudges whose moment has come, None before the first.

        Only the latest counts: a reminder missed (no worker ran) is not sent late
        once a later one is due.
        """
        passed = [n for n in self.nudges if n.at <= moment]
        return max(passed, key=lambda n: n.at) if passed else None


def days_before(due: dt.datetime | None, *days: int) -> tuple[Nudge, ...]:
    """Nudges `days` days before a deadline; a moved deadline gives new ones."""
    if due is None:
        return ()
    return tuple(
        Nudge(f"{n}d-before:{due.astimezone(dt.UTC):%Y-%m-%dT%H:%M}", due - dt.timedelta(days=n))
        for n in days
    )


def days_after(start: dt.datetime | None, days: int, what: str) -> tuple[Nudge, ...]:
    """A nudge `days` days after `start` (a return, a confirmation, a request sent)."""
    if start is None:
        return ()
    return (
        Nudge(
            f"{days}d-after-{what}:{start.astimezone(dt.UTC):%Y-%m-%dT%H:%M}",
            start + dt.timedelta(days=days),
        ),
    )


# When a step is worth a reminder by mail (days before its deadline, or after it began).
NUDGE_DAYS_BEFORE_CLOSING = (7, 2)
NUDGE_DAYS_BEFORE_REQUEST_DEADLINE = 2
NUDGE_DAYS_WAITING = 3
NUDGE_DAYS_BEFORE_PLAN_DUE = 30


@dataclass(frozen=True)
class Coming:
    """Something on a person's calendar: a workshop, a visit, a Matchmaking Day."""

    text: str
    url: str
    starts_at: dt.datetime | dt.date
    zone: object = None


@dataclass
class Agenda:
    """What a person should do now, most pressing first, and what comes next."""

    steps: list[Step] = field(default_factory=list)
    coming: list[Coming] = field(default_factory=list)

    def counts(self) -> Counter:
        """How many items wait under each menu entry."""
        return counts_by_menu(self.steps)

    def sort(self) -> Agenda:
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        self.steps.sort(key=lambda s: (s.due or far, s.key))
        self.coming.sort(key=lambda c: _as_moment(c.starts_at))
        return self


def _as_moment(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


def live_cohorts(moment: dt.datetime) -> list[Cohort]:
    """Published cohorts with a window that has not closed yet, oldest first, with their
    milestones in calendar order."""
    return list(
        published_cohorts()
        .annotate(_last=Count("milestones", filter=Q(milestones__ends_at__gt=moment)))
        .filter(_last__gt=0)
        .prefetch_related(
            Prefetch(
                "milestones", queryset=Milestone.objects.order_by("starts_at", "ends_at", "id")
            )
        )
        .order_by("number")
    )


def _calendar(cohort: Cohort, moment: dt.datetime) -> CohortCalendar:
    """`cohort_calendar` from the milestones `live_cohorts` has read already."""
    return CohortCalendar(cohort=cohort, moment=moment, milestones=list(cohort.milestones.all()))


def _with_cities(queryset, path: str = "members"):
    return queryset.prefetch_related(
        Prefetch(path, queryset=TwinningMember.objects.select_related("city"))
    )


# --- City representatives -------------------------------------------------------------


def agenda_for_representative(user, *, at: dt.datetime | None = None) -> Agenda:
    """What the cities a person represents should do now, and what comes next for them."""
    moment = at or clock.now()
    cities = [m.city for m in memberships_of(user)]
    agenda = Agenda()
    if not cities:
        return agenda
    agenda.steps += _unread_messages(user, {c.pk for c in cities})
    city_ids = [c.pk for c in cities]
    cohorts = live_cohorts(moment)
    registrations = {
        (r.cohort_id, r.city_id): r
        for r in Registration.objects.filter(
            city_id__in=city_ids, cohort__in=cohorts
        ).select_related("cohort", "city")
    }
    current = current_cohort()
    # Ranking and interests are stated for the current cohort (the pages' cohort).
    ranked = set(
        Preference.objects.filter(cohort=current, mission_city_id__in=city_ids).values_list(
            "mission_city_id", flat=True
        )
    )
    ranked |= set(
        Interest.objects.filter(cohort=current, mission_minded_city_id__in=city_ids).values_list(
            "mission_minded_city_id", flat=True
        )
    )
    for cohort in cohorts:
        calendar = _calendar(cohort, moment)
        for city in cities:
            registration = registrations.get((cohort.pk, city.pk))
            if registration is not None and registration.state in CLOSED_STATES:
                continue  # withdrawn or rejected: nothing more to do in this cohort
            agenda.steps += _registration_steps(
                cohort, calendar, city, registration, is_current=cohort == current
            )
            if (
                registration is not None
                and registration.state == RegistrationState.ACCEPTED
                and cohort == current
                and city.pk not in ranked
            ):
                agenda.steps += _ranking_steps(calendar, city, registration)
    agenda.steps += _returned_practices(city_ids)
    accepted = [r for r in registrations.values() if r.state == RegistrationState.ACCEPTED]
    _matchmaking(agenda, accepted, moment)
    agenda.steps += _twinnings_to_answer(city_ids)
    _programme_year(agenda, user, city_ids, moment)
    return agenda.sort()


def _registration_steps(cohort, calendar, city, registration, *, is_current) -> list[Step]:
    kind = CityKind.MISSION if city.is_mission_city else CityKind.MISSION_MINDED
    window = calendar.window(WINDOW_OF_KIND[kind])
    due = window.ends_at if window else None
    zone = window.zone if window else None
    names = {"city": city.display_name, "cohort": cohort.name}
    if registration is None:
        # Mission-minded cities register through the invitation they receive; a Mission
        # city registers for the current cohort, the one the registration page offers,
        # when `start_registration` would accept it.
        refusal = city_refusal(city, kind) or start_refusal(cohort, kind, calendar=calendar)
        if kind == CityKind.MISSION and is_current and refusal is None:
            return [
                Step(
                    key=f"register:{cohort.pk}:{city.pk}",
                    text=_("Register %(city)s for %(cohort)s") % names,
                    url=reverse("portal:register_mission"),
                    menu="registration",
                    due=due,
                    zone=zone,
                )
            ]
        return []
    if editing_refusal(registration) is not None:
        return []
    if registration.state == RegistrationState.RETURNED:
        text = _(
            "The registration of %(city)s for %(cohort)s was returned for changes: "
            "correct it and submit it again"
        )
    else:
        text = _("Finish the registration of %(city)s for %(cohort)s and submit it")
    return [
        Step(
            key=f"registration:{registration.pk}:{registration.state}",
            text=text % names,
            url=reverse("portal:registration", args=[registration.pk]),
            menu="registration",
            due=due if registration.state == RegistrationState.DRAFT else None,
            zone=zone,
            # A registration started and not submitted is worth a reminder before it closes.
            nudges=days_before(due, *NUDGE_DAYS_BEFORE_CLOSING)
            if registration.state == RegistrationState.DRAFT
            else (),
        )
    ]


def _returned_practices(city_ids) -> list[Step]:
    practices = Practice.objects.filter(
        registration__city_id__in=city_ids,
        registration__state__in=[
            RegistrationState.DRAFT,
            RegistrationState.SUBMITTED,
            RegistrationState.RETURNED,
            RegistrationState.ACCEPTED,
        ],
        state=PracticeState.RETURNED,
    ).order_by("id")
    return [
        Step(
            key=f"practice:{practice.pk}:returned",
            text=_("The practice “%(title)s” was returned for changes: correct it and submit it")
            % {"title": practice.title},
            url=reverse("portal:practice_edit", args=[practice.pk]),
            menu="registration",
        )
        for practice in practices
    ]


def _ranking_steps(calendar, city, registration) -> list[Step]:
    """For an accepted city of the current cohort that has not ranked yet: the test of
    `preferences_refusal` and `interests_refusal`, without asking the database again."""
    if calendar.refusal(MilestoneKind.PREFERENCES):
        return []
    cohort = calendar.cohort
    window = calendar.window(MilestoneKind.PREFERENCES)
    names = {"city": city.display_name}
    if registration.kind == CityKind.MISSION:
        text = _("Rank the Mission-minded cities %(city)s would like to twin with") % names
        url = reverse("portal:preferences", args=[city.pk])
    else:
        text = _("Say which Mission cities %(city)s would like to twin with") % names
        url = reverse("portal:interests", args=[city.pk])
    return [
        Step(
            key=f"ranking:{cohort.pk}:{city.pk}",
            text=text,
            url=url,
            menu="selection",
            due=window.ends_at,
            zone=window.zone,
            nudges=days_before(window.ends_at, *NUDGE_DAYS_BEFORE_CLOSING),
        )
    ]


def _matchmaking(agenda: Agenda, accepted: list[Registration], moment) -> None:
    if not accepted:
        return
    cities_of_cohort = defaultdict(list)
    for registration in accepted:
        cities_of_cohort[registration.cohort_id].append(registration.city)
    city_ids = {r.city_id for r in accepted}
    days = (
        MatchmakingDay.objects.filter(cohort_id__in=cities_of_cohort)
        .annotate(first_slot=Min("slots__starts_at"))
        .order_by("id")
    )
    participations = {
        (p.day_id, p.city_id)
        for p in DayParticipation.objects.filter(day__in=days, city_id__in=city_ids)
    }
    waiting = Counter()
    oldest = {}
    for row in MeetingRequest.objects.filter(
        day__in=days, to_city_id__in=city_ids, state=RequestState.PENDING
    ).values("day_id", "to_city_id", "created"):
        at = (row["day_id"], row["to_city_id"])
        waiting[at] += 1
        oldest[at] = min(oldest.get(at, row["created"]), row["created"])
    reporting = [day for day in days if reporting_refusal(day, at=moment) is None]
    unreported = unreported_meetings(reporting, city_ids, at=moment) if reporting else {}
    for day in days:
        for city in cities_of_cohort[day.cohort_id]:
            url = reverse("portal:matchmaking_city", args=[day.pk, city.pk])
            names = {"city": city.display_name, "day": day.name}
            registered = (day.pk, city.pk) in participations
            if not registered and booking_refusal(day, at=moment) is None:
                agenda.steps.append(
                    Step(
                        key=f"matchmaking:{day.pk}:{city.pk}",
                        text=_("Register %(city)s for %(day)s") % names,
                        url=url,
                        menu="matchmaking",
                        due=day.booking_deadline,
                        zone=day.zone,
                    )
                )
            count = waiting[(day.pk, city.pk)]
            if registered and count and request_refusal(day, at=moment) is None:
                agenda.steps.append(
                    Step(
                        key=f"requests:{day.pk}:{city.pk}",
                        text=ngettext(
                            "%(count)d meeting request waits for the answer of %(city)s",
                            "%(count)d meeting requests wait for the answer of %(city)s",
                            count,
                        )
                        % {"count": count, **names},
                        url=url,
                        menu="matchmaking",
                        due=day.request_deadline,
                        zone=day.zone,
                        count=count,
                        nudges=days_after(oldest[(day.pk, city.pk)], NUDGE_DAYS_WAITING, "request")
                        + days_before(day.request_deadline, NUDGE_DAYS_BEFORE_REQUEST_DEADLINE),
                    )
                )
            count = unreported.get((day.pk, city.pk), 0)
            if registered and count:
                agenda.steps.append(
                    Step(
                        key=f"meeting-reports:{day.pk}:{city.pk}",
                        text=ngettext(
                            "Say which meetings of %(day)s took place: %(count)d meeting of "
                            "%(city)s to report",
                            "Say which meetings of %(day)s took place: %(count)d meetings of "
                            "%(city)s to report",
                            count,
                        )
                        % {"count": count, **names},
                        url=reverse("portal:matchmaking_agenda", args=[day.pk, city.pk])
                        + "#report-heading",
                        menu="matchmaking",
                        due=reporting_closes_at(day),
                        zone=day.zone,
                        count=count,
                    )
                )
            if registered and day.first_slot and day.first_slot > moment:
                agenda.coming.append(Coming(day.name, url, day.first_slot, day.zone))


def _twinnings_to_answer(city_ids) -> list[Step]:
    members = (
        TwinningMember.objects.filter(
            city_id__in=city_ids,
            acceptance=Acceptance.PENDING,
            twinning__state=TwinningState.CONFIRMED,
        )
        .select_related("city", "twinning__cohort")
        .prefetch_related(
            Prefetch("twinning__members", queryset=TwinningMember.objects.select_related("city"))
        )
        .order_by("id")
    )
    steps = []
    for member in members:
        twinning = member.twinning
        partners = [m.city.display_name for m in twinning.members.all() if m != member]
        deadline = twinning.answer_deadline
        steps.append(
            Step(
                key=f"twinning-answer:{member.pk}",
                text=_("Answer the proposed twinning of %(city)s with %(partners)s")
                % {"city": member.city.display_name, "partners": " – ".join(partners)},
                url=reverse("portal:twinning_answer", args=[member.pk]),
                menu="selection",
                due=deadline,
                zone=twinning.cohort.zone,
                nudges=days_after(twinning.confirmed_at, NUDGE_DAYS_WAITING, "confirmation")
                + days_before(deadline, NUDGE_DAYS_BEFORE_REQUEST_DEADLINE),
            )
        )
    return steps


def _programme_year(agenda: Agenda, user, city_ids, moment) -> None:
    twinnings = list(
        _with_cities(
            Twinning.objects.filter(state__in=UNDER_WAY_STATES, members__city_id__in=city_ids)
        )
        .select_related("cohort")
        .distinct()
        .order_by("id")
    )
    if not twinnings:
        return
    by_pk = {t.pk: t for t in twinnings}
    cohort_twinning = {t.cohort_id: t for t in twinnings}
    workshops = Workshop.objects.filter(
        Q(twinning__in=twinnings) | Q(twinning__isnull=True, cohort_id__in=cohort_twinning),
        starts_at__gt=moment,
        starts_at__lte=moment + HORIZON,
    ).order_by("starts_at")
    for workshop in workshops:
        twinning = by_pk.get(workshop.twinning_id) or cohort_twinning[workshop.cohort_id]
        agenda.coming.append(
            Coming(
                _("Workshop: %(title)s") % {"title": workshop.title},
                reverse("portal:workspace", args=[twinning.pk]) + f"#workshop-{workshop.pk}",
                workshop.starts_at,
                workshop.zone,
            )
        )
    visits = Visit.objects.filter(
        twinning__in=twinnings,
        state__in=[VisitState.PLANNED, VisitState.SUBMITTED, VisitState.APPROVED],
        ends_on__gte=timezone.localtime(moment).date(),
        starts_on__lte=timezone.localtime(moment + HORIZON).date(),
    ).select_related("host")
    for visit in visits:
        agenda.coming.append(
            Coming(
                _("Visit to %(city)s") % {"city": visit.host.display_name},
                reverse("portal:visit", args=[visit.twinning_id, visit.pk]),
                visit.starts_on,
            )
        )
    for claim in ExpenseClaim.objects.filter(
        traveller=user, state=ClaimState.RETURNED, visit__twinning__in=twinnings
    ).select_related("visit"):
        agenda.steps.append(
            Step(
                key=f"claim:{claim.pk}:returned",
                text=_("Your claim “%(what)s” was returned: correct it and send it again")
                % {"what": claim.description},
                url=reverse("portal:claim", args=[claim.visit.twinning_id, claim.pk]),
                menu="twinnings",
                nudges=days_after(claim.state_changed_at, NUDGE_DAYS_WAITING, "return"),
            )
        )
    plans = list(
        JointPlan.objects.filter(
            twinning__in=twinnings, state__in=[PlanState.DRAFT, PlanState.RETURNED]
        ).annotate(empty=Count("sections", filter=Q(sections__text="")))
    )
    # The plan is due when the programme window of its cohort closes.
    plan_due = (
        dict(
            Milestone.objects.filter(cohort_id__in=cohort_twinning, kind=MilestoneKind.PROGRAMME)
            .values("cohort_id")
            .annotate(last=Max("ends_at"))
            .values_list("cohort_id", "last")
            .order_by("cohort_id")
        )
        if plans
        else {}
    )
    for plan in plans:
        twinning = by_pk[plan.twinning_id]
        url = reverse("portal:plan", args=[twinning.pk])
        if plan.state == PlanState.RETURNED:
            agenda.steps.append(
                Step(
                    key=f"plan:{plan.pk}:returned",
                    text=_(
                        "The joint plan of %(twinning)s was returned with comments: "
                        "revise it and submit it again"
                    )
                    % {"twinning": twinning},
                    url=url,
                    menu="twinnings",
                )
            )
        elif plan.empty:
            agenda.steps.append(
                Step(
                    key=f"plan:{plan.pk}:empty",
                    text=ngettext(
                        "%(count)d section of the joint plan of %(twinning)s is still empty",
                        "%(count)d sections of the joint plan of %(twinning)s are still empty",
                        plan.empty,
                    )
                    % {"count": plan.empty, "twinning": twinning},
                    url=url,
                    menu="twinnings",
                    due=plan_due.get(twinning.cohort_id),
                    zone=twinning.cohort.zone,
                    count=plan.empty,
                    nudges=days_before(
                        plan_due.get(twinning.cohort_id), NUDGE_DAYS_BEFORE_PLAN_DUE
                    ),
                )
            )


def _unread_messages(user, own_city_ids) -> list[Step]:
    """One step per conversation with messages the person has not read."""
    return [
        Step(
            key=f"messages:{conversation.pk}",
            text=ngettext(
                "%(count)d new message from %(cities)s",
                "%(count)d new messages from %(cities)s",
                conversation.unread,
            )
            % {
                "count": conversation.unread,
                "cities": other_city_names(conversation, own_city_ids),
            },
            url=reverse("portal:conversation", args=[conversation.pk]),
            menu="messages",
            count=conversation.unread,
        )
        for conversation in unread_conversations(user)
    ]


# --- Facilitators ---------------------------------------------------------------------


def agenda_for_facilitator(user, *, at: dt.datetime | None = None) -> Agenda:
    """What a facilitator should do: attendance to record, plans to read, workshops to set."""
    moment = at or clock.now()
    agenda = Agenda()
    agenda.steps += _unread_messages(user, set())
    twinnings = list(
        _with_cities(Twinning.objects.filter(facilitator=user, state__in=UNDER_WAY_STATES))
        .annotate(own_workshops=Count("workshops"))
        .order_by("id")
    )
    mine = Q(twinning__facilitator=user) | Q(twinning__isnull=True, created_by=user)
    unrecorded = WorkshopRegistration.objects.filter(
        workshop=OuterRef("pk"), attendance=Attendance.UNKNOWN
    )
    for workshop in (
        Workshop.objects.filter(mine, starts_at__lte=moment)
        .filter(Exists(unrecorded))
        .order_by("starts_at")
    ):
        agenda.steps.append(
            Step(
                key=f"attendance:{workshop.pk}",
                text=_("Record who attended “%(title)s”") % {"title": workshop.title},
                url=reverse("orga:year_workshop", args=[workshop.pk]),
                menu="year",
            )
        )
    for workshop in Workshop.objects.filter(
        mine, starts_at__gt=moment, starts_at__lte=moment + HORIZON
    ).order_by("starts_at"):
        agenda.coming.append(
            Coming(
                _("Workshop: %(title)s") % {"title": workshop.title},
                reverse("orga:year_workshop", args=[workshop.pk]),
                workshop.starts_at,
                workshop.zone,
            )
        )
    for twinning in twinnings:
        if not twinning.own_workshops:
            agenda.steps.append(
                Step(
                    key=f"first-workshop:{twinning.pk}",
                    text=_("Schedule the first workshop of %(twinning)s") % {"twinning": twinning},
                    url=reverse("orga:year_workshop_new") + f"?twinning={twinning.pk}",
                    menu="year",
                )
            )
    for plan in JointPlan.objects.filter(
        twinning__facilitator=user, state=PlanState.SUBMITTED
    ).select_related("twinning"):
        twinning = next((t for t in twinnings if t.pk == plan.twinning_id), plan.twinning)
        agenda.steps.append(
            Step(
                key=f"plan:{plan.pk}:submitted",
                text=_("Read the joint plan of %(twinning)s and comment on it")
                % {"twinning": twinning},
                url=reverse("portal:plan", args=[plan.twinning_id]),
                menu="twinnings",
            )
        )
    return agenda.sort()


def facilitated_twinnings(user) -> list[Twinning]:
    """The twinnings the person guides whose cities agreed, with their cities."""
    return list(
        _with_cities(Twinning.objects.filter(facilitator=user, state__in=AGREED_STATES))
        .select_related("cohort")
        .order_by("-cohort__number", "id")
    )


# --- Organisers -----------------------------------------------------------------------


def queues_for_organisers(*, at: dt.datetime | None = None) -> list[Step]:
    """Everything that waits for a decision of the programme team, each with its count."""
    moment = at or clock.now()
    steps: list[Step] = []
    cohorts = {c.pk: c for c in published_cohorts()}

    def per_cohort(rows, key, text, url_name, menu, **query):
        for cohort_id, n in rows:
            cohort = cohorts.get(cohort_id)
            if cohort is None or not n:
                continue
            params = "&".join(f"{k}={v}" for k, v in {"cohort": cohort.slug, **query}.items())
            steps.append(
                Step(
                    key=f"{key}:{cohort.pk}",
                    text=text(n) % {"count": n, "cohort": cohort.name},
                    url=f"{reverse(url_name)}?{params}",
                    menu=menu,
                    count=n,
                )
            )

    per_cohort(
        Registration.objects.filter(state=RegistrationState.SUBMITTED)
        .values("cohort_id")
        .annotate(n=Count("id"))
        .values_list("cohort_id", "n")
        .order_by("cohort_id"),
        "review-registrations",
        lambda n: ngettext(
            "%(count)d registration to review in %(cohort)s",
            "%(count)d registrations to review in %(cohort)s",
            n,
        ),
        "orga:registrations",
        "registrations",
        state=RegistrationState.SUBMITTED,
    )
    per_cohort(
        Practice.objects.filter(state=PracticeState.SUBMITTED)
        .values("registration__cohort_id")
        .annotate(n=Count("id"))
        .values_list("registration__cohort_id", "n")
        .order_by("registration__cohort_id"),
        "review-practices",
        lambda n: ngettext(
            "%(count)d practice to review in %(cohort)s",
            "%(count)d practices to review in %(cohort)s",
            n,
        ),
        "orga:registrations",
        "registrations",
        practices="submitted",
    )

    def total(key, count, text, url, menu):
        if count:
            steps.append(
                Step(key=key, text=text % {"count": count}, url=url, menu=menu, count=count)
            )

    total(
        "interest",
        interest_waiting_for_invitation().count(),
        _("Mission-minded cities that expressed interest, not invited yet: %(count)d"),
        f"{reverse('orga:interest')}?kind={CityKind.MISSION_MINDED}&invited=no",
        "outreach",
    )
    total(
        "inbox",
        ContactMessage.objects.filter(handled_at__isnull=True).count(),
        _("Messages to answer: %(count)d"),
        reverse("orga:inbox"),
        "outreach",
    )
    for run in (
        ScheduleRun.objects.filter(status=RunStatus.DONE, day__published_at__isnull=True)
        .filter(day__slots__starts_at__gt=moment)
        .select_related("day")
        .distinct()
        .order_by("day_id", "-id")
    ):
        if any(s.key == f"publish:{run.day_id}" for s in steps):
            continue
        steps.append(
            Step(
                key=f"publish:{run.day_id}",
                text=_("The schedule of %(day)s is computed: check it and publish it")
                % {"day": run.day.name},
                url=reverse("orga:matchmaking_run", args=[run.pk]),
                menu="matchmaking",
            )
        )
    confirmed = set(
        SelectionRun.objects.filter(confirmed_at__isnull=False).values_list("cohort_id", flat=True)
    )
    for run in (
        SelectionRun.objects.filter(status=RunStatus.DONE, cohort_id__in=cohorts)
        .exclude(cohort_id__in=confirmed)
        .order_by("cohort_id", "-id")
    ):
        cohort = cohorts[run.cohort_id]
        if any(s.key == f"confirm:{cohort.pk}" for s in steps):
            continue
        steps.append(
            Step(
                key=f"confirm:{cohort.pk}",
                text=_("Compare the selection runs of %(cohort)s and confirm one")
                % {"cohort": cohort.name},
                url=f"{reverse('orga:selection_runs')}?cohort={cohort.slug}",
                menu="selection",
            )
        )
    # Declined twinnings to replace, and confirmed ones past their answer deadline: one
    # read of the twinnings waiting on a city, counted here.
    selection_open = Milestone.objects.filter(
        cohort=OuterRef("cohort"), kind=MilestoneKind.SELECTION, ends_at__gt=moment
    )
    declined, late = 0, Counter()
    for state, cohort_id, confirmed_at, days, replaceable in (
        Twinning.objects.filter(
            state__in=[TwinningState.DECLINED, TwinningState.CONFIRMED], cohort_id__in=cohorts
        )
        .annotate(replaceable=Exists(selection_open))
        .values_list("state", "cohort_id", "confirmed_at", "cohort__answer_days", "replaceable")
    ):
        if state == TwinningState.DECLINED:
            # While the selection window is open, a declined twinning can still be replaced.
            declined += replaceable
        elif confirmed_at is not None and confirmed_at + dt.timedelta(days=days) <= moment:
            late[cohort_id] += 1
    total(
        "twinnings-declined",
        declined,
        _("Declined twinnings to replace: %(count)d"),
        reverse("orga:twinnings"),
        "selection",
    )
    per_cohort(
        sorted(late.items()),
        "twinnings-late",
        lambda n: ngettext(
            "%(count)d twinning of %(cohort)s not answered by its deadline",
            "%(count)d twinnings of %(cohort)s not answered by their deadline",
            n,
        ),
        "orga:twinnings",
        "selection",
    )
    total(
        "visits",
        Visit.objects.filter(state=VisitState.SUBMITTED).count(),
        _("Visits to approve: %(count)d"),
        reverse("orga:year_visits"),
        "year",
    )
    total(
        "claims",
        ExpenseClaim.objects.filter(state=ClaimState.SUBMITTED).count(),
        _("Cost claims to check: %(count)d"),
        reverse("orga:year_claims"),
        "year",
    )
    total(
        "plans",
        JointPlan.objects.filter(state=PlanState.SUBMITTED).count(),
        _("Joint plans to approve: %(count)d"),
        f"{reverse('orga:plans')}?state={PlanState.SUBMITTED}",
        "year",
    )
    total(
        "mail-failed",
        OutgoingMail.objects.filter(status=MailStatus.FAILED).count(),
        _("Mails that could not be sent: %(count)d"),
        f"{reverse('orga:outbox')}?status={MailStatus.FAILED}",
        "data",
    )
    return steps


def counts_by_menu(steps) -> Counter:
    """How many items the steps stand for under each menu entry."""
    counter = Counter()
    for step in steps:
        counter[step.menu] += step.count
    return counter


def organiser_counts(*, at: dt.datetime | None = None) -> Counter:
    return counts_by_menu(queues_for_organisers(at=at))
