from django.urls import include, path

from twinning.orga.views import home

app_name = "orga"
urlpatterns = [
    path("", home.home, name="home"),
    # registrations, invitations, practices under review
    path("", include("twinning.orga.urls_review")),
]
