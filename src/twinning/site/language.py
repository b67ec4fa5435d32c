"""Which language a page is in: its address first, else the reader's choice or browser.

English pages keep their unprefixed addresses (/portal/), the other languages live under
their prefix (/fr/portal/). A reader who opens an unprefixed page is sent to their own
language's copy of it when they chose one (stored on their account or in the language
cookie) or, on a first visit, when their browser asks for one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from twinning.accounts.domain.preferences import set_language as store_language


def offered(language: str | None) -> str | None:
    """`language` or its base language if the site offers it (fr-BE -> fr), else None."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None


def preferred_language(request) -> str:
    """The signed-in person's choice, else the language cookie, else the browser's wish."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and offered(user.language):
        return offered(user.language)
    return translation.get_language_from_request(request, check_path=False)


def prefixed_path(request, language: str) -> str | None:
    """The address of this page in `language`, or None if no such page exists."""
    with translation.override(language):
        if not is_valid_path(f"/{language}{request.path_info}", getattr(request, "urlconf", None)):
            return None
    prefix = get_script_prefix()
    return request.get_full_path().replace(prefix, f"{prefix}{language}/", 1)


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return None
        language = preferred_language(request)
        if has_language_copies(request.path_info, getattr(request, "urlconf", None)):
            # An English page: readers who chose another language go to their copy.
            if request.method in ("GET", "HEAD") and language != settings.LANGUAGE_CODE:
                target = prefixed_path(request, language)
                if target is not None:
                    redirect = HttpResponseRedirect(target)
                    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                    return redirect
            return None
        # Addresses without language copies (the API, unknown pages) answer in the
        # language the reader prefers.
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None


def has_language_copies(path: str, urlconf=None) -> bool:
    """Whether the unprefixed `path` is a page that also exists under the language prefixes."""
    other = next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    with translation.override(other):
        return is_valid_path(f"/{other}{path}", urlconf)


@require_POST
def choose_language(request):
    """The language switcher: Django's set_language, and the choice kept on the account."""
    # Django finds the page's copy in the chosen language by reading `next` in the
    # language it is written in.
    page = urlsplit(request.POST.get("next") or request.headers.get("referer") or "/").path
    translation.activate(translation.get_language_from_path(page) or settings.LANGUAGE_CODE)
    response = set_language(request)
    language = offered(request.POST.get("language"))
    if language and request.user.is_authenticated:
        store_language(request.user, language, by=request.user)
    return response
