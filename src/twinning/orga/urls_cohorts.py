"""Organiser pages of the cohorts and their windows, and the planning of webinars."""

from django.urls import path

from twinning.orga.views import cohorts, webinars

urlpatterns = [
    path("cohorts/", cohorts.cohort_list, name="cohorts"),
    path("cohorts/new/", cohorts.cohort_form, name="cohort_new"),
    path("cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/edit/", cohorts.cohort_form, name="cohort_edit"),
    path("cohorts/<int:cohort_pk>/windows/new/", cohorts.milestone_form, name="milestone_new"),
    path(
        "cohorts/<int:cohort_pk>/windows/<int:pk>/edit/",
        cohorts.milestone_form,
        name="milestone_edit",
    ),
    path(
        "cohorts/<int:cohort_pk>/windows/<int:pk>/extend/",
        cohorts.milestone_extend,
        name="milestone_extend",
    ),
    path("cohorts/<int:cohort_pk>/partners/new/", cohorts.partner_form, name="cohort_partner_new"),
    path(
        "cohorts/<int:cohort_pk>/partners/<int:pk>/edit/",
        cohorts.partner_form,
        name="cohort_partner_edit",
    ),
    path(
        "cohorts/<int:cohort_pk>/partners/<int:pk>/delete/",
        cohorts.partner_delete,
        name="cohort_partner_delete",
    ),
    path("webinars/new/", webinars.webinar_form, name="webinar_new"),
    path("webinars/<int:pk>/edit/", webinars.webinar_form, name="webinar_edit"),
    path("webinars/<int:pk>/cancel/", webinars.webinar_cancel, name="webinar_cancel"),
]
