from django.urls import include, path

from twinning.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # registration of a city for a cohort, its practices
    path("", include("twinning.portal.urls_registration")),
    path("", include("twinning.portal.urls_matchmaking")),
    path("", include("twinning.portal.urls_selection")),
]
