from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with comments")


class PlanKind(models.TextChoices):
    """The joint output a twinning writes; the value is the name shown on the plan."""

    REPLICATION = "Replication Plan", _("Replication Plan")
    ACTION = "Action Plan", _("Action Plan")


class SectionKind(models.TextChoices):
    """The sections of a joint plan, in the order of the Climate City Contract's own parts."""

    CONTEXT = "context", _("Context and ambition")
    PRACTICES = "practices", _("Practices to replicate")
    ACTIONS = "actions", _("Actions")
    FUNDING = "funding", _("Funding")
    RISKS = "risks", _("Risks")
    MONITORING = "monitoring", _("Monitoring and learning indicators")


# What each section asks for: the template the twinned cities fill in.
SECTION_GUIDANCE = {
    SectionKind.CONTEXT: _(
        "Where the Mission city stands today, its climate-neutrality ambition and what the "
        "twinning should change."
    ),
    SectionKind.PRACTICES: _(
        "Which of the Mission-minded city's practices will be replicated, and what must be "
        "adapted to the Mission city."
    ),
    SectionKind.ACTIONS: _(
        "The actions, each with its field of action and lever, the bodies responsible, the "
        "stakeholders, the timeline, the cost and the expected emission reduction. Add them "
        "in the table below; write here how they fit together."
    ),
    SectionKind.FUNDING: _(
        "How the actions are funded, with links to the Mission city's investment plan."
    ),
    SectionKind.RISKS: _("What could go wrong, how likely it is and how it will be handled."),
    SectionKind.MONITORING: _(
        "The indicators that show progress and what the cities learn, and who measures them."
    ),
}

# Plans in these states can be edited by the twinned cities.
EDITABLE_STATES = (PlanState.DRAFT, PlanState.RETURNED)
