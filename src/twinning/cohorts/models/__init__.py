from twinning.cohorts.models.cohort import Cohort, Milestone
from twinning.cohorts.models.partner import Partner
from twinning.cohorts.models.webinar import Webinar

__all__ = ["Cohort", "Milestone", "Partner", "Webinar"]
