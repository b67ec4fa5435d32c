from django.urls import include, path

from twinning.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # registration of a city for a cohort, its practices
    path("", include("twinning.portal.urls_registration")),
    path("", include("twinning.portal.urls_matchmaking")),
    path("", include("twinning.portal.urls_selection")),
    path("", include("twinning.portal.urls_recommendations")),
    # the programme year: workspaces, workshops, visits and expenses, joint plans
    path("", include("twinning.portal.urls_year")),
    path("", include("twinning.portal.urls_plans")),
    # messages between cities
    path("", include("twinning.portal.urls_conversations")),
    # a person's own data: download, delete the account
    path("", include("twinning.portal.urls_account")),
]
