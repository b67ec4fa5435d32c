"""Organiser pages of Matchmaking Days: scheduling runs, publishing, the grid, attendance."""

from django.urls import path

from twinning.orga.views import matchmaking as views

urlpatterns = [
    path("matchmaking/", views.day_list, name="matchmaking_days"),
    path("matchmaking/<int:pk>/", views.day_detail, name="matchmaking_day"),
    path("matchmaking/<int:pk>/runs/", views.run_start, name="matchmaking_run_start"),
    path("matchmaking/runs/<int:pk>/", views.run_detail, name="matchmaking_run"),
    path("matchmaking/meetings/<int:pk>/lock/", views.meeting_lock, name="matchmaking_lock"),
    path("matchmaking/<int:pk>/publish/", views.publish, name="matchmaking_publish"),
    path("matchmaking/<int:pk>/grid/", views.grid, name="matchmaking_grid"),
    path("matchmaking/<int:pk>/grid.<str:fmt>", views.grid_export, name="matchmaking_grid_export"),
]
