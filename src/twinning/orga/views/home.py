from django.shortcuts import render

from twinning.cities.domain.queries import registration_counts
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cohorts.domain.queries import cohort_calendar, current_cohort
from twinning.common.permissions import requires


@requires("accounts.view_orga_area")
def home(request):
    """The programme team's start page: the current cohort's calendar and registrations."""
    cohort = current_cohort()
    calendar = cohort_calendar(cohort) if cohort else None
    registrations = registration_counts(cohort) if cohort else []
    return render(
        request,
        "orga/home.html",
        {
            "cohort": cohort,
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
