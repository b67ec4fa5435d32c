"""Pages added to this audience's address space."""

from django.urls import path

from twinning.orga.views import privacy

urlpatterns = [
    path("people/", privacy.people, name="people"),
    path("people/<int:pk>/", privacy.person, name="person"),
    path("people/<int:pk>/data.json", privacy.person_export, name="person_export"),
    path("people/<int:pk>/delete/", privacy.person_delete, name="person_delete"),
    path("audit/", privacy.audit, name="audit"),
    path(
        "audit/<int:content_type_id>/<str:object_id>/",
        privacy.audit_object,
        name="audit_object",
    ),
]
