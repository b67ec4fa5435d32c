from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from twinning.site.language import has_language_copies
from twinning.site.menus import is_organiser, is_staff, menu_for, represented_cities


def menus(request):
    """The role links of the header and the menu of the page's area, worked out only when
    a template draws them."""
    user = request.user

    def roles():
        if not user.is_authenticated:
            return {}
        return {
            # A newcomer without a city yet starts from the portal, where they register one.
            "cities": bool(represented_cities(request)) or not is_staff(user),
            "organiser": is_organiser(user),
            "facilitator": is_staff(user) and not is_organiser(user),
        }

    return {
        "area_menu": SimpleLazyObject(lambda: menu_for(request)),
        "roles": SimpleLazyObject(roles),
    }


def languages(request):
    """The page's copies in each language, for the switcher and the hreflang alternates."""

    def copies():
        current = translation.get_language()
        match = getattr(request, "resolver_match", None)
        page = request.get_full_path()
        found = []
        for code, _name in settings.LANGUAGES:
            info = translation.get_language_info(code)
            url = translate_url(page, code) if match is not None else None
            found.append(
                {
                    "code": code,
                    "name": info["name_local"][:1].upper() + info["name_local"][1:],
                    "current": code == current,
                    # Only pages that exist in every language have alternates.
                    "url": request.build_absolute_uri(url) if url else "",
                }
            )
        translated = match is not None and bool(
            translation.get_language_from_path(request.path_info)
            or has_language_copies(request.path_info)
        )
        return {"all": found, "alternates": translated}

    return {"site_languages": SimpleLazyObject(copies)}
