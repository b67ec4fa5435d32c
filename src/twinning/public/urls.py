from django.urls import path

from twinning.public import views

app_name = "public"
urlpatterns = [
    path("", views.programme_page, name="home"),
]
