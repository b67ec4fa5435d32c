"""Writing and deciding joint plans.

Every change goes through one function here that checks it, saves, records it
in the audit trail and, for the plan's state, mails the people concerned.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinning.cities.domain.queries import member_emails
from twinning.common import clock
from twinning.common.audit import record_action, signed_in
from twinning.common.people import display_name
from twinning.common.ranges import check_date_in_range
from twinning.common.wording import in_sentence
from twinning.mail.domain import queue_mail
from twinning.plans.domain.merge import merge_texts
from twinning.plans.enums import EDITABLE_STATES, PlanKind, PlanState, SectionKind
from twinning.plans.models import (
    SECTION_ORDER,
    JointPlan,
    PlanAction,
    PlanComment,
    PlanSection,
    PlanSectionVersion,
)
from twinning.programme.domain.lifecycle import complete_if_done
from twinning.programme.enums import AGREED_STATES
from twinning.programme.models import Twinning

P = PlanState

# Who may ask for which change of state.
MEMBER_TRANSITIONS = {P.DRAFT: {P.SUBMITTED}, P.RETURNED: {P.SUBMITTED}}
ORGANISER_TRANSITIONS = {P.SUBMITTED: {P.APPROVED, P.RETURNED}}
# A twinning writes its plan once the cities have accepted it.


@dataclass(frozen=True)
class Saved:
    section: PlanSection
    version: PlanSectionVersion


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the section since the text was opened: nothing was overwritten."""

    section: PlanSection  # as it is now, with the other person's text
    base_text: str
    mine: str
    my_links: str
    merged: str | None  # both edits together when they touched different paragraphs

    @property
    def theirs(self) -> str:
        return self.section.text


@dataclass(frozen=True)
class ActionField:
    """One field of an action, as it is saved now and as the person typed it."""

    field: str
    label: str
    theirs: object
    mine: object

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


@dataclass(frozen=True)
class ActionConflict:
    """Someone else changed or deleted the action since it was opened: nothing was overwritten."""

    current: PlanAction | None  # as it is now, with the other person's change; None once deleted
    mine: PlanAction  # as the person typed it, not saved

    @property
    def rows(self) -> list[ActionField]:
        return [
            ActionField(
                field=field.name,
                label=str(field.verbose_name),
                theirs=getattr(self.current, field.name) if self.current else None,
                mine=getattr(self.mine, field.name),
            )
            for field in _action_fields()
        ]

    @property
    def differences(self) -> list[ActionField]:
        return [row for row in self.rows if row.differs]


def _action_fields() -> list:
    """The fields of an action that a person writes."""
    return [
        field
        for field in PlanAction._meta.concrete_fields
        if field.name not in ("id", "plan", "created", "version")
    ]


def _refuse_unless_editable(plan: JointPlan) -> None:
    if plan.state not in EDITABLE_STATES:
        raise ValidationError(
            _("This plan is %(state)s: it cannot be changed now.")
            % {"state": in_sentence(P(plan.state).label)}
        )


def _hold_editable(plan: JointPlan) -> None:
    """Hold the plan's row until the transaction ends, and refuse unless it may change.

    A submission then cannot slip in between this check and the write that follows.
    """
    locked = JointPlan.objects.select_for_update().only("state").get(pk=plan.pk)
    _refuse_unless_editable(locked)


@transaction.atomic
def create_plan(twinning) -> JointPlan:
    """The twinning's plan, started from the template the first time it is asked for."""
    if twinning.state not in AGREED_STATES:
        raise ValidationError(_("A twinning writes its plan once its cities have accepted it."))
    plan, created = JointPlan.objects.get_or_create(
        twinning=twinning, defaults={"kind_name": twinning.joint_output_kind}
    )
    if created:
        PlanSection.objects.bulk_create(
            PlanSection(plan=plan, kind=kind, position=SECTION_ORDER[kind])
            for kind in SectionKind.values
        )
        record_action("plan.created", plan, kind=plan.kind_name)
    return plan


def plan_for(twinning) -> JointPlan:
    """The twinning's plan, created on first use; two first visits at once get the same."""
    existing = JointPlan.objects.filter(twinning=twinning).first()
    if existing is not None:
        return existing
    try:
        return create_plan(twinning)
    except IntegrityError:
        return JointPlan.objects.get(twinning=twinning)


def save_section(
    section: PlanSection, text: str, *, base_version: int, by, links: str | None = None
) -> Saved | Conflict:
    """Save a new text of the section if nobody saved since `base_version`.

    The check and the write are one conditional UPDATE, so of two saves based on
    the same version exactly one wins; the other gets a Conflict with both texts.
    """
    plan = section.plan
    _refuse_unless_editable(plan)
    text = text.replace("\r\n", "\n").strip()
    changes = {"text": text}
    if links is not None:
        changes["links"] = links.replace("\r\n", "\n").strip()
    with transaction.atomic():
        # The version is checked by the UPDATE itself.
        _hold_editable(plan)
        updated = PlanSection.objects.filter(pk=section.pk, version=base_version).update(
            **changes,
            version=F("version") + 1,
            updated_at=clock.now(),
            updated_by=signed_in(by),
        )
        if updated:
            links = PlanSection.objects.values_list("links", flat=True).get(pk=section.pk)
            version = PlanSectionVersion.objects.create(
                section=section, number=base_version + 1, text=text, links=links, author=by
            )
            record_action(
                "plan.section_saved", plan, by=by, section=section.kind, version=version.number
            )
    if not updated:
        current = PlanSection.objects.select_related("plan", "updated_by").get(pk=section.pk)
        base = PlanSectionVersion.objects.filter(section=section, number=base_version).first()
        base_text = base.text if base else ""
        return Conflict(
            section=current,
            base_text=base_text,
            mine=text,
            my_links=changes.get("links", current.links),
            merged=merge_texts(base_text, text, current.text),
        )
    section.refresh_from_db()
    return Saved(section=section, version=version)


def restore_version(section: PlanSection, number: int, *, by) -> Saved | Conflict:
    """Make an earlier text the current one again; the restore is a new version."""
    old = PlanSectionVersion.objects.filter(section=section, number=number).first()
    if old is None:
        raise ValidationError(_("This version does not exist."))
    result = save_section(section, old.text, base_version=section.version, by=by, links=old.links)
    if isinstance(result, Saved):
        PlanSectionVersion.objects.filter(pk=result.version.pk).update(restored_from=number)
        result.version.restored_from = number
        record_action(
            "plan.section_restored", section.plan, by=by, section=section.kind, version=number
        )
    return result


@transaction.atomic
def set_practices(plan: JointPlan, practices, *, by) -> None:
    """Choose the Mission-minded city's practices that the plan replicates."""
    _refuse_unless_editable(plan)
    plan.practices.set(practices)
    record_action("plan.practices_chosen", plan, by=by, practices=[p.pk for p in practices])


@transaction.atomic
def save_action(
    plan: JointPlan, action: PlanAction, *, by, base_version: int | None = None
) -> PlanAction | ActionConflict:
    """Add an action to the plan, or change one if nobody changed it since `base_version`.

    `action` is a form's unsaved instance; `base_version` is the version the person
    opened (the instance's own when None). The check and the write are one
    conditional UPDATE, so of two changes based on one version exactly one is
    written; the other gets an ActionConflict with both.
    """
    _refuse_unless_editable(plan)
    if action.plan_id != plan.pk:
        raise ValidationError(_("This action belongs to another plan."))
    check_date_in_range(action.starts_on)
    check_date_in_range(action.ends_on)
    _hold_editable(plan)
    if action.pk is None:
        action.version = 1
        action.save()
        record_action("plan.action_added", plan, by=by, plan_action=action.pk)
        return action
    base_version = action.version if base_version is None else base_version
    updated = PlanAction.objects.filter(pk=action.pk, plan=plan, version=base_version).update(
        **{field.attname: getattr(action, field.attname) for field in _action_fields()},
        version=F("version") + 1,
    )
    if not updated:
        current = PlanAction.objects.select_related("field_of_action", "lever")
        return ActionConflict(current=current.filter(pk=action.pk).first(), mine=action)
    action.version = base_version + 1
    record_action("plan.action_changed", plan, by=by, plan_action=action.pk)
    return action


@transaction.atomic
def delete_action(action: PlanAction, *, by, base_version: int | None = None) -> None:
    """Delete an action of the plan, unless it changed since `base_version` (its own when None)."""
    plan = action.plan
    _refuse_unless_editable(plan)
    _hold_editable(plan)
    base_version = action.version if base_version is None else base_version
    deleted, _by_model = PlanAction.objects.filter(pk=action.pk, version=base_version).delete()
    if deleted:
        record_action("plan.action_deleted", plan, by=by, plan_action=action.pk, title=action.title)
        return
    current = PlanAction.objects.filter(pk=action.pk).first()
    # Gone already (someone else deleted it): what the person asked for.
    if current is not None:
        raise ValidationError(
            _(
                "“%(title)s” was changed while you were looking at it: "
                "check it again, then delete it if you still want to."
            )
            % {"title": current.title}
        )


def _people(plan: JointPlan, *, with_facilitator: bool = True) -> list[str]:
    twinning = plan.twinning
    recipients = set(member_emails([m.city for m in twinning.members.select_related("city")]))
    if with_facilitator and twinning.facilitator and twinning.facilitator.is_active:
        recipients.add(twinning.facilitator.email)
    return sorted(recipients)


def _mail_context(plan: JointPlan) -> dict:
    return {
        # Worded when the mail is written, in its reader's language.
        "plan_kind": gettext_lazy(plan.kind_name),
        "cities": [m.city.display_name for m in plan.twinning.members.select_related("city")],
        "twinning_id": plan.twinning_id,
    }


@transaction.atomic
def add_comment(section: PlanSection, text: str, *, by, reply_to: PlanComment | None = None):
    """A facilitator's or organiser's comment on a section, or anyone's reply to one."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a comment first."))
    if reply_to is not None and reply_to.section_id != section.pk:
        raise ValidationError(_("This comment belongs to another section."))
    if reply_to is not None and reply_to.reply_to_id is not None:
        reply_to = reply_to.reply_to
    comment = PlanComment.objects.create(
        section=section, author=signed_in(by), text=text, reply_to=reply_to
    )
    plan = section.plan
    record_action("plan.commented", plan, by=by, section=section.kind, comment=comment.pk)
    recipients = [email for email in _people(plan) if email != getattr(by, "email", None)]
    if recipients:
        queue_mail(
            "plan_comment",
            recipients,
            {
                **_mail_context(plan),
                "section": section.get_kind_display(),
                "author": display_name(by),
                "text": text,
            },
            about=plan,
            by=by,
        )
    return comment


@transaction.atomic
def resolve_comment(comment: PlanComment, *, by) -> PlanComment:
    """Mark a comment as dealt with; its replies go with it."""
    if comment.reply_to_id is not None:
        raise ValidationError(_("Only a comment, not a reply, is marked as resolved."))
    if comment.resolved_at is not None:
        raise ValidationError(_("This comment is already resolved."))
    comment.resolved_at = clock.now()
    comment.resolved_by = signed_in(by)
    comment.save(update_fields=["resolved_at", "resolved_by"])
    record_action("plan.comment_resolved", comment.section.plan, by=by, comment=comment.pk)
    return comment


@transaction.atomic
def set_plan_state(plan: JointPlan, new_state: str, *, by, comment: str = "") -> JointPlan:
    """Submit a plan (its cities), approve or return it (the programme team).

    A returned plan needs a comment saying what to change; it can be submitted again.
    """
    plan = JointPlan.objects.select_for_update().select_related("twinning").get(pk=plan.pk)
    allowed = MEMBER_TRANSITIONS if new_state == P.SUBMITTED else ORGANISER_TRANSITIONS
    if new_state not in allowed.get(plan.state, set()):
        raise ValidationError(
            _("A plan that is %(current)s cannot become %(new)s.")
            % {"current": in_sentence(P(plan.state).label), "new": in_sentence(P(new_state).label)}
        )
    comment = comment.strip()
    if new_state == P.RETURNED and not comment:
        raise ValidationError(_("Say what the cities should change before returning the plan."))
    now = clock.now()
    if new_state == P.SUBMITTED:
        plan.submitted_at, plan.submitted_by = now, signed_in(by)
        plan.decided_at, plan.decided_by, plan.decision_comment = None, None, ""
    else:
        plan.decided_at, plan.decided_by, plan.decision_comment = now, signed_in(by), comment
    previous, plan.state = plan.state, new_state
    plan.save()
    record_action("plan.state_changed", plan, by=by, old=previous, new=new_state, comment=comment)
    recipients = _people(plan)
    if recipients:
        queue_mail(
            "plan_state",
            recipients,
            {
                **_mail_context(plan),
                "state": new_state,
                "state_label": P(new_state).label,
                "comment": comment,
            },
            about=plan,
            by=by,
        )
    if new_state == P.APPROVED:
        complete_if_done(plan.twinning, by=by)
    return plan


@transaction.atomic
def set_plan_kind(twinning, kind_name: str, *, by) -> None:
    """Choose the twinning's joint output (Replication or Action Plan); empty: the cohort's.

    A plan already started takes the new name: its page, PDF and mails use it.
    """
    kind_name = kind_name.strip()
    if kind_name and kind_name not in PlanKind.values:
        raise ValidationError(_("Choose a Replication Plan or an Action Plan."))
    twinning = Twinning.objects.select_for_update().select_related("cohort").get(pk=twinning.pk)
    previous = twinning.joint_output_kind
    twinning.plan_kind_name = kind_name
    twinning.save(update_fields=["plan_kind_name"])
    JointPlan.objects.filter(twinning=twinning).update(kind_name=twinning.joint_output_kind)
    record_action(
        "twinning.plan_kind_changed",
        twinning,
        by=by,
        old=previous,
        new=twinning.joint_output_kind,
    )
