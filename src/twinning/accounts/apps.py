from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "twinning.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415 - apps load first

        user_logged_in.connect(remember_language, dispatch_uid="twinning.remember_language")


def remember_language(sender, request, user, **kwargs):
    """A person who never chose a language keeps the one they signed in with: that of the
    sign-in page's request (a session opened without a page, by a test or a command, has
    none and stores nothing)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if not user.language and language in dict(settings.LANGUAGES):
        # Not a choice of theirs, so not in the record of what people did.
        user.language = language
        user.save(update_fields=["language"])
