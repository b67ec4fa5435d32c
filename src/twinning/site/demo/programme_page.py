"""The public programme page's own content in the demo: the years of the earlier cohorts,
cohort 7's "Why join" text, some of its texts in French and Italian (the others are read
in English), and its partners with their logos (files kept in data/)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

from django.core.files.base import ContentFile

from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Cohort, Milestone, Partner

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
LOGOS = Path(__file__).parent / "data"

# The programme years of the earlier cohorts, which date the programme's figures
# ("cities supported since 2023").
EARLIER_PROGRAMME_YEARS = {
    1: (dt.date(2023, 3, 1), dt.date(2023, 12, 15)),
    2: (dt.date(2023, 9, 1), dt.date(2024, 6, 28)),
    3: (dt.date(2024, 3, 1), dt.date(2024, 12, 13)),
    4: (dt.date(2024, 9, 2), dt.date(2025, 6, 27)),
}

WHY_JOIN = (
    "Learn from a city that has already made a climate solution work, and adapt it to your "
    "own Climate City Contract with its team at your side.\n\n"
    "Travel and hosting costs of two city visits are covered, online workshops guide the "
    "twinned cities through the year, and the joint Action Plan you write together feeds "
    "the Mission city's investment and action plans."
)

TRANSLATIONS = {
    "fr": {
        "introduction": (
            "Le programme de jumelage associe des villes de la Mission à des villes "
            "« Mission-minded » qui ont déjà testé des solutions pour le climat dans des projets "
            "européens. Les dates de cette cohorte de démonstration sont fixées autour du jour "
            "où la démonstration a été chargée."
        ),
        "why_join": (
            "Apprenez d'une ville qui a déjà fait fonctionner une solution pour le climat, et "
            "adaptez-la à votre propre Contrat de ville climatique, avec son équipe à vos "
            "côtés.\n\n"
            "Les frais de voyage et d'hébergement de deux visites de ville sont pris en charge, "
            "des ateliers en ligne guident les villes jumelées tout au long de l'année, et le "
            "plan d'action commun que vous rédigez ensemble nourrit les plans d'action et "
            "d'investissement de la ville de la Mission."
        ),
    },
    "it": {
        "why_join": (
            "Imparate da una città che ha già fatto funzionare una soluzione per il clima e "
            "adattatela al vostro Contratto climatico cittadino, con la sua squadra al vostro "
            "fianco.\n\n"
            "Le spese di viaggio e di alloggio di due visite sono coperte, laboratori online "
            "accompagnano le città gemellate durante l'anno e il piano d'azione comune che "
            "scrivete insieme alimenta i piani d'azione e di investimento della città della "
            "Missione."
        ),
    },
}

# (name, link, logo file, position)
PARTNERS = [
    ("NetZeroCities", "https://netzerocities.eu/", "netzerocities.svg", 1),
    (
        "EU Cities Mission",
        "https://research-and-innovation.ec.europa.eu/funding/funding-opportunities/"
        "funding-programmes-and-open-calls/horizon-europe/eu-missions-horizon-europe/"
        "climate-neutral-and-smart-cities_en",
        "eu-cities-mission.svg",
        2,
    ),
    ("POCITYF", "https://pocityf.eu/", "pocityf.svg", 3),
]


def load_demo_programme_page() -> None:
    """Idempotent: the same rows and files whenever it runs again."""
    for number, (first, last) in EARLIER_PROGRAMME_YEARS.items():
        cohort = Cohort.objects.filter(number=number).first()
        if cohort is None:
            continue
        Milestone.objects.update_or_create(
            cohort=cohort,
            kind=MilestoneKind.PROGRAMME,
            defaults={
                "description": str(MilestoneKind.PROGRAMME.label),
                "starts_at": dt.datetime.combine(first, dt.time(9), tzinfo=BRUSSELS),
                "ends_at": dt.datetime.combine(last, dt.time(17), tzinfo=BRUSSELS),
                "time_zone": "Europe/Brussels",
            },
        )
    cohort = Cohort.objects.filter(number=7).first()
    if cohort is None:
        return
    if (cohort.why_join, cohort.translations) != (WHY_JOIN, TRANSLATIONS):
        cohort.why_join, cohort.translations = WHY_JOIN, TRANSLATIONS
        cohort.save(update_fields=["why_join", "translations"])
    for name, link, filename, position in PARTNERS:
        partner, _created = Partner.objects.update_or_create(
            cohort=cohort,
            name=name,
            defaults={"link": link, "position": position, "logo_type": "image/svg+xml"},
        )
        if not partner.logo or not partner.logo.storage.exists(partner.logo.name):
            # The demo's own drawings: files of the repository, not uploads, so the upload
            # check (which refuses SVG from people) does not apply.
            partner.logo.save(filename, ContentFile((LOGOS / filename).read_bytes()), save=True)
