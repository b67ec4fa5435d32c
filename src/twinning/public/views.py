from django.shortcuts import render

from twinning.cities.domain.queries import programme_figures
from twinning.cities.domain.registration import start_refusal
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import (
    cohort_calendar,
    current_cohort,
    partner_or_404,
    partners_of,
    published_partner_or_404,
    upcoming_webinars,
)
from twinning.common import clock
from twinning.common.files import file_response
from twinning.themes.enums import ThemeKind
from twinning.themes.models import Theme


def programme_page(request):
    """The public programme page, built from the current cohort's data."""
    cohort = current_cohort()
    calendar = cohort_calendar(cohort) if cohort else None
    themes = list(Theme.objects.all())
    return render(
        request,
        "public/programme.html",
        {
            "cohort": cohort,
            "calendar": calendar,
            "timeline": [(m, calendar.status_of(m)) for m in calendar.milestones]
            if calendar
            else [],
            "webinars": upcoming_webinars(cohort) if cohort else [],
            "figures": programme_figures(),
            "partners": partners_of(cohort) if cohort else [],
            "now_moment": clock.now(),
            "focus_themes": [t for t in themes if t.is_focus],
            "fields_of_action": [t for t in themes if t.kind == ThemeKind.FIELD_OF_ACTION],
            # Each registration is offered only while its window is open; else when it will be.
            "mission_refusal": start_refusal(cohort, CityKind.MISSION, calendar=calendar)
            if cohort
            else None,
            "mission_minded_refusal": start_refusal(
                cohort, CityKind.MISSION_MINDED, calendar=calendar
            )
            if cohort
            else None,
        },
    )


def partner_logo(request, pk):
    """The logo of a partner of a published cohort, served by the app itself; the programme
    team also sees those of a cohort it is preparing."""
    if request.user.has_perm("cohorts.manage_cohort"):
        partner = partner_or_404(pk)
    else:
        partner = published_partner_or_404(pk)
    response = file_response(partner.logo, partner.logo_type)
    if partner.cohort.is_published:
        response["Cache-Control"] = "public, max-age=3600"
    return response
