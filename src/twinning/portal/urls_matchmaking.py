"""City representatives' pages of Matchmaking Days."""

from django.urls import path

from twinning.portal import matchmaking as views

urlpatterns = [
    path("matchmaking/", views.day_list, name="matchmaking_days"),
    path("matchmaking/<int:day>/cities/<int:city>/", views.city_day, name="matchmaking_city"),
    path(
        "matchmaking/<int:day>/cities/<int:city>/availability/",
        views.availability,
        name="matchmaking_availability",
    ),
    path(
        "matchmaking/<int:day>/cities/<int:city>/participants/",
        views.participants,
        name="matchmaking_participants",
    ),
    path(
        "matchmaking/<int:day>/cities/<int:city>/participants/<int:other>/request/",
        views.request_new,
        name="matchmaking_request_new",
    ),
    path(
        "matchmaking/<int:day>/cities/<int:city>/agenda/",
        views.agenda,
        name="matchmaking_agenda",
    ),
    path(
        "matchmaking/requests/<int:pk>/<slug:action>/",
        views.request_action,
        name="matchmaking_request_action",
    ),
    path("matchmaking/feed/<str:token>.ics", views.feed, name="matchmaking_feed"),
]
