from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and (user.is_organiser or user.is_superuser):
            return reverse("orga:home")
        return super().get_login_redirect_url(request)
