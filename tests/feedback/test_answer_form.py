import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories.feedback import invitation, survey_with_questions
from twinning.feedback.models import Answer

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 6, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def invited():
    return invitation(survey_with_questions())


def _url(invited):
    return reverse("public:feedback", args=[invited.token])


def _fields(invited, **values):
    scale, choice, text = invited.survey.questions.order_by("position")
    return {
        f"q{scale.pk}": values.get("scale", ""),
        f"q{choice.pk}": values.get("choice", ""),
        f"q{text.pk}": values.get("text", ""),
    }


def test_the_link_opens_the_form_without_signing_in(client, invited):
    response = client.get(_url(invited))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<legend>How useful was it? <span class="required">(required)</span></legend>' in html
    assert html.count('type="radio"') == 5 + 3
    assert html.count("<fieldset") == 3


def test_answers_are_stored_and_can_be_changed(client, invited):
    response = client.post(
        _url(invited), _fields(invited, scale="4", choice="Right", text="More time")
    )
    assert response.status_code == 302

    client.post(_url(invited), _fields(invited, scale="5"))

    invited.refresh_from_db()
    assert invited.answered_at == NOW
    assert [
        (a.question.position, a.value, a.text)
        for a in Answer.objects.order_by("question__position")
    ] == [(1, 5, "")]
    page = client.get(_url(invited)).content.decode()
    assert "Your answers are received." in page
    assert "Change my answers" in page


def test_a_missing_required_answer_keeps_what_was_typed(client, invited):
    response = client.post(_url(invited), _fields(invited, choice="Too long", text="Shorter talks"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Shorter talks</textarea>" in html
    checked = re.findall(r'<input type="radio"[^>]*value="([^"]+)"[^>]*checked>', html)
    assert checked == ["Too long"]
    assert Answer.objects.count() == 0


def test_an_unknown_link_says_so_with_404(client):
    response = client.get(reverse("public:feedback", args=["no-such-token"]))

    assert response.status_code == 404
    assert "Unknown feedback link" in response.content.decode()


def test_an_expired_link_says_until_when_with_410(client, invited, time_machine):
    time_machine.move_to(NOW + dt.timedelta(days=61), tick=False)

    response = client.post(_url(invited), _fields(invited, scale="3"))

    assert response.status_code == 410
    assert (
        "This link took answers until 5 December 2026; that time is over."
        in response.content.decode()
    )
    assert Answer.objects.count() == 0


def test_a_closed_survey_takes_no_answers(client, invited):
    invited.survey.is_open = False
    invited.survey.save()

    response = client.get(_url(invited))

    assert response.status_code == 410
    assert "This survey is closed" in response.content.decode()
