import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories.plans import PlanActionFactory, plan_of, planning_twinning
from tests.factories.selection import QuickOrganiserFactory
from twinning.plans.domain import add_comment, save_section, set_plan_state
from twinning.plans.enums import PlanState, SectionKind
from twinning.plans.models import PlanAction, PlanSection, PlanSectionVersion

pytestmark = pytest.mark.django_db


def _url(name, twinning, *args):
    return reverse(f"portal:{name}", args=[twinning.pk, *args])


def test_plan_page_shows_the_template_to_a_member_and_starts_the_plan(client):
    twinning, marta, _d = planning_twinning()
    client.force_login(marta)

    response = client.get(_url("plan", twinning))

    assert response.status_code == 200
    assert [s.kind for s in response.context["sections"]] == list(SectionKind.values)
    assert response.context["can_edit"] is True
    assert response.context["can_comment"] is False


def test_plan_page_of_a_twinning_not_yet_accepted_is_not_found(client):
    twinning, marta, _d = planning_twinning()
    twinning.state = "confirmed"
    twinning.save()
    client.force_login(marta)

    assert client.get(_url("plan", twinning)).status_code == 404


def test_member_saves_a_section(client):
    twinning, marta, _d = planning_twinning()
    plan_of(twinning)
    client.force_login(marta)

    response = client.post(
        _url("plan_section_edit", twinning, "context"),
        {"text": "Torino wants solar roofs.", "base_version": 0},
    )

    assert response.status_code == 302
    section = PlanSection.objects.get(plan__twinning=twinning, kind="context")
    assert (section.version, section.text) == (1, "Torino wants solar roofs.")


def test_a_stale_save_shows_both_texts_and_keeps_mine_in_the_box(client):
    twinning, marta, miguel = planning_twinning()
    section = PlanSection.objects.get(plan=plan_of(twinning), kind="risks")
    save_section(section, "Marta's risks.", base_version=0, by=marta)
    client.force_login(miguel)

    response = client.post(
        _url("plan_section_edit", twinning, "risks"),
        {"text": "Miguel's risks.", "base_version": 0},
    )

    assert response.status_code == 409
    assert (response.context["conflict"].theirs, response.context["conflict"].mine) == (
        "Marta's risks.",
        "Miguel's risks.",
    )
    form = response.context["form"]
    assert (form.initial["text"], form.initial["base_version"]) == ("Miguel's risks.", 1)
    assert PlanSection.objects.get(pk=section.pk).text == "Marta's risks."
    assert [(line.kind, line.text) for line in response.context["differences"]] == [
        ("removed", "Marta's risks."),
        ("added", "Miguel's risks."),
    ]


def test_funding_links_must_be_web_addresses(client):
    twinning, marta, _d = planning_twinning()
    plan_of(twinning)
    client.force_login(marta)

    response = client.post(
        _url("plan_section_edit", twinning, "funding"),
        {"text": "EIB loan.", "links": "not a link", "base_version": 0},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["links"] == [
        "“not a link” is not a web address (https://…)."
    ]


def test_history_compares_two_versions_and_restore_makes_a_new_one(client):
    twinning, marta, _d = planning_twinning()
    section = PlanSection.objects.get(plan=plan_of(twinning), kind="context")
    save_section(section, "One.", base_version=0, by=marta)
    save_section(section, "Two.", base_version=1, by=marta)
    client.force_login(marta)

    page = client.get(_url("plan_history", twinning, "context"), {"old": 1, "new": 2})
    restored = client.post(_url("plan_restore", twinning, "context", 1))

    assert [(line.kind, line.text) for line in page.context["comparison"]["lines"]] == [
        ("removed", "One."),
        ("added", "Two."),
    ]
    assert restored.status_code == 302
    assert list(PlanSectionVersion.objects.values_list("number", "text")) == [
        (3, "One."), (2, "Two."), (1, "One."),
    ]  # fmt: skip


def test_facilitator_comments_but_cannot_edit(client):
    twinning, _m, _d = planning_twinning()
    plan_of(twinning)
    client.force_login(twinning.facilitator)

    comment = client.post(_url("plan_comment", twinning, "context"), {"text": "Baseline?"})
    edit = client.get(_url("plan_section_edit", twinning, "context"))

    assert (comment.status_code, edit.status_code) == (302, 403)
    assert PlanSection.objects.get(plan__twinning=twinning, kind="context").comments.get().text == (
        "Baseline?"
    )


def test_member_replies_and_resolves_but_cannot_start_a_comment(client):
    twinning, marta, _d = planning_twinning()
    section = PlanSection.objects.get(plan=plan_of(twinning), kind="context")
    comment = add_comment(section, "Baseline?", by=twinning.facilitator)
    client.force_login(marta)

    started = client.post(_url("plan_comment", twinning, "context"), {"text": "Hello"})
    reply = client.post(
        _url("plan_comment", twinning, "context"), {"text": "2019.", "reply_to": comment.pk}
    )
    resolved = client.post(_url("plan_comment_resolve", twinning, "context", comment.pk))

    assert (started.status_code, reply.status_code, resolved.status_code) == (403, 302, 302)
    comment.refresh_from_db()
    assert ([r.text for r in comment.replies.all()], comment.resolved_by) == (["2019."], marta)


def test_member_adds_an_action(client):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    example = PlanActionFactory.build(plan=plan)
    client.force_login(marta)

    response = client.post(
        _url("plan_action_add", twinning),
        {
            "title": "Solar roofs on schools",
            "field_of_action": example.field_of_action.pk,
            "lever": example.lever.pk,
            "responsible_bodies": "Energy department",
            "stakeholders": "Schools",
            "starts_on": "2027-01-01",
            "ends_on": "2026-01-01",
            "cost_eur": "1000",
            "emission_reduction": "12.5",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"] == ["The end cannot come before the start."]
    assert plan.actions.count() == 0


def test_member_submits_and_then_cannot_edit(client):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    client.force_login(marta)

    client.post(_url("plan_submit", twinning))
    edit = client.get(_url("plan_section_edit", twinning, "context"))

    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert (edit.status_code, edit["Location"]) == (302, _url("plan", twinning))
    assert [str(m) for m in get_messages(edit.wsgi_request)][-1] == (
        "This plan is submitted: it cannot be changed now."
    )


def test_markdown_download_holds_every_section_and_the_actions(client):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    save_section(plan.sections.get(kind="context"), "Solar in the old town.", base_version=0,
                 by=marta)  # fmt: skip
    PlanActionFactory(plan=plan, title="Solar roofs on schools")
    client.force_login(marta)

    response = client.get(_url("plan_download", twinning, "md"))

    text = response.content.decode()
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert text.startswith("# Replication Plan: ")
    assert "## 1. Context and ambition\n\nSolar in the old town.\n" in text
    assert "| Solar roofs on schools | Energy systems | Finance and funding |" in text
    assert "## 6. Monitoring and learning indicators" in text


def test_pdf_download_is_a_pdf(client):
    twinning, marta, _d = planning_twinning()
    plan_of(twinning)
    client.force_login(marta)

    response = client.get(_url("plan_download", twinning, "pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def _plan_urls(twinning, section, comment, action, version):
    return [
        ("get", _url("plan", twinning)),
        ("post", _url("plan_submit", twinning)),
        ("get", _url("plan_download", twinning, "pdf")),
        ("get", _url("plan_download", twinning, "md")),
        ("get", _url("plan_practices", twinning)),
        ("get", _url("plan_action_add", twinning)),
        ("get", _url("plan_action_edit", twinning, action.pk)),
        ("post", _url("plan_action_delete", twinning, action.pk)),
        ("get", _url("plan_section_edit", twinning, section.kind)),
        ("get", _url("plan_history", twinning, section.kind)),
        ("post", _url("plan_restore", twinning, section.kind, version)),
        ("post", _url("plan_comment", twinning, section.kind)),
        ("post", _url("plan_comment_resolve", twinning, section.kind, comment.pk)),
        ("post", reverse("orga:plan_decide", args=[section.plan_id])),
    ]


@pytest.mark.parametrize("who", ["mission city", "mission-minded city", "facilitator"])
def test_a_person_of_one_twinning_reaches_nothing_of_another(client, who):
    mine, marta, miguel = planning_twinning()
    plan_of(mine)
    person = {"mission city": marta, "mission-minded city": miguel}.get(who, mine.facilitator)
    theirs, other, _o = planning_twinning()
    plan = plan_of(theirs)
    section = plan.sections.get(kind="context")
    save_section(section, "Secret.", base_version=0, by=other)
    comment = add_comment(section, "Private.", by=theirs.facilitator)
    action = PlanActionFactory(plan=plan)
    client.force_login(person)

    answers = {
        url: getattr(client, method)(url).status_code
        for method, url in _plan_urls(theirs, section, comment, action, 1)
    }

    assert set(answers.values()) == {403}
    section.refresh_from_db()
    plan.refresh_from_db()
    assert (section.version, plan.state, plan.actions.count(), comment.replies.count()) == (
        1, PlanState.DRAFT, 1, 0,
    )  # fmt: skip


def test_my_twinning_urls_with_another_plans_objects_are_not_found(client):
    mine, marta, _d = planning_twinning()
    plan_of(mine)
    theirs, _o, _p = planning_twinning()
    plan = plan_of(theirs)
    comment = add_comment(plan.sections.get(kind="risks"), "Private.", by=theirs.facilitator)
    action = PlanActionFactory(plan=plan)
    client.force_login(marta)

    answers = [
        client.get(_url("plan_action_edit", mine, action.pk)).status_code,
        client.post(_url("plan_action_delete", mine, action.pk)).status_code,
        client.post(_url("plan_comment_resolve", mine, "risks", comment.pk)).status_code,
        client.post(
            _url("plan_comment", mine, "risks"), {"text": "x", "reply_to": comment.pk}
        ).status_code,
        client.get(_url("plan_history", mine, "nonsense")).status_code,
    ]

    assert answers == [404, 404, 404, 404, 404]
    assert plan.actions.count() == 1


def _write(plan, section, person):
    save_section(section, "Text.", base_version=section.version, by=person)
    comment = add_comment(section, "Why?", by=plan.twinning.facilitator)
    add_comment(section, "Because.", by=person, reply_to=comment)


def test_plan_page_queries_do_not_grow_with_the_plan(client, django_assert_max_num_queries):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    sections = list(plan.sections.all())
    _write(plan, sections[0], marta)
    PlanActionFactory(plan=plan)
    client.force_login(marta)
    client.get(_url("plan", twinning))
    with django_assert_max_num_queries(45) as small:
        client.get(_url("plan", twinning))

    for section in sections[1:]:
        _write(plan, section, marta)
    PlanActionFactory.create_batch(5, plan=plan)
    with django_assert_max_num_queries(45) as large:
        client.get(_url("plan", twinning))

    assert len(large.captured_queries) == len(small.captured_queries)


def test_organiser_decides_from_the_plan_page(client):
    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)
    client.force_login(QuickOrganiserFactory())

    page = client.get(_url("plan", twinning))
    response = client.post(
        reverse("orga:plan_decide", args=[plan.pk]), {"decision": "approved", "next": "plan"}
    )

    assert page.context["can_decide"] is True
    assert response["Location"] == _url("plan", twinning)
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED


def test_member_chooses_practices_of_the_mission_minded_city_only(client):
    from tests.factories.practices import PracticeFactory
    from twinning.practices.enums import PracticeState
    from twinning.programme.enums import MemberRole

    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    minded = twinning.members.get(role=MemberRole.MISSION_MINDED).city
    ours = PracticeFactory(registration__city=minded, title="Heritage solar")
    PracticeFactory(registration__city=minded, state=PracticeState.DRAFT)
    elsewhere = PracticeFactory()
    client.force_login(marta)

    page = client.get(_url("plan_practices", twinning))
    refused = client.post(_url("plan_practices", twinning), {"practices": [elsewhere.pk]})
    chosen = client.post(_url("plan_practices", twinning), {"practices": [ours.pk]})

    assert list(page.context["form"].fields["practices"].queryset) == [ours]
    assert (refused.status_code, chosen.status_code) == (400, 302)
    assert list(plan.practices.all()) == [ours]


def test_versions_page_queries_do_not_grow_with_the_versions(client, django_assert_max_num_queries):
    twinning, marta, miguel = planning_twinning()
    section = PlanSection.objects.get(plan=plan_of(twinning), kind="context")
    save_section(section, "One.", base_version=0, by=marta)
    save_section(section, "Two.", base_version=1, by=miguel)
    client.force_login(marta)
    url = _url("plan_history", twinning, "context")
    with django_assert_max_num_queries(40) as small:
        client.get(url, {"old": 1, "new": 2})

    for number in range(2, 12):
        save_section(section, f"Text {number}.", base_version=number, by=miguel)
    with django_assert_max_num_queries(40) as large:
        response = client.get(url, {"old": 1, "new": 2})

    assert len(response.context["versions"]) == 12
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_stale_save_of_other_paragraphs_offers_both_edits_merged(client):
    twinning, marta, miguel = planning_twinning()
    section = PlanSection.objects.get(plan=plan_of(twinning), kind="context")
    save_section(section, "Context.\n\nAmbition.", base_version=0, by=marta)
    save_section(section, "Context from Torino.\n\nAmbition.", base_version=1, by=marta)
    client.force_login(miguel)

    response = client.post(
        _url("plan_section_edit", twinning, "context"),
        {"text": "Context.\r\n\r\nAmbition from Évora.", "base_version": 1},
    )

    assert response.status_code == 409
    assert response.context["form"].initial == {
        "text": "Context from Torino.\n\nAmbition from Évora.",
        "links": "",
        "base_version": 2,
    }
    assert "changed different paragraphs" in response.content.decode()


def _action_data(action, **changes):
    data = {
        "title": action.title,
        "field_of_action": action.field_of_action_id,
        "lever": action.lever_id,
        "responsible_bodies": action.responsible_bodies,
        "stakeholders": action.stakeholders,
        "starts_on": action.starts_on.isoformat(),
        "ends_on": action.ends_on.isoformat(),
        "cost_eur": "",
        "emission_reduction": "",
        "base_version": action.version,
    }
    return {**data, **changes}


def test_the_action_form_and_delete_button_carry_the_version_they_were_opened_at(client):
    twinning, marta, _d = planning_twinning()
    action = PlanActionFactory(plan=plan_of(twinning), version=3)
    client.force_login(marta)

    page = client.get(_url("plan_action_edit", twinning, action.pk))
    plan_page = client.get(_url("plan", twinning))

    assert page.context["form"]["base_version"].value() == 3
    assert '<input type="hidden" name="base_version" value="3"' in page.content.decode()
    # The delete button of the plan page carries it too.
    assert plan_page.content.decode().count('name="base_version" value="3"') == 1


def test_a_stale_action_save_shows_both_versions_and_keeps_what_i_typed(client):
    twinning, marta, miguel = planning_twinning()
    action = PlanActionFactory(plan=plan_of(twinning), title="Solar roofs")
    opened = _action_data(action)
    client.force_login(marta)
    client.post(
        _url("plan_action_edit", twinning, action.pk),
        {**opened, "title": "Solar roofs on schools"},
    )
    client.force_login(miguel)

    response = client.post(
        _url("plan_action_edit", twinning, action.pk),
        {**opened, "title": "Solar roofs on museums", "stakeholders": "Museums"},
    )

    assert response.status_code == 409
    conflict = response.context["conflict"]
    assert (conflict.current.title, conflict.mine.title) == (
        "Solar roofs on schools",
        "Solar roofs on museums",
    )
    form = response.context["form"]
    assert (form["title"].value(), form["stakeholders"].value(), form["base_version"].value()) == (
        "Solar roofs on museums",
        "Museums",
        2,
    )
    assert PlanAction.objects.values_list("title", "version").get() == ("Solar roofs on schools", 2)
    page = response.content.decode()
    assert (page.count("Solar roofs on schools"), page.count("Museums")) == (2, 2)


def test_saving_the_merged_action_after_a_conflict_saves_it(client):
    twinning, marta, _d = planning_twinning()
    action = PlanActionFactory(plan=plan_of(twinning), title="Solar roofs", version=2)
    client.force_login(marta)

    response = client.post(
        _url("plan_action_edit", twinning, action.pk), _action_data(action, title="Both")
    )

    assert response.status_code == 302
    assert PlanAction.objects.values_list("title", "version").get() == ("Both", 3)


def test_deleting_an_action_changed_since_the_page_was_opened_is_refused(client):
    twinning, marta, _d = planning_twinning()
    action = PlanActionFactory(plan=plan_of(twinning), title="Solar roofs", version=2)
    client.force_login(marta)

    stale = client.post(_url("plan_action_delete", twinning, action.pk), {"base_version": 1})
    current = client.post(_url("plan_action_delete", twinning, action.pk), {"base_version": 2})

    assert (stale.status_code, stale["Location"]) == (302, _url("plan", twinning))
    assert [str(m) for m in get_messages(stale.wsgi_request)] == [
        "“Solar roofs” was changed while you were looking at it: "
        "check it again, then delete it if you still want to."
    ]
    assert current.status_code == 302
    assert PlanAction.objects.count() == 0
