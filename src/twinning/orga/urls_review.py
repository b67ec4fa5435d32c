"""Organiser pages for invitations, registrations and practices under review."""

from django.urls import path

from twinning.orga.views import invitations, review

urlpatterns = [
    path("registrations/", review.registration_list, name="registrations"),
    path("registrations/<int:pk>/", review.registration_detail, name="registration"),
    path("registrations/<int:pk>/decide/", review.registration_decide, name="registration_decide"),
    path("practices/<int:pk>/decide/", review.practice_decide, name="practice_decide"),
    path("invitations/", invitations.invitation_list, name="invitations"),
]
