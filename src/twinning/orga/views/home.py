from django.shortcuts import render

from twinning.cities.domain.queries import registration_counts
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.common.permissions import requires
from twinning.nextsteps.domain.steps import (
    agenda_for_facilitator,
    counts_by_menu,
    facilitated_twinnings,
    queues_for_organisers,
)


@requires("accounts.view_orga_area")
def home(request):
    """The programme team's start page: what waits for a decision, the current cohort's
    calendar and registrations. A facilitator has a start page of their own."""
    user = request.user
    if not (user.is_organiser or user.is_superuser):
        agenda = agenda_for_facilitator(user)
        request.next_step_counts = agenda.counts()  # the menu's counters, fresh from this page
        return render(
            request,
            "orga/facilitator_home.html",
            {"agenda": agenda, "twinnings": facilitated_twinnings(user)},
        )
    queues = queues_for_organisers()
    request.next_step_counts = counts_by_menu(queues)  # the menu's counters, fresh from here
    cohort = current_cohort()
    calendar = cohort_calendar(cohort) if cohort else None
    registrations = registration_counts(cohort) if cohort else []
    return render(
        request,
        "orga/home.html",
        {
            "cohort": cohort,
            "queues": queues,
            "timeline": [(m, calendar.status_of(m)) for m in calendar.milestones]
            if calendar
            else [],
            "registrations": [
                {
                    "kind": CityKind(row["kind"]).label,
                    "state": RegistrationState(row["state"]).label,
                    "count": row["count"],
                }
                for row in registrations
            ],
        },
    )
