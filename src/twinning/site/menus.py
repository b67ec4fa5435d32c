"""The menus of each role: grouped, counted, and never offering a page the person may not open.

Each entry names the permission its page checks, so the menu asks the same rule
as the view. The menu of the area a page belongs to is drawn under the site's
header: a city representative's portal, or the programme team's area (which a
facilitator sees with only the entries they may open).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from twinning.cities.domain.queries import cities_of
from twinning.nextsteps.domain.steps import (
    agenda_for_facilitator,
    agenda_for_representative,
    organiser_counts,
)


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    rule: str | None = None
    # View names (or their beginnings, ending with "*") that count as this entry's pages.
    owns: tuple[str, ...] = ()

    def covers(self, view_name: str) -> bool:
        if view_name == self.url_name:
            return True
        return any(
            view_name.startswith(name[:-1]) if name.endswith("*") else view_name == name
            for name in self.owns
        )


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    entries: tuple[Entry, ...]


@dataclass
class DrawnEntry:
    label: str
    url: str
    current: bool
    count: int = 0


@dataclass
class DrawnGroup:
    key: str
    label: str
    url: str
    current: bool
    count: int = 0
    entries: list[DrawnEntry] = field(default_factory=list)


ORGANISER_MENU = (
    Group(
        "overview",
        _("Overview"),
        (
            Entry(_("Start"), "orga:home", "accounts.view_orga_area"),
            Entry(_("Dashboard"), "orga:dashboard", "cohorts.view_dashboard", ("orga:dashboard*",)),
        ),
    ),
    Group(
        "setup",
        _("Set-up"),
        (
            Entry(
                _("Cohorts and their windows"),
                "orga:cohorts",
                "cohorts.manage_cohort",
                ("orga:cohort*", "orga:milestone*"),
            ),
        ),
    ),
    Group(
        "outreach",
        _("Outreach"),
        (
            Entry(_("Webinars"), "orga:webinars", "outreach.manage", ("orga:webinar*",)),
            Entry(
                _("Expressions of interest"),
                "orga:interest",
                "outreach.manage",
                ("orga:interest*",),
            ),
            Entry(_("Inbox"), "orga:inbox", "outreach.manage", ("orga:inbox*",)),
            Entry(_("Mailings"), "orga:mailings", "outreach.manage", ("orga:mailing*",)),
        ),
    ),
    Group(
        "registrations",
        _("Registrations"),
        (
            Entry(
                _("Registrations and practices"),
                "orga:registrations",
                "cities.review_registration",
                ("orga:registration*", "orga:practice_decide"),
            ),
            Entry(_("Invitations"), "orga:invitations", "cities.invite"),
        ),
    ),
    Group(
        "matchmaking",
        _("Matchmaking"),
        (
            Entry(
                _("Matchmaking Days"),
                "orga:matchmaking_days",
                "matchmaking.manage",
                ("orga:matchmaking*",),
            ),
        ),
    ),
    Group(
        "selection",
        _("Selection"),
        (
            Entry(_("Preferences"), "orga:selection_preferences", "selection.run_selection"),
            Entry(
                _("Selection runs"),
                "orga:selection_runs",
                "selection.run_selection",
                ("orga:selection_run*", "orga:selection_compare"),
            ),
            Entry(
                _("Twinnings"),
                "orga:twinnings",
                "programme.manage_twinnings",
                ("orga:twinning*",),
            ),
        ),
    ),
    Group(
        "year",
        _("Programme year"),
        (
            Entry(_("Progress"), "orga:year_progress", "visits.manage_claims"),
            Entry(
                _("Workshops"),
                "orga:year_workshops",
                "workshops.schedule",
                ("orga:year_workshop*",),
            ),
            Entry(_("Visits"), "orga:year_visits", "visits.approve_visit", ("orga:year_visit*",)),
            Entry(
                _("Cost claims"), "orga:year_claims", "visits.manage_claims", ("orga:year_claim*",)
            ),
            Entry(_("Joint plans"), "orga:plans", "plans.list_plans", ("orga:plan*",)),
            Entry(
                _("Feedback"),
                "orga:feedback_surveys",
                "feedback.manage_surveys",
                ("orga:feedback_*",),
            ),
        ),
    ),
    Group(
        "data",
        _("Data"),
        (
            Entry(_("Outbox"), "orga:outbox", "mail.view_outbox", ("orga:outbox*",)),
            Entry(
                _("Conversations between cities"),
                "orga:conversations",
                "conversations.moderate",
                ("portal:conversation*",),
            ),
            Entry(
                _("People and their data"),
                "orga:people",
                "accounts.manage_personal_data",
                ("orga:person*",),
            ),
            Entry(_("Audit trail"), "orga:audit", "accounts.view_audit_trail", ("orga:audit*",)),
            Entry(_("API keys"), "orga:api_tokens", "api.manage_tokens", ("orga:api_token*",)),
            # The Django admin: a tool of last resort for data no page edits.
            Entry(_("Administration"), "admin:index", "cohorts.manage_cohort"),
        ),
    ),
)

# What a facilitator works with: their twinnings and the workshops they run.
FACILITATOR_MENU = (
    Group(
        "overview",
        _("Start"),
        (Entry(_("Start"), "orga:home", "accounts.view_orga_area"),),
    ),
    Group(
        "twinnings",
        _("My twinnings"),
        (
            Entry(
                _("My twinnings"),
                "portal:twinnings",
                None,
                ("portal:workspace", "portal:plan*", "portal:visit", "portal:claim"),
            ),
        ),
    ),
    Group(
        "messages",
        _("Messages"),
        (Entry(_("Messages"), "portal:conversations", None, ("portal:conversation*",)),),
    ),
    Group(
        "year",
        _("Workshops"),
        (
            Entry(
                _("Workshops"),
                "orga:year_workshops",
                "workshops.schedule",
                ("orga:year_workshop*",),
            ),
        ),
    ),
)

PORTAL_MENU = (
    Group("start", _("Start"), (Entry(_("Start"), "portal:home"),)),
    Group(
        "registration",
        _("Registration"),
        (
            Entry(
                _("Registration"),
                "portal:register",
                None,
                (
                    "portal:register*",
                    "portal:registration*",
                    "portal:practice*",
                    "portal:invitation",
                ),
            ),
        ),
    ),
    Group(
        "matchmaking",
        _("Matchmaking Days"),
        (Entry(_("Matchmaking Days"), "portal:matchmaking_days", None, ("portal:matchmaking*",)),),
    ),
    Group(
        "selection",
        _("Twins and twinnings"),
        (
            Entry(
                _("Twins and twinnings"),
                "portal:selection",
                None,
                (
                    "portal:preferences*",
                    "portal:interests",
                    "portal:twinning_answer",
                    "portal:recommendations",
                ),
            ),
        ),
    ),
    Group(
        "twinnings",
        _("Programme year"),
        (
            Entry(
                _("Programme year"),
                "portal:twinnings",
                None,
                (
                    "portal:workspace",
                    "portal:workshop*",
                    "portal:visit*",
                    "portal:claim*",
                    "portal:receipt",
                    "portal:plan*",
                ),
            ),
        ),
    ),
    Group(
        "messages",
        _("Messages"),
        (Entry(_("Messages"), "portal:conversations", None, ("portal:conversation*",)),),
    ),
    Group(
        "account",
        _("Account"),
        (Entry(_("Your data and consents"), "portal:account", None, ("portal:account*",)),),
    ),
)


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_organiser or user.is_superuser or user.is_facilitator)


def is_organiser(user) -> bool:
    return user.is_authenticated and (user.is_organiser or user.is_superuser)


def represented_cities(request) -> list:
    """The cities the signed-in person represents, read once per request."""
    if not hasattr(request, "_represented_cities"):
        request._represented_cities = cities_of(request.user)
    return request._represented_cities


def _counted(request, build) -> dict:
    """The counters of the menu: those the start page has just worked out, else afresh
    (a handful of counting queries, the same whatever the amount of data)."""
    fresh = getattr(request, "next_step_counts", None)
    return fresh if fresh is not None else build()


def menu_for(request) -> list[DrawnGroup]:
    """The menu of the area the page belongs to, for the signed-in person; [] elsewhere."""
    user = request.user
    match = request.resolver_match
    if not user.is_authenticated or match is None or match.app_name not in ("portal", "orga"):
        return []
    view_name = match.view_name
    if match.app_name == "portal" and (represented_cities(request) or not is_staff(user)):
        counts = _counted(request, lambda: agenda_for_representative(user).counts())
        groups = PORTAL_MENU
    elif is_organiser(user):
        groups, counts = ORGANISER_MENU, _counted(request, organiser_counts)
    elif is_staff(user):
        counts = _counted(request, lambda: agenda_for_facilitator(user).counts())
        groups = FACILITATOR_MENU
    else:
        return []
    return _draw(groups, user, view_name, counts)


def _draw(groups, user, view_name, counts) -> list[DrawnGroup]:
    drawn = []
    for group in groups:
        entries = [e for e in group.entries if e.rule is None or user.has_perm(e.rule)]
        if not entries:
            continue
        items = [DrawnEntry(e.label, reverse(e.url_name), e.covers(view_name)) for e in entries]
        drawn.append(
            DrawnGroup(
                key=group.key,
                label=group.label,
                url=items[0].url,
                current=any(i.current for i in items),
                count=counts.get(group.key, 0),
                entries=items if len(items) > 1 else [],
            )
        )
    return drawn
