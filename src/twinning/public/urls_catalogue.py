"""Public catalogue: published practices and city profiles."""

from django.urls import path

from twinning.public import catalogue

urlpatterns = [
    path("practices/", catalogue.practice_list, name="practices"),
    path("practices/<slug:slug>/", catalogue.practice_detail, name="practice"),
    path(
        "practices/<slug:slug>/files/<int:pk>/",
        catalogue.practice_attachment,
        name="practice_attachment",
    ),
    path("cities/", catalogue.city_list, name="cities"),
    path("cities/<slug:slug>/", catalogue.city_detail, name="city"),
]
