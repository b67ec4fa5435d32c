import datetime as dt

import pytest
from django.urls import reverse

from twinning.feedback.domain.queries import survey_results
from twinning.feedback.models import Answer, Survey, SurveyInvitation
from twinning.site.demo import load_demo
from twinning.site.demo.feedback import load_demo_feedback

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _on_the_demo_day(time_machine):
    time_machine.move_to(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC), tick=False)


def _feedback():
    return {
        "invitations": list(
            SurveyInvitation.objects.order_by("pk").values_list(
                "survey__title", "person__email", "answered_at"
            )
        ),
        "answers": list(Answer.objects.order_by("pk").values_list("value", "text")),
    }


def test_demo_feedback_has_results_and_an_open_invitation_for_the_demo_accounts(client):
    load_demo(today=TODAY)

    surveys = list(Survey.objects.filter(cohort__number=5).order_by("event"))
    assert [s.event for s in surveys] == ["matchmaking_day", "workshop"]
    for results in survey_results(surveys):
        assert results.answered >= 2
        assert results.questions[0].average is not None
    torino = SurveyInvitation.objects.get(
        survey__event="workshop", person__email="mission-city@demo.twinning.eu"
    )
    assert torino.answered_at is None
    response = client.get(reverse("public:feedback", args=[torino.token]))
    assert response.status_code == 200


def test_demo_feedback_loaded_again_changes_nothing():
    load_demo(today=TODAY)
    before = _feedback()

    load_demo_feedback()

    assert _feedback() == before
