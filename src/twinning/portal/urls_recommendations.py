"""Recommended twins of a city."""

from django.urls import path

from twinning.portal import recommendations

urlpatterns = [
    path(
        "recommendations/<int:city_pk>/",
        recommendations.recommendations,
        name="recommendations",
    ),
]
