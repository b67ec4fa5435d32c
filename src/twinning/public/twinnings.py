"""The public list of a cohort's published twinnings: the current cohort's by default."""

from django.shortcuts import render

from twinning.cohorts.domain.queries import pick_cohort, published_cohorts
from twinning.programme.domain.queries import published_twinnings


def twinning_list(request):
    # Earlier cohorts stay reachable with ?cohort=<slug>; unpublished ones never are.
    cohorts = list(published_cohorts())
    cohort = pick_cohort(request, cohorts)
    return render(
        request,
        "public/twinnings/list.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "twinnings": published_twinnings(cohort) if cohort else [],
        },
    )
