"""Recommended twins of a city, with the reasons drawn from the programme's data."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from twinning.cities.domain.queries import city_or_404, live_registration, represents
from twinning.cities.enums import CityKind
from twinning.cohorts.domain.queries import current_cohort
from twinning.matchmaking.domain.queries import has_recommendation_input
from twinning.matchmaking.domain.recommendations import recommendations_for


@login_required
def recommendations(request, city_pk):
    """Mission-minded cities for a Mission city, or Mission cities for a Mission-minded
    city, best fit first; for the city's representatives and the programme team."""
    city = city_or_404(city_pk)
    if not request.user.has_perm("matchmaking.view_recommendations", city):
        raise PermissionDenied
    cohort = current_cohort()
    registration = None
    if cohort is not None:
        registration = live_registration(cohort, city)
    found = recommendations_for(cohort, city) if registration else []
    is_mission = registration.kind == CityKind.MISSION if registration else city.is_mission_city
    # What the city still has to give before recommendations can be made for it.
    has_input = bool(registration) and has_recommendation_input(registration, is_mission=is_mission)
    return render(
        request,
        "portal/recommendations/list.html",
        {
            "city": city,
            "cohort": cohort,
            "registration": registration,
            "is_mission": is_mission,
            "recommendations": found,
            "has_input": has_input,
            "is_member": represents(request.user, city),
        },
    )
