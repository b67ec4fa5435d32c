from django.urls import path

from twinning.orga import views

app_name = "orga"
urlpatterns = [
    path("", views.home, name="home"),
]
