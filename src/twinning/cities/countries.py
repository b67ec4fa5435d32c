"""Countries that can take part: EU member states and Horizon Europe associated countries."""

from django.utils.translation import gettext_lazy as _

EU_MEMBER_STATES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "HR": _("Croatia"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "FI": _("Finland"),
    "FR": _("France"),
    "DE": _("Germany"),
    "GR": _("Greece"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LV": _("Latvia"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SK": _("Slovakia"),
    "SI": _("Slovenia"),
    "ES": _("Spain"),
    "SE": _("Sweden"),
}

# Countries associated to Horizon Europe (the list grows; check it each cohort).
ASSOCIATED_COUNTRIES = {
    "AL": _("Albania"),
    "AM": _("Armenia"),
    "BA": _("Bosnia and Herzegovina"),
    "CA": _("Canada"),
    "CH": _("Switzerland"),
    "FO": _("Faroe Islands"),
    "GE": _("Georgia"),
    "IL": _("Israel"),
    "IS": _("Iceland"),
    "KR": _("Republic of Korea"),
    "MD": _("Moldova"),
    "ME": _("Montenegro"),
    "MK": _("North Macedonia"),
    "NO": _("Norway"),
    "NZ": _("New Zealand"),
    "RS": _("Serbia"),
    "TN": _("Tunisia"),
    "TR": _("Türkiye"),
    "UA": _("Ukraine"),
    "GB": _("United Kingdom"),
    "XK": _("Kosovo"),
}

COUNTRIES = {**EU_MEMBER_STATES, **ASSOCIATED_COUNTRIES}
COUNTRY_CHOICES = sorted(COUNTRIES.items(), key=lambda item: str(item[1]))


def country_name(code: str) -> str:
    return str(COUNTRIES.get(code, code))


def is_eligible_country(code: str) -> bool:
    return code in COUNTRIES
