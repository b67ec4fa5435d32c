"""Cities of a cohort with ambitions and practices, for recommendation tests."""

from django.utils.text import slugify

from tests.factories import CityFactory, MissionCityFactory, RegistrationFactory
from tests.factories.practices import PracticeFactory
from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Ambition
from twinning.themes.models import Theme


def mission_city(cohort, name, ambitions, *, population=None, country="IT", **registration):
    """A Mission city registered in `cohort` with `ambitions`: [(theme code, text)]."""
    city = MissionCityFactory(
        name=name, name_en=name, slug=slugify(name), population=population, country=country
    )
    registration.setdefault("state", RegistrationState.ACCEPTED)
    reg = RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION, **registration)
    themes = {t.code: t for t in Theme.objects.all()}
    Ambition.objects.bulk_create(
        Ambition(registration=reg, theme=themes[code], text=text) for code, text in ambitions
    )
    return city


def minded_city(cohort, name, practices, *, population=None, country="PT", **registration):
    """A Mission-minded city in `cohort` with published `practices`: [(title, text, themes)]."""
    city = CityFactory(
        name=name, name_en=name, slug=slugify(name), population=population, country=country
    )
    registration.setdefault("state", RegistrationState.ACCEPTED)
    reg = RegistrationFactory(
        cohort=cohort, city=city, kind=CityKind.MISSION_MINDED, **registration
    )
    for title, text, themes in practices:
        PracticeFactory(
            registration=reg,
            title=title,
            slug=slugify(f"{name} {title}")[:200],
            summary=text,
            description="",
            themes=themes,
        )
    return city
