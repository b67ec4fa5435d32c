import pytest
from django.core.exceptions import ValidationError

from tests.factories.plans import PlanActionFactory, plan_of, planning_twinning
from tests.factories.selection import QuickOrganiserFactory, TwinningFactory
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail
from twinning.plans.domain import (
    ActionConflict,
    Conflict,
    Saved,
    add_comment,
    create_plan,
    delete_action,
    plan_for,
    resolve_comment,
    restore_version,
    save_action,
    save_section,
    set_plan_state,
)
from twinning.plans.enums import PlanState, SectionKind
from twinning.plans.models import JointPlan, PlanAction, PlanSection, PlanSectionVersion
from twinning.programme.enums import TwinningState

pytestmark = pytest.mark.django_db


def _section(plan, kind=SectionKind.CONTEXT):
    return PlanSection.objects.select_related("plan").get(plan=plan, kind=kind)


def test_create_plan_takes_the_cohorts_name_and_every_section_of_the_template():
    twinning, _m, _d = planning_twinning()

    plan = create_plan(twinning)

    assert plan.kind_name == "Replication Plan"
    assert plan.state == PlanState.DRAFT
    assert list(plan.sections.values_list("kind", flat=True)) == [
        "context", "practices", "actions", "funding", "risks", "monitoring",
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="plan.created").count() == 1


def test_create_plan_twice_gives_the_same_plan():
    twinning, _m, _d = planning_twinning()

    assert create_plan(twinning) == plan_for(twinning)
    assert PlanSection.objects.count() == 6


def test_create_plan_is_refused_before_the_cities_accept():
    twinning = TwinningFactory(state=TwinningState.CONFIRMED)

    with pytest.raises(ValidationError):
        create_plan(twinning)
    assert JointPlan.objects.count() == 0


def test_save_section_keeps_every_version_with_its_author():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))

    first = save_section(section, "Torino aims at 2030.", base_version=0, by=marta)
    second = save_section(section, "Torino aims at 2030.\n\nÉvora helps.", base_version=1,
                          by=miguel)  # fmt: skip

    assert isinstance(first, Saved) and isinstance(second, Saved)
    section.refresh_from_db()
    assert (section.version, section.text, section.updated_by) == (
        2, "Torino aims at 2030.\n\nÉvora helps.", miguel,
    )  # fmt: skip
    assert list(section.versions.values_list("number", "author__email", "text")) == [
        (2, miguel.email, "Torino aims at 2030.\n\nÉvora helps."),
        (1, marta.email, "Torino aims at 2030."),
    ]


def test_two_saves_from_the_same_version_never_lose_the_second_text():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))
    stale = _section(section.plan)

    saved = save_section(section, "Marta's text.", base_version=0, by=marta)
    refused = save_section(stale, "Miguel's text.", base_version=0, by=miguel)

    assert isinstance(saved, Saved)
    assert isinstance(refused, Conflict)
    assert (refused.theirs, refused.mine, refused.merged) == ("Marta's text.", "Miguel's text.",
                                                              None)  # fmt: skip
    assert refused.section.version == 1
    assert list(PlanSectionVersion.objects.values_list("text", flat=True)) == ["Marta's text."]


def test_a_conflict_on_different_paragraphs_offers_both_merged_and_saving_it_keeps_both():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))
    save_section(section, "Context.\n\nAmbition.", base_version=0, by=marta)
    save_section(section, "Context from Torino.\n\nAmbition.", base_version=1, by=marta)

    conflict = save_section(section, "Context.\n\nAmbition from Évora.", base_version=1,
                            by=miguel)  # fmt: skip
    merged = save_section(section, conflict.merged, base_version=conflict.section.version,
                          by=miguel)  # fmt: skip

    assert conflict.merged == "Context from Torino.\n\nAmbition from Évora."
    assert isinstance(merged, Saved)
    assert (merged.section.version, merged.section.text) == (
        3,
        "Context from Torino.\n\nAmbition from Évora.",
    )


def test_save_section_is_refused_once_the_plan_is_submitted():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)

    with pytest.raises(ValidationError):
        save_section(_section(plan), "Late change.", base_version=0, by=marta)
    assert PlanSectionVersion.objects.count() == 0


def test_restore_version_makes_a_new_version_with_the_old_text():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))
    save_section(section, "First.", base_version=0, by=marta)
    save_section(section, "Second.", base_version=1, by=miguel)

    result = restore_version(section, 1, by=marta)

    assert isinstance(result, Saved)
    assert (result.section.version, result.section.text) == (3, "First.")
    assert (result.version.number, result.version.restored_from) == (3, 1)
    assert PlanSectionVersion.objects.count() == 3


def test_restore_of_a_missing_version_is_refused():
    twinning, marta, _d = planning_twinning()
    section = _section(plan_of(twinning))

    with pytest.raises(ValidationError):
        restore_version(section, 7, by=marta)


def test_add_comment_mails_the_cities_but_not_its_author():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))

    comment = add_comment(section, "Name the baseline year.", by=twinning.facilitator)

    message = OutgoingMail.objects.get()
    assert comment.text == "Name the baseline year."
    assert (message.template, message.to) == ("plan_comment", sorted([marta.email, miguel.email]))
    assert "Name the baseline year." in message.body


def test_a_reply_to_a_reply_joins_the_thread():
    twinning, marta, miguel = planning_twinning()
    section = _section(plan_of(twinning))
    comment = add_comment(section, "Which year?", by=twinning.facilitator)
    reply = add_comment(section, "2019.", by=marta, reply_to=comment)

    again = add_comment(section, "Agreed.", by=miguel, reply_to=reply)

    assert again.reply_to == comment


def test_an_empty_comment_is_refused():
    twinning, _m, _d = planning_twinning()
    with pytest.raises(ValidationError):
        add_comment(_section(plan_of(twinning)), "  ", by=twinning.facilitator)


def test_resolve_comment_once_only():
    twinning, marta, _d = planning_twinning()
    comment = add_comment(_section(plan_of(twinning)), "Which year?", by=twinning.facilitator)

    resolve_comment(comment, by=marta)

    assert comment.resolved_by == marta
    with pytest.raises(ValidationError):
        resolve_comment(comment, by=marta)


def test_submit_approve_mails_members_and_facilitator_and_is_audited():
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    organiser = QuickOrganiserFactory()

    set_plan_state(plan, PlanState.SUBMITTED, by=marta)
    plan = set_plan_state(plan, PlanState.APPROVED, by=organiser, comment="Well done.")

    assert (plan.state, plan.submitted_by, plan.decided_by, plan.decision_comment) == (
        PlanState.APPROVED, marta, organiser, "Well done.",
    )  # fmt: skip
    assert OutgoingMail.objects.order_by("pk").last().to == sorted(
        [marta.email, miguel.email, twinning.facilitator.email]
    )
    assert list(
        AuditEntry.objects.filter(action="plan.state_changed")
        .order_by("pk")
        .values_list("data__new", flat=True)
    ) == ["submitted", "approved"]


def test_return_needs_a_comment_and_a_returned_plan_can_be_submitted_again():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    organiser = QuickOrganiserFactory()
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)

    with pytest.raises(ValidationError):
        set_plan_state(plan, PlanState.RETURNED, by=organiser)
    set_plan_state(plan, PlanState.RETURNED, by=organiser, comment="Add costs.")
    plan = set_plan_state(plan, PlanState.SUBMITTED, by=marta)

    assert (plan.state, plan.decision_comment) == (PlanState.SUBMITTED, "")


@pytest.mark.parametrize(
    ("start", "wanted"),
    [
        (PlanState.DRAFT, PlanState.APPROVED),
        (PlanState.DRAFT, PlanState.RETURNED),
        (PlanState.SUBMITTED, PlanState.SUBMITTED),
        (PlanState.APPROVED, PlanState.SUBMITTED),
        (PlanState.APPROVED, PlanState.RETURNED),
        (PlanState.RETURNED, PlanState.APPROVED),
    ],
)
def test_refused_transitions(start, wanted):
    twinning, _m, _d = planning_twinning()
    plan = plan_of(twinning)
    JointPlan.objects.filter(pk=plan.pk).update(state=start)

    with pytest.raises(ValidationError):
        set_plan_state(plan, wanted, by=QuickOrganiserFactory(), comment="Why.")
    plan.refresh_from_db()
    assert plan.state == start


def test_actions_are_added_and_deleted_only_while_the_plan_is_editable():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    action = save_action(plan, PlanActionFactory.build(plan=plan), by=marta)
    assert list(plan.actions.all()) == [action]

    set_plan_state(plan, PlanState.SUBMITTED, by=marta)
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        delete_action(plan.actions.get(), by=marta)
    assert plan.actions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_the_same_version_keep_one_and_return_the_other():
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    twinning, marta, miguel = planning_twinning()
    section_pk = _section(plan_of(twinning)).pk
    start = Barrier(2)

    def save(person, text):
        try:
            section = PlanSection.objects.select_related("plan").get(pk=section_pk)
            start.wait()
            return save_section(section, text, base_version=0, by=person)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(save, [marta, miguel], ["Marta's text.", "Miguel's text."]))

    saved = [r for r in results if isinstance(r, Saved)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert (len(saved), len(conflicts)) == (1, 1)
    assert conflicts[0].theirs == saved[0].section.text
    assert {conflicts[0].mine, saved[0].section.text} == {"Marta's text.", "Miguel's text."}
    assert list(PlanSectionVersion.objects.values_list("number", flat=True)) == [1]


def test_organisers_see_a_plan_in_the_admin(client):
    from django.urls import reverse

    twinning, _m, _d = planning_twinning()
    plan = plan_of(twinning)
    PlanActionFactory(plan=plan)
    client.force_login(QuickOrganiserFactory())

    listing = client.get(reverse("admin:plans_jointplan_changelist"))
    detail = client.get(reverse("admin:plans_jointplan_change", args=[plan.pk]))

    assert (listing.status_code, detail.status_code) == (200, 200)


def test_the_state_mail_says_what_happened_and_links_to_the_plan():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)

    set_plan_state(plan, PlanState.RETURNED, by=QuickOrganiserFactory(), comment="Add costs.")

    message = OutgoingMail.objects.order_by("pk").last()
    assert message.subject.endswith("Replication Plan: Returned with comments")
    assert "returned it with comments" in message.body
    assert "Add costs." in message.body
    assert f"/portal/twinnings/{twinning.pk}/plan/" in message.body


def test_a_save_racing_a_submission_is_refused_not_written():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    section = _section(plan)
    JointPlan.objects.filter(pk=plan.pk).update(state=PlanState.SUBMITTED)

    # The section still carries the plan as it was read: in draft.
    with pytest.raises(ValidationError):
        save_section(section, "Late change.", base_version=0, by=marta)
    assert PlanSection.objects.get(pk=section.pk).version == 0


def test_saving_another_section_keeps_the_funding_links():
    twinning, marta, _d = planning_twinning()
    funding = _section(plan_of(twinning), SectionKind.FUNDING)
    save_section(funding, "EIB.", base_version=0, by=marta, links="https://example.org/plan")

    result = restore_version(funding, 1, by=marta)
    again = save_section(funding, "EIB loan.", base_version=2, by=marta)

    assert (result.version.links, again.section.links, again.version.links) == (
        "https://example.org/plan", "https://example.org/plan", "https://example.org/plan",
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_a_submission_never_lands_after_it():
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    section_pk = _section(plan).pk
    start = Barrier(2)

    def save():
        try:
            section = PlanSection.objects.select_related("plan").get(pk=section_pk)
            start.wait()
            return save_section(section, "Just in time?", base_version=0, by=miguel)
        except ValidationError as refused:
            return refused
        finally:
            connections.close_all()

    def submit():
        try:
            start.wait()
            return set_plan_state(plan, PlanState.SUBMITTED, by=marta)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        saving, submitting = pool.submit(save), pool.submit(submit)
        saved, submitted = saving.result(), submitting.result()

    assert submitted.state == PlanState.SUBMITTED
    versions = list(PlanSectionVersion.objects.all())
    if isinstance(saved, Saved):
        assert [v.created <= submitted.submitted_at for v in versions] == [True]
    else:
        assert (isinstance(saved, ValidationError), versions) == (True, [])


def _two_copies(action):
    """The action as two people opened it, each in their own form."""
    return PlanAction.objects.get(pk=action.pk), PlanAction.objects.get(pk=action.pk)


def test_changing_an_action_counts_its_versions():
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    action = save_action(plan, PlanActionFactory.build(plan=plan, title="Solar roofs"), by=marta)
    added_version = action.version

    action.title = "Solar roofs on schools"
    changed = save_action(plan, action, by=marta, base_version=1)

    assert (added_version, changed.version) == (1, 2)
    assert PlanAction.objects.values_list("title", "version").get() == (
        "Solar roofs on schools",
        2,
    )


def test_a_stale_action_save_is_not_written_and_returns_both_versions():
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    action = save_action(plan, PlanActionFactory.build(plan=plan, title="Solar roofs"), by=marta)
    martas, miguels = _two_copies(action)
    martas.title = "Solar roofs on schools"
    save_action(plan, martas, by=marta, base_version=1)

    miguels.title, miguels.stakeholders = "Solar roofs on museums", "Museums"
    result = save_action(plan, miguels, by=miguel, base_version=1)

    assert isinstance(result, ActionConflict)
    assert (result.current.title, result.current.version) == ("Solar roofs on schools", 2)
    assert (result.mine.title, result.mine.stakeholders) == ("Solar roofs on museums", "Museums")
    assert PlanAction.objects.values_list("title", "stakeholders", "version").get() == (
        "Solar roofs on schools",
        "Schools, energy community",
        2,
    )
    assert [(row.field, row.theirs, row.mine) for row in result.differences] == [
        ("title", "Solar roofs on schools", "Solar roofs on museums"),
        ("stakeholders", "Schools, energy community", "Museums"),
    ]
    assert AuditEntry.objects.filter(action="plan.action_changed").count() == 1


def test_saving_an_action_deleted_meanwhile_returns_a_conflict_without_it():
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    action = save_action(plan, PlanActionFactory.build(plan=plan), by=marta)
    miguels = PlanAction.objects.get(pk=action.pk)
    delete_action(action, by=marta, base_version=1)

    miguels.title = "Kept after all"
    result = save_action(plan, miguels, by=miguel, base_version=1)

    assert isinstance(result, ActionConflict)
    assert (result.current, result.mine.title) == (None, "Kept after all")
    assert plan.actions.count() == 0


def test_deleting_an_action_changed_meanwhile_is_refused():
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    action = save_action(plan, PlanActionFactory.build(plan=plan, title="Solar roofs"), by=marta)
    martas, miguels = _two_copies(action)
    martas.title = "Solar roofs on schools"
    save_action(plan, martas, by=marta, base_version=1)

    with pytest.raises(ValidationError) as refused:
        delete_action(miguels, by=miguel, base_version=1)

    assert refused.value.messages == [
        "“Solar roofs on schools” was changed while you were looking at it: "
        "check it again, then delete it if you still want to."
    ]
    assert plan.actions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_action_keep_one_and_return_the_other():
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    twinning, marta, miguel = planning_twinning()
    plan = plan_of(twinning)
    action_pk = save_action(plan, PlanActionFactory.build(plan=plan), by=marta).pk
    start = Barrier(2)

    def save(person, title):
        try:
            action = PlanAction.objects.select_related("plan").get(pk=action_pk)
            action.title = title
            start.wait()
            return save_action(action.plan, action, by=person, base_version=1)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(save, [marta, miguel], ["Marta's action", "Miguel's action"]))

    saved = [r for r in results if isinstance(r, PlanAction)]
    conflicts = [r for r in results if isinstance(r, ActionConflict)]
    assert (len(saved), len(conflicts)) == (1, 1)
    assert conflicts[0].current.title == saved[0].title
    assert {conflicts[0].mine.title, saved[0].title} == {"Marta's action", "Miguel's action"}
    assert PlanAction.objects.values_list("title", "version").get() == (saved[0].title, 2)
