import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CohortFactory, UserFactory
from tests.factories.feedback import answered, invitation, survey_with_questions
from twinning.feedback.enums import SurveyEvent
from twinning.feedback.models import Question, Survey

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 6, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def survey():
    survey = survey_with_questions(CohortFactory(slug="cohort-5"))
    answered(survey, scale=4, choice="Right", text="More time for questions")
    answered(survey, scale=5, choice="Right")
    answered(survey, scale=3, choice="Too long", event_id=2, event_title="Data-driven planning")
    invitation(survey, event_id=2, event_title="Data-driven planning")
    return survey


def test_results_show_counts_averages_and_texts(organiser_client, survey):
    response = organiser_client.get(reverse("orga:feedback_results", args=[survey.pk]))

    assert response.status_code == 200
    results = response.context["results"]
    assert (results.invited, results.answered) == (4, 3)
    scale, choice, text = results.questions
    assert (scale.answers, scale.average) == (3, 4.0)
    assert scale.counts == [("1", 0), ("2", 0), ("3", 1), ("4", 1), ("5", 1)]
    assert choice.counts == [("Too short", 0), ("Right", 2), ("Too long", 1)]
    assert text.texts == [("Financing retrofits", "More time for questions")]
    assert [(e.title, e.invited, e.answered, e.scale_averages) for e in results.events] == [
        ("Financing retrofits", 2, 2, [4.5]),
        ("Data-driven planning", 2, 1, [3.0]),
    ]
    html = response.content.decode()
    assert "Average 4.0 of 5, from 3 answers." in html
    assert "3 answered of 4 people invited." in html


def test_results_of_one_event(organiser_client, survey):
    response = organiser_client.get(reverse("orga:feedback_results", args=[survey.pk]) + "?event=2")

    scale, choice, _text = response.context["results"].questions
    assert (scale.answers, scale.average) == (1, 3.0)
    assert choice.counts == [("Too short", 0), ("Right", 0), ("Too long", 1)]
    assert (
        organiser_client.get(
            reverse("orga:feedback_results", args=[survey.pk]) + "?event=9"
        ).status_code
        == 404
    )


def test_answers_download_without_names(organiser_client, survey):
    csv = organiser_client.get(reverse("orga:feedback_export", args=[survey.pk, "csv"]))
    xlsx = organiser_client.get(reverse("orga:feedback_export", args=[survey.pk, "xlsx"]))

    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Event,Answered,Question,Answer"
    assert len(lines) == 1 + 7
    assert (
        "Financing retrofits,2026-10-06T12:00+00:00,What would you change?,More time for questions"
        in lines
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["Event", "Answered", "Question", "Answer"]
    assert sheet.max_row == 8


def test_dashboard_feedback_section_and_its_downloads(organiser_client, survey):
    response = organiser_client.get(
        reverse("orga:dashboard_section", args=["feedback"]) + "?cohort=cohort-5"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Average 4.0 of 5, from 3 answers." in html
    tables = {t.key: t for t in response.context["feedback_tables"]}
    assert tables["feedback-questions"].rows[0] == [
        "How was it?",
        "How useful was it?",
        3,
        4.0,
        "1: 0 · 2: 0 · 3: 1 · 4: 1 · 5: 1",
    ]
    assert tables["feedback-events"].rows == [
        ["How was it?", "Financing retrofits", 2, 2],
        ["How was it?", "Data-driven planning", 2, 1],
    ]
    download = organiser_client.get(
        reverse("orga:dashboard_export", args=["cohort-5", "feedback-texts", "csv"])
    )
    assert download.content.decode("utf-8-sig").splitlines() == [
        "Survey,Event,Question,Answer",
        "How was it?,Financing retrofits,What would you change?,More time for questions",
    ]


def _surveys(cohort, count):
    for n in range(count):
        # one survey per kind of event, as a cohort has
        survey = survey_with_questions(cohort, title=f"Survey {n}", event=SurveyEvent.values[n])
        for m in range(count):
            answered(
                survey, scale=3, choice="Right", text="Fine", event_id=m, event_title=f"Event {m}"
            )
    return survey


def _queries(client, url) -> int:
    # The dashboard keeps its other figures in the cache: both sizes are measured warm.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_take_a_fixed_number_of_queries(organiser_client):
    small = _surveys(CohortFactory(slug="small"), 1)
    large = _surveys(CohortFactory(slug="large"), 4)
    urls = [
        lambda s: reverse("orga:feedback_results", args=[s.pk]),
        lambda s: reverse("orga:feedback_results", args=[s.pk]) + "?event=0",
        lambda s: reverse("orga:feedback_surveys"),
        lambda s: reverse("orga:dashboard_section", args=["feedback"]) + f"?cohort={s.cohort.slug}",
    ]

    counts = [
        (_queries(organiser_client, url(small)), _queries(organiser_client, url(large)))
        for url in urls
    ]

    assert [a for a, _b in counts] == [b for _a, b in counts]


@pytest.mark.parametrize(
    "name, args",
    [
        ("orga:feedback_surveys", []),
        ("orga:feedback_survey", ["pk"]),
        ("orga:feedback_results", ["pk"]),
        ("orga:feedback_export", ["pk", "csv"]),
    ],
)
def test_feedback_pages_are_for_organisers(client, survey, name, args):
    client.force_login(UserFactory(is_facilitator=True))

    response = client.get(reverse(name, args=[survey.pk if a == "pk" else a for a in args]))

    assert response.status_code == 403


def test_organiser_creates_a_survey_and_adds_a_choice_question(organiser_client):
    cohort = CohortFactory()
    response = organiser_client.post(
        reverse("orga:feedback_survey_new"),
        {
            "cohort": cohort.pk,
            "event": "matchmaking_day",
            "title": "After the day",
            "is_open": "on",
        },
    )
    survey = Survey.objects.get()
    assert response.url == reverse("orga:feedback_survey", args=[survey.pk])

    refused = organiser_client.post(
        response.url,
        {
            "question-position": 1,
            "question-text": "Which format?",
            "question-kind": "choice",
            "question-options": "Only one",
        },
    )
    assert refused.status_code == 400
    assert "Give at least two options, one per line." in refused.content.decode()
    assert 'value="Which format?"' in refused.content.decode()

    organiser_client.post(
        response.url,
        {
            "question-position": 1,
            "question-text": "Which format?",
            "question-kind": "choice",
            "question-options": "Online\nIn person\n",
        },
    )
    assert list(Question.objects.values_list("text", "options")) == [
        ("Which format?", ["Online", "In person"])
    ]


def test_an_answered_question_cannot_be_removed(organiser_client, survey):
    question = survey.questions.get(position=1)

    organiser_client.post(reverse("orga:feedback_question_remove", args=[survey.pk, question.pk]))

    assert survey.questions.count() == 3
