"""Demo joint plans for cohort 5: Torino and Évora write theirs, another one is submitted.

A colleague from Torino writes the Funding section and answers the facilitator, then
leaves and has her account deleted: the plan shows what a former member wrote.
Loading is idempotent: a plan that already has saved text is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from twinning.accounts.domain.personal_data import delete_personal_data
from twinning.accounts.models import User
from twinning.cities.enums import MembershipRole
from twinning.cities.models import Membership
from twinning.plans.domain import (
    add_comment,
    plan_for,
    save_action,
    save_section,
    set_plan_state,
    set_practices,
)
from twinning.plans.domain.queries import practices_to_choose
from twinning.plans.enums import PlanState, SectionKind
from twinning.plans.models import JointPlan, PlanAction, PlanSection
from twinning.programme.enums import AGREED_STATES
from twinning.programme.models import Twinning
from twinning.themes.models import Theme

# (section, author: "mission" or "minded", text); a section written twice has two versions.
TORINO_EVORA_TEXTS = [
    (
        SectionKind.CONTEXT,
        "mission",
        "Torino committed to climate neutrality by 2030 in its Climate City Contract. "
        "Its historic centre holds a fifth of the city's buildings, where heritage rules "
        "have kept solar panels off the roofs.",
    ),
    (
        SectionKind.CONTEXT,
        "minded",
        "Torino committed to climate neutrality by 2030 in its Climate City Contract. "
        "Its historic centre holds a fifth of the city's buildings, where heritage rules "
        "have kept solar panels off the roofs.\n\n"
        "Évora, a UNESCO World Heritage city, agreed with its heritage authority on "
        "panels that cannot be seen from the street. The twinning's ambition: the same "
        "agreement in Torino, and 5 MW of solar in the centre by 2030.",
    ),
    (
        SectionKind.PRACTICES,
        "minded",
        "Évora's heritage-friendly solar roofs: a visual impact guide agreed with the "
        "heritage authority, and a one-stop shop that checks projects before they are filed.",
    ),
    (
        SectionKind.ACTIONS,
        "mission",
        "The first action adapts Évora's guide; the second fills the first roofs, starting "
        "with public buildings, so that owners can see results before they invest.",
    ),
]

FACILITATOR_COMMENT = (
    "Please give the baseline year and the emissions of the historic centre, so that the "
    "reduction can be checked against the Climate City Contract."
)


# Torino's energy officer, who writes part of the plan and then leaves the programme.
FORMER_MEMBER = ("giulia.ferrero@demo.twinning.eu", "Giulia Ferrero")
FORMER_MEMBER_FUNDING = (
    "The solar roofs on public buildings are financed by a loan of the European Investment "
    "Bank and by the city's green bonds; the heritage guide by the city's own budget."
)
FORMER_MEMBER_REPLY = "The baseline is 2019, as in the Climate City Contract; I add the figures."


def _person(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _torino_evora(cohort_number: int = 5) -> Twinning | None:
    return (
        Twinning.objects.filter(
            cohort__number=cohort_number,
            state__in=AGREED_STATES,
            members__city__name="Torino",
        )
        .filter(members__city__name="Évora")
        .first()
    )


@transaction.atomic
def load_demo_plans() -> list[JointPlan]:
    """Give Torino–Évora a draft plan with versions and a comment, and submit another plan."""
    plans = []
    twinning = _torino_evora()
    if twinning is not None:
        plans.append(_write_torino_evora(twinning))
    other = (
        Twinning.objects.filter(cohort__number=5, state__in=AGREED_STATES)
        .exclude(pk=getattr(twinning, "pk", None))
        .order_by("pk")
        .first()
    )
    if other is not None:
        plan = plan_for(other)
        if plan.state == PlanState.DRAFT and not plan.sections.filter(version__gt=0).exists():
            section = plan.sections.get(kind=SectionKind.CONTEXT)
            save_section(
                section,
                "The Mission city wants to replicate its twin's district energy community.",
                base_version=section.version,
                by=None,
            )
            plan = set_plan_state(plan, PlanState.SUBMITTED, by=None)
        plans.append(plan)
    return plans


def _write_torino_evora(twinning: Twinning) -> JointPlan:
    marta = _person("mission-city@demo.twinning.eu")
    miguel = _person("mission-minded@demo.twinning.eu")
    facilitator = _person("facilitator@demo.twinning.eu")
    if twinning.facilitator_id is None and facilitator is not None:
        Twinning.objects.filter(pk=twinning.pk).update(facilitator=facilitator)
        twinning.facilitator = facilitator
    plan = plan_for(twinning)
    if plan.sections.filter(version__gt=0).exists():
        return plan
    authors = {"mission": marta, "minded": miguel}
    for kind, author, text in TORINO_EVORA_TEXTS:
        section = PlanSection.objects.select_related("plan").get(plan=plan, kind=kind)
        save_section(section, text, base_version=section.version, by=authors[author])
    practices = list(practices_to_choose(plan)[:2])
    if practices:
        set_practices(plan, practices, by=miguel)
    field = Theme.objects.filter(code="energy-systems").first()
    lever = Theme.objects.filter(code="governance-policy").first()
    finance = Theme.objects.filter(code="finance-funding").first()
    if field and lever and finance:
        for title, theme, bodies, start, end, cost, reduction in [
            ("Heritage solar guide for the historic centre", lever,
             "Urban planning department; Soprintendenza", dt.date(2026, 11, 1),
             dt.date(2027, 6, 30), 80_000, None),
            ("Solar roofs on public buildings in the centre", finance,
             "Energy department; Iren", dt.date(2027, 3, 1), dt.date(2029, 12, 31),
             2_400_000, "1450.0"),
        ]:  # fmt: skip
            save_action(
                plan,
                PlanAction(
                    plan=plan,
                    title=title,
                    field_of_action=field,
                    lever=theme,
                    responsible_bodies=bodies,
                    stakeholders="Residents' associations; building owners",
                    starts_on=start,
                    ends_on=end,
                    cost_eur=cost,
                    emission_reduction=reduction,
                ),
                by=marta,
            )
    if facilitator is not None:
        comment = add_comment(
            plan.sections.get(kind=SectionKind.CONTEXT), FACILITATOR_COMMENT, by=facilitator
        )
        _write_as_former_member(plan, comment)
    return plan


def _write_as_former_member(plan: JointPlan, comment) -> None:
    """Torino's energy officer writes the Funding section and replies to the facilitator;
    then she leaves, and the organiser deletes her account at her request."""
    organiser = _person("organiser@demo.twinning.eu")
    torino = next((m.city for m in plan.twinning.members.all() if m.city.name == "Torino"), None)
    if organiser is None or torino is None:
        return
    email, name = FORMER_MEMBER
    giulia = User.objects.create_user(email=email, name=name, time_zone="Europe/Rome")
    Membership.objects.create(user=giulia, city=torino, role=MembershipRole.MEMBER)
    funding = PlanSection.objects.select_related("plan").get(plan=plan, kind=SectionKind.FUNDING)
    save_section(funding, FORMER_MEMBER_FUNDING, base_version=funding.version, by=giulia)
    add_comment(comment.section, FORMER_MEMBER_REPLY, by=giulia, reply_to=comment)
    delete_personal_data(giulia, by=organiser, reason="She left Torino's energy office.")


__all__ = ["load_demo_plans"]
