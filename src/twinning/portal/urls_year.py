"""The twinning's workspace: workshops, visits, expense claims."""

from django.urls import path

from twinning.portal import certificates, year

urlpatterns = [
    path("twinnings/", year.twinning_list, name="twinnings"),
    path("twinnings/<int:pk>/", year.workspace, name="workspace"),
    path(
        "twinnings/<int:pk>/certificates/<int:certificate_pk>.pdf",
        certificates.certificate_download,
        name="certificate",
    ),
    path(
        "twinnings/<int:pk>/workshops/<int:workshop_pk>/register/",
        year.workshop_register,
        name="workshop_register",
    ),
    path(
        "twinnings/<int:pk>/workshops/<int:workshop_pk>/unregister/",
        year.workshop_unregister,
        name="workshop_unregister",
    ),
    path(
        "twinnings/<int:pk>/workshops/<int:workshop_pk>/calendar.ics",
        year.workshop_ics,
        name="workshop_ics",
    ),
    path(
        "twinnings/<int:pk>/workshops/<int:workshop_pk>/materials/<int:material_pk>/",
        year.workshop_material,
        name="workshop_material",
    ),
    path("twinnings/<int:pk>/visits/new/", year.visit_new, name="visit_new"),
    path("twinnings/<int:pk>/visits/<int:visit_pk>/", year.visit_detail, name="visit"),
    path("twinnings/<int:pk>/visits/<int:visit_pk>/edit/", year.visit_edit, name="visit_edit"),
    path("twinnings/<int:pk>/visits/<int:visit_pk>/state/", year.visit_state, name="visit_state"),
    path(
        "twinnings/<int:pk>/visits/<int:visit_pk>/claims/new/",
        year.claim_new,
        name="claim_new",
    ),
    path("twinnings/<int:pk>/claims/<int:claim_pk>/", year.claim_detail, name="claim"),
    path(
        "twinnings/<int:pk>/claims/<int:claim_pk>/receipts/<int:receipt_pk>/",
        year.receipt_download,
        name="receipt",
    ),
]
