"""Countries that can take part: EU member states and Horizon Europe associated countries."""

from django.utils.translation import gettext_lazy, gettext_noop

_EU_NAMES = {
    "AT": gettext_noop("Austria"),
    "BE": gettext_noop("Belgium"),
    "BG": gettext_noop("Bulgaria"),
    "HR": gettext_noop("Croatia"),
    "CY": gettext_noop("Cyprus"),
    "CZ": gettext_noop("Czechia"),
    "DK": gettext_noop("Denmark"),
    "EE": gettext_noop("Estonia"),
    "FI": gettext_noop("Finland"),
    "FR": gettext_noop("France"),
    "DE": gettext_noop("Germany"),
    "GR": gettext_noop("Greece"),
    "HU": gettext_noop("Hungary"),
    "IE": gettext_noop("Ireland"),
    "IT": gettext_noop("Italy"),
    "LV": gettext_noop("Latvia"),
    "LT": gettext_noop("Lithuania"),
    "LU": gettext_noop("Luxembourg"),
    "MT": gettext_noop("Malta"),
    "NL": gettext_noop("Netherlands"),
    "PL": gettext_noop("Poland"),
    "PT": gettext_noop("Portugal"),
    "RO": gettext_noop("Romania"),
    "SK": gettext_noop("Slovakia"),
    "SI": gettext_noop("Slovenia"),
    "ES": gettext_noop("Spain"),
    "SE": gettext_noop("Sweden"),
}

# Countries associated to Horizon Europe (the list grows; check it each cohort).
_ASSOCIATED_NAMES = {
    "AL": gettext_noop("Albania"),
    "AM": gettext_noop("Armenia"),
    "BA": gettext_noop("Bosnia and Herzegovina"),
    "CA": gettext_noop("Canada"),
    "CH": gettext_noop("Switzerland"),
    "FO": gettext_noop("Faroe Islands"),
    "GE": gettext_noop("Georgia"),
    "IL": gettext_noop("Israel"),
    "IS": gettext_noop("Iceland"),
    "KR": gettext_noop("Republic of Korea"),
    "MD": gettext_noop("Moldova"),
    "ME": gettext_noop("Montenegro"),
    "MK": gettext_noop("North Macedonia"),
    "NO": gettext_noop("Norway"),
    "NZ": gettext_noop("New Zealand"),
    "RS": gettext_noop("Serbia"),
    "TN": gettext_noop("Tunisia"),
    "TR": gettext_noop("Türkiye"),
    "UA": gettext_noop("Ukraine"),
    "GB": gettext_noop("United Kingdom"),
    "XK": gettext_noop("Kosovo"),
}

# English names are sorted without translating anything at import time.
_ENGLISH = {**_EU_NAMES, **_ASSOCIATED_NAMES}
EU_MEMBER_STATES = {code: gettext_lazy(name) for code, name in _EU_NAMES.items()}
ASSOCIATED_COUNTRIES = {code: gettext_lazy(name) for code, name in _ASSOCIATED_NAMES.items()}
COUNTRIES = {**EU_MEMBER_STATES, **ASSOCIATED_COUNTRIES}
COUNTRY_CHOICES = [(code, COUNTRIES[code]) for code in sorted(_ENGLISH, key=_ENGLISH.get)]


def country_name(code: str) -> str:
    return str(COUNTRIES.get(code, code))


def is_eligible_country(code: str) -> bool:
    return code in COUNTRIES
