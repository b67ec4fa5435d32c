from django.urls import include, path

from twinning.public import views

app_name = "public"
urlpatterns = [
    path("", views.programme_page, name="home"),
    # the catalogue of practices and the city pages
    path("", include("twinning.public.urls_catalogue")),
]
