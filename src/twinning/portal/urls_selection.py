"""City representatives' pages for preferences, interests and answering a twinning."""

from django.urls import path

from twinning.portal import preferences

urlpatterns = [
    path("twins/", preferences.overview, name="selection"),
    path("twins/<int:city_pk>/preferences/", preferences.preferences, name="preferences"),
    path(
        "twins/preferences/<int:pk>/<str:direction>/",
        preferences.preference_move,
        name="preference_move",
    ),
    path("twins/<int:city_pk>/interests/", preferences.interests, name="interests"),
    path("twinnings/<int:pk>/answer/", preferences.twinning_answer, name="twinning_answer"),
]
