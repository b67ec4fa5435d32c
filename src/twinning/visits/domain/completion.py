"""A twinning is completed once its cohort's number of city visits are done."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.programme.domain.lifecycle import completion_condition
from twinning.visits.enums import VisitState
from twinning.visits.models import Visit


@completion_condition("visits_done")
def visits_missing(twinning) -> str | None:
    due = twinning.cohort.visits_per_twinning
    done = Visit.objects.filter(twinning=twinning, state=VisitState.DONE).count()
    if done >= due:
        return None
    if not done:
        return _("No city visit is done yet.")
    return ngettext(
        "%(done)s of %(due)s city visit is done.", "%(done)s of %(due)s city visits are done.", due
    ) % {"done": done, "due": due}
