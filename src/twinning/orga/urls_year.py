"""Organiser pages of the programme year: workshops, visits, expense claims, progress."""

from django.urls import path

from twinning.orga.views import year

urlpatterns = [
    path("year/", year.progress, name="year_progress"),
    path("year/workshops/", year.workshop_list, name="year_workshops"),
    path("year/workshops/new/", year.workshop_form, name="year_workshop_new"),
    path("year/workshops/<int:pk>/", year.workshop_detail, name="year_workshop"),
    path("year/workshops/<int:pk>/edit/", year.workshop_form, name="year_workshop_edit"),
    path("year/visits/", year.visit_list, name="year_visits"),
    path("year/visits/<int:pk>/decide/", year.visit_decide, name="year_visit_decide"),
    path("year/claims/", year.claim_list, name="year_claims"),
    path("year/claims/export.<str:fmt>", year.claim_export, name="year_claims_export"),
    path("year/claims/<int:pk>/", year.claim_detail, name="year_claim"),
    path(
        "year/claims/<int:pk>/receipts/<int:receipt_pk>/",
        year.claim_receipt,
        name="year_claim_receipt",
    ),
]
