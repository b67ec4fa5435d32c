"""The public list of a cohort's published twinnings: the current cohort's by default."""

from django.shortcuts import render

from twinning.cohorts.domain.queries import current_cohort, published_cohorts
from twinning.programme.domain.queries import published_twinnings


def twinning_list(request):
    # Earlier cohorts stay reachable with ?cohort=<slug>; unpublished ones never are.
    cohorts = list(published_cohorts())
    wanted = request.GET.get("cohort", "")
    cohort = next((c for c in cohorts if c.slug == wanted), None) or current_cohort()
    return render(
        request,
        "public/twinnings/list.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "twinnings": published_twinnings(cohort) if cohort else [],
        },
    )
