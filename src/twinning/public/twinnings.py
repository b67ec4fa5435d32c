"""The public list of a cohort's published twinnings: the current cohort's by default."""

from django.shortcuts import render

from twinning.cities.countries import country_name
from twinning.cohorts.domain.queries import pick_cohort, published_cohorts
from twinning.common.maps import city_map
from twinning.programme.domain.queries import published_twinnings
from twinning.programme.enums import Acceptance, MemberRole


def _twinnings_map(twinnings):
    """The twinned cities on the map of Europe, a line from each Mission city to its
    Mission-minded city, from the members already loaded with the twinnings."""
    cities, kinds, links = {}, {}, []
    for twinning in twinnings:
        members = [m for m in twinning.members.all() if m.acceptance != Acceptance.DECLINED]
        for member in members:
            cities[member.city_id] = member.city
            kinds[member.city_id] = member.role
        links += [
            (mission.city_id, minded.city_id)
            for minded in members
            if minded.role == MemberRole.MISSION_MINDED
            for mission in members
            if mission.role == MemberRole.MISSION
        ]
    return city_map(
        sorted(cities.values(), key=lambda city: city.display_name),
        kind_of=lambda city: kinds[city.pk],
        country_name_of=country_name,
        links=links,
    )


def twinning_list(request):
    # Earlier cohorts stay reachable with ?cohort=<slug>; unpublished ones never are.
    cohorts = list(published_cohorts())
    cohort = pick_cohort(request, cohorts)
    twinnings = published_twinnings(cohort) if cohort else []
    return render(
        request,
        "public/twinnings/list.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "twinnings": twinnings,
            "map": _twinnings_map(twinnings) if twinnings else None,
        },
    )
