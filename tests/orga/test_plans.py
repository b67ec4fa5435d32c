import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import CohortFactory
from tests.factories.plans import plan_of, planning_twinning
from twinning.plans.domain import set_plan_state
from twinning.plans.enums import PlanState

pytestmark = pytest.mark.django_db


def _submitted_plans(cohort, count):
    plans = []
    for _ in range(count):
        twinning, marta, _d = planning_twinning(cohort=cohort)
        plans.append(set_plan_state(plan_of(twinning), PlanState.SUBMITTED, by=marta))
    return plans


def test_plan_list_shows_the_cohorts_plans_by_state(organiser_client):
    cohort = CohortFactory(joint_output_name="Action Plan")
    submitted = _submitted_plans(cohort, 2)
    draft_twinning, _m, _d = planning_twinning(cohort=cohort)
    plan_of(draft_twinning)
    _submitted_plans(CohortFactory(), 1)

    everything = organiser_client.get(reverse("orga:plans"), {"cohort": cohort.slug})
    only_submitted = organiser_client.get(
        reverse("orga:plans"), {"cohort": cohort.slug, "state": "submitted"}
    )

    assert everything.context["counts"] == {
        "draft": 1, "submitted": 2, "approved": 0, "returned": 0,
    }  # fmt: skip
    assert len(everything.context["plans"]) == 3
    assert [p.pk for p in only_submitted.context["plans"]] == [p.pk for p in submitted]


def test_plan_list_queries_do_not_grow_with_the_plans(
    organiser_client, django_assert_max_num_queries
):
    cohort = CohortFactory()
    _submitted_plans(cohort, 1)
    with django_assert_max_num_queries(40) as small:
        organiser_client.get(reverse("orga:plans"), {"cohort": cohort.slug})

    _submitted_plans(cohort, 4)
    with django_assert_max_num_queries(40) as large:
        response = organiser_client.get(reverse("orga:plans"), {"cohort": cohort.slug})

    assert len(response.context["plans"]) == 5
    assert len(large.captured_queries) == len(small.captured_queries)


def test_plan_list_is_refused_to_a_city_member_and_a_facilitator(client):
    twinning, marta, _d = planning_twinning()

    answers = []
    for person in (marta, twinning.facilitator):
        client.force_login(person)
        answers.append(client.get(reverse("orga:plans")).status_code)

    assert answers == [403, 403]


def test_return_without_a_comment_is_refused_with_a_message(organiser_client):
    (plan,) = _submitted_plans(CohortFactory(), 1)

    response = organiser_client.post(
        reverse("orga:plan_decide", args=[plan.pk]), {"decision": "returned", "comment": ""}
    )

    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Say what the cities should change."
    ]


def test_organiser_returns_a_plan_with_comments(organiser_client):
    (plan,) = _submitted_plans(CohortFactory(), 1)

    response = organiser_client.post(
        reverse("orga:plan_decide", args=[plan.pk]),
        {"decision": "returned", "comment": "Add the costs."},
    )

    plan.refresh_from_db()
    assert response["Location"] == f"{reverse('orga:plans')}?cohort={plan.twinning.cohort.slug}"
    assert (plan.state, plan.decision_comment) == (PlanState.RETURNED, "Add the costs.")


def test_a_facilitator_cannot_decide(client):
    (plan,) = _submitted_plans(CohortFactory(), 1)
    client.force_login(plan.twinning.facilitator)

    response = client.post(
        reverse("orga:plan_decide", args=[plan.pk]), {"decision": "approved", "comment": ""}
    )

    plan.refresh_from_db()
    assert (response.status_code, plan.state) == (403, PlanState.SUBMITTED)
