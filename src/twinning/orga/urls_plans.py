"""Organiser pages for joint plans."""

from django.urls import path

from twinning.orga.views import plans

urlpatterns = [
    path("plans/", plans.plan_list, name="plans"),
    path("plans/<int:pk>/decide/", plans.plan_decide, name="plan_decide"),
]
