"""Pages added to this audience's address space."""

urlpatterns = []
