"""Organiser pages of Matchmaking Days: set-up, scheduling runs, publishing, the grid,
attendance."""

from django.urls import path

from twinning.orga.views import matchmaking as views

urlpatterns = [
    path("matchmaking/", views.day_list, name="matchmaking_days"),
    path("matchmaking/new/", views.day_new, name="matchmaking_day_new"),
    path("matchmaking/<int:pk>/", views.day_detail, name="matchmaking_day"),
    path("matchmaking/<int:pk>/edit/", views.day_edit, name="matchmaking_day_edit"),
    path("matchmaking/<int:pk>/runs/", views.run_start, name="matchmaking_run_start"),
    path("matchmaking/runs/<int:pk>/", views.run_detail, name="matchmaking_run"),
    path("matchmaking/runs/<int:pk>/requeue/", views.run_requeue, name="matchmaking_run_requeue"),
    path("matchmaking/meetings/<int:pk>/lock/", views.meeting_lock, name="matchmaking_lock"),
    path("matchmaking/<int:pk>/publish/", views.publish, name="matchmaking_publish"),
    path("matchmaking/<int:pk>/grid/", views.grid, name="matchmaking_grid"),
    path("matchmaking/<int:pk>/grid.<str:fmt>", views.grid_export, name="matchmaking_grid_export"),
    path("matchmaking/<int:pk>/report/", views.report, name="matchmaking_report"),
    path(
        "matchmaking/<int:pk>/report-<slug:table>.<str:fmt>",
        views.report_export,
        name="matchmaking_report_export",
    ),
    path("matchmaking/<int:pk>/people/", views.people_present, name="matchmaking_people"),
    path(
        "matchmaking/<int:pk>/people.<str:fmt>",
        views.people_export,
        name="matchmaking_people_export",
    ),
]
