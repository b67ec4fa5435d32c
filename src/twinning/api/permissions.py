from rest_framework.permissions import BasePermission


class IsOrganiser(BasePermission):
    """A member of the programme team, signed in with an API token."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("api.use_organiser_api"))
