from django.utils.functional import SimpleLazyObject

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
