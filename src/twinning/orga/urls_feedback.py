"""Organiser pages of the feedback surveys."""

from django.urls import path

from twinning.orga.views import feedback

urlpatterns = [
    path("feedback/", feedback.survey_list, name="feedback_surveys"),
    path("feedback/new/", feedback.survey_form, name="feedback_survey_new"),
    path("feedback/<int:pk>/", feedback.survey_detail, name="feedback_survey"),
    path("feedback/<int:pk>/edit/", feedback.survey_form, name="feedback_survey_edit"),
    path(
        "feedback/<int:pk>/questions/<int:question_pk>/",
        feedback.survey_detail,
        name="feedback_question",
    ),
    path(
        "feedback/<int:pk>/questions/<int:question_pk>/remove/",
        feedback.question_remove,
        name="feedback_question_remove",
    ),
    path("feedback/<int:pk>/results/", feedback.survey_results_page, name="feedback_results"),
    path("feedback/<int:pk>/answers.<str:fmt>", feedback.survey_export, name="feedback_export"),
]
