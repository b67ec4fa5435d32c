from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from twinning.common.limits import client_address
from twinning.mail.domain import queue_rendered_mail, recipients_by_language


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and (user.is_organiser or user.is_superuser):
            return reverse("orga:home")
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request):
        """Sign-in limits count the address the rest of the site sees (TRUSTED_PROXIES)."""
        return client_address(request)

    def send_mail(self, template_prefix, email, context):
        """Account e-mails (verification, password reset) go through the outbox too."""

        request = allauth_context.request
        # Written in the language the recipient chose, like every other mail.
        language = next(iter(recipients_by_language([email])))
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **context,
                },
            )
        queue_rendered_mail(
            template_prefix, message.to, message.subject, message.body, language=language
        )

    def save_user(self, request, user, form, commit=True):
        """A new account reads the site and its mail in the language it signed up in."""
        user.language = translation.get_language() or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)
