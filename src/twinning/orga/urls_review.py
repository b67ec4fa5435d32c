"""Organiser pages for invitations, registrations and practices under review."""

urlpatterns: list = []
