"""Organiser pages for preferences, selection runs and twinnings."""

from django.urls import path

from twinning.orga.views import lifecycle, selection

urlpatterns = [
    path("selection/", selection.run_list, name="selection_runs"),
    path("selection/preferences/", selection.preference_list, name="selection_preferences"),
    path("selection/new/", selection.run_new, name="selection_run_new"),
    path("selection/compare/", selection.run_compare, name="selection_compare"),
    path("selection/<int:pk>/", selection.run_detail, name="selection_run"),
    path("selection/<int:pk>/confirm/", selection.run_confirm, name="selection_run_confirm"),
    path("selection/<int:pk>/requeue/", selection.run_requeue, name="selection_run_requeue"),
    path("twinnings/", selection.twinning_list, name="twinnings"),
    path("twinnings/publish/", selection.twinnings_publish, name="twinnings_publish"),
    path("twinnings/<int:pk>/withdraw/", selection.twinning_withdraw, name="twinning_withdraw"),
    path("twinnings/<int:pk>/close/", lifecycle.twinning_close, name="twinning_close"),
    path("twinnings/<int:pk>/plan-kind/", lifecycle.twinning_plan_kind, name="twinning_plan_kind"),
    path(
        "twinnings/<int:pk>/certificates/",
        lifecycle.twinning_certificates_issue,
        name="twinning_certificates",
    ),
]
