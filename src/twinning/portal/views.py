from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from twinning.cities.domain.queries import memberships_of, other_cohorts_taking_part
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.cohorts.enums import Audience
from twinning.nextsteps.domain.steps import agenda_for_representative


@login_required
def home(request):
    """A city representative's start page: what needs them now, what comes, their cities."""
    memberships = memberships_of(request.user)
    user = request.user
    if not memberships and (user.is_organiser or user.is_superuser or user.is_facilitator):
        # The programme team and facilitators start from their own page.
        return redirect("orga:home")
    cohort = current_cohort()
    calendar = cohort_calendar(cohort) if cohort else None
    audiences = {
        Audience.MISSION if m.city.is_mission_city else Audience.MISSION_MINDED for m in memberships
    }
    open_windows, next_windows = [], []
    if calendar:
        for audience in sorted(audiences) or [Audience.EVERYONE]:
            open_windows += [m for m in calendar.open_for(audience) if m not in open_windows]
            upcoming = calendar.next_for(audience)
            if upcoming and upcoming not in next_windows:
                next_windows.append(upcoming)
    # A city may take part in another live cohort too (one at selection while the next
    # one holds its Matchmaking Days): what is open there for it is shown as well.
    other_open = []
    others = other_cohorts_taking_part([m.city_id for m in memberships], cohort)
    for other in others if memberships else []:
        other_calendar = cohort_calendar(other)
        windows = []
        for audience in sorted(audiences):
            windows += [m for m in other_calendar.open_for(audience) if m not in windows]
        if windows:
            other_open.append((other, windows))
    agenda = agenda_for_representative(user)
    request.next_step_counts = agenda.counts()  # the menu's counters, fresh from this page
    return render(
        request,
        "portal/home.html",
        {
            "memberships": memberships,
            "agenda": agenda,
            "cohort": cohort,
            "open_windows": open_windows,
            "next_windows": next_windows,
            "other_open": other_open,
            "CityKind": CityKind,
        },
    )
