"""The organisers' dashboard in sections, its downloads and the cohort report."""

from django.urls import path

from twinning.orga.views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:section>/", dashboard.dashboard, name="dashboard_section"),
    path("dashboard/<slug:slug>/report.pdf", dashboard.dashboard_report, name="dashboard_report"),
    path(
        "dashboard/<slug:slug>/<slug:table>.<str:fmt>",
        dashboard.dashboard_export,
        name="dashboard_export",
    ),
]
