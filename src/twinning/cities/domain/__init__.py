"""Writes of the cities app: the programme's list of cities and of Mission cities."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from twinning.cities.domain.geonames import GeoCity, match_city
from twinning.cities.models import City
from twinning.common.audit import record_action

MISSION_CITIES_CSV = Path(__file__).resolve().parent.parent / "data" / "mission_cities.csv"


@dataclass
class MissionListReport:
    created: list[City] = field(default_factory=list)
    updated: list[City] = field(default_factory=list)
    unmatched: list[dict[str, str]] = field(default_factory=list)


def city_slug(name: str, country: str) -> str:
    return f"{slugify(name)}-{country.lower()}"


def _coordinates(geo: GeoCity) -> dict:
    return {
        "latitude": Decimal(str(round(geo.latitude, 5))),
        "longitude": Decimal(str(round(geo.longitude, 5))),
        "population": geo.population,
    }


def get_or_create_city(name: str, country: str, *, name_en: str = "") -> tuple[City, bool]:
    """The city of that name in that country, taken from GeoNames; never a duplicate.

    A city already known by its GeoNames id, or by name and country when it has
    none, is returned as it is.
    """
    geo = match_city([name, name_en], country)
    if geo is not None:
        existing = City.objects.filter(geonames_id=geo.geonames_id).first()
        if existing:
            return existing, False
        return (
            City.objects.create(
                name=name,
                name_en=name_en or geo.name,
                slug=city_slug(name_en or name, country),
                country=country,
                geonames_id=geo.geonames_id,
                **_coordinates(geo),
            ),
            True,
        )
    existing = City.objects.filter(country=country, name=name).first()
    if existing:
        return existing, False
    return (
        City.objects.create(
            name=name,
            name_en=name_en or name,
            slug=city_slug(name_en or name, country),
            country=country,
        ),
        True,
    )


def read_mission_list(path: Path = MISSION_CITIES_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_mission_cities(rows: list[dict[str, str]] | None = None, *, by=None) -> MissionListReport:
    """Mark the cities of the Mission list as Mission cities, matched to GeoNames.

    Idempotent. A row of several cities joined by “ & ” becomes one joint entry
    whose members are the matched cities. Rows with no GeoNames match are kept
    without an id and listed in the report's `unmatched`, never guessed.
    """
    report = MissionListReport()
    for row in rows if rows is not None else read_mission_list():
        name, name_en, country = row["name"].strip(), row["name_en"].strip(), row["country"]
        parts = [part.strip() for part in name.split(" & ")]
        if len(parts) > 1:
            city, created = _joint_entry(name, name_en, country, parts, report)
        else:
            geo = match_city([name, name_en], country)
            if geo is None:
                report.unmatched.append(row)
                city = City.objects.filter(country=country, name=name).first()
                created = city is None
                if created:
                    city = City.objects.create(
                        name=name,
                        name_en=name_en,
                        slug=city_slug(name_en, country),
                        country=country,
                    )
            else:
                city, created = City.objects.get_or_create(
                    geonames_id=geo.geonames_id,
                    defaults={
                        "name": name,
                        "name_en": name_en,
                        "slug": city_slug(name_en, country),
                        "country": country,
                        **_coordinates(geo),
                    },
                )
        changed = not city.is_mission_city or city.mission_source != row.get("source", "")
        if changed:
            city.is_mission_city = True
            city.mission_source = row.get("source", "")
            city.save(update_fields=["is_mission_city", "mission_source"])
        if created:
            report.created.append(city)
        elif changed:
            report.updated.append(city)
    if report.created or report.updated:
        record_action(
            "cities.mission_list_loaded",
            by=by,
            created=len(report.created),
            updated=len(report.updated),
            unmatched=[row["name"] for row in report.unmatched],
        )
    return report


def _joint_entry(name, name_en, country, parts, report) -> tuple[City, bool]:
    members = []
    for part in parts:
        geo = match_city([part], country)
        if geo is None:
            report.unmatched.append({"name": part, "name_en": part, "country": country})
            continue
        member, _created = City.objects.get_or_create(
            geonames_id=geo.geonames_id,
            defaults={
                "name": part,
                "name_en": geo.name,
                "slug": city_slug(geo.name, country),
                "country": country,
                **_coordinates(geo),
            },
        )
        members.append(member)
    joint, created = City.objects.get_or_create(
        country=country,
        name=name,
        geonames_id=None,
        defaults={"name_en": name_en, "slug": city_slug(name_en, country)},
    )
    if members:
        first = members[0]
        joint.latitude, joint.longitude = first.latitude, first.longitude
        joint.population = sum(m.population or 0 for m in members) or None
        joint.save(update_fields=["latitude", "longitude", "population"])
        joint.members.add(*members)
    return joint, created
