"""The public list of the current cohort's published twinnings."""

from django.shortcuts import render

from twinning.cohorts.domain.queries import current_cohort
from twinning.programme.domain.queries import published_twinnings


def twinning_list(request):
    cohort = current_cohort()
    return render(
        request,
        "public/twinnings/list.html",
        {"cohort": cohort, "twinnings": published_twinnings(cohort) if cohort else []},
    )
