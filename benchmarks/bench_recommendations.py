"""Benchmark of recommended twins: the time to compute them for one city and for a cohort.

    .venv/bin/python benchmarks/bench_recommendations.py [--sizes cohort,wide,5x] [--repeat 5]

Builds each instance in a fresh SQLite database in a temporary folder (or in the
database DATABASE_URL names), then prints a Markdown table: for each size, the
median time of the recommendations of one Mission city and of one Mission-minded
city (the page's work: loading the cohort, fitting TF-IDF, scoring, wording the
reasons), of all the cohort's cities from one load, and the queries for one city.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass

# Fixed words so that every run builds the same instance.
SEED = 20260528
PHRASES = [
    "district heating", "public housing", "tenants", "heat pumps", "solar panels",
    "energy communities", "EU funds", "private investment", "green bonds", "bike lanes",
    "electric buses", "shared mobility", "parking policy", "citizen assemblies",
    "participatory budget", "energy data", "building renovation", "insulation",
    "green roofs", "tree planting", "flood protection", "circular construction",
    "waste sorting", "food waste", "industrial symbiosis", "port electrification",
    "street lighting", "schools", "sports halls", "procurement", "one-stop shop",
    "energy advice", "monitoring emissions", "digital twin", "urban data platform",
    "heritage buildings", "social housing", "low-emission zone", "logistics hubs",
    "rainwater", "biogas", "geothermal energy", "wind power", "battery storage",
]  # fmt: skip
FIELDS = [
    "energy-systems", "mobility-transport", "built-environment", "waste-circular-economy",
    "green-infrastructure-nbs", "industry",
]  # fmt: skip
LEVERS = [
    "technology-infrastructure", "governance-policy", "social-innovation",
    "democracy-participation", "learning-capabilities", "monitoring-data", "finance-funding",
]  # fmt: skip
COUNTRIES = ["IT", "ES", "FR", "DE", "PL", "PT", "NL", "SE", "FI", "CZ", "RO", "GR", "TR", "NO"]


@dataclass(frozen=True)
class Size:
    name: str
    mission: int
    minded: int
    practices_each: int


SIZES = [Size("cohort", 112, 20, 3), Size("wide", 112, 60, 3), Size("5x", 560, 100, 3)]


def _text(rng: random.Random, count: int) -> str:
    words = rng.sample(PHRASES, count)
    return f"We work on {', '.join(words[:-1])} and {words[-1]} across the city."


def build(size: Size):
    """A cohort of accepted cities with ambitions and published practices; returns it."""
    from django.utils import timezone

    from twinning.cities.enums import CityKind, RegistrationState
    from twinning.cities.models import Ambition, City, Registration
    from twinning.cohorts.models import Cohort
    from twinning.practices.enums import PracticeStage, PracticeState
    from twinning.practices.models import Practice
    from twinning.themes.models import Theme

    rng = random.Random(SEED)
    themes = {t.code: t for t in Theme.objects.all()}
    number = (Cohort.objects.order_by("-number").values_list("number", flat=True).first()) or 0
    cohort = Cohort.objects.create(
        number=number + 1, name=f"Bench {size.name}", slug=f"bench-{size.name}-{number + 1}"
    )
    cities = City.objects.bulk_create(
        City(
            name=f"{size.name} city {n}",
            slug=f"{size.name}-{cohort.number}-city-{n}",
            country=rng.choice(COUNTRIES),
            population=int(rng.lognormvariate(12, 1)),
            is_mission_city=n < size.mission,
        )
        for n in range(size.mission + size.minded)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            cohort=cohort,
            city=city,
            kind=CityKind.MISSION if city.is_mission_city else CityKind.MISSION_MINDED,
            state=RegistrationState.ACCEPTED,
        )
        for city in cities
    )
    ambitions, practices, field_links, lever_links = [], [], [], []
    for registration in registrations:
        if registration.kind == CityKind.MISSION:
            for code in rng.sample(FIELDS, 2) + rng.sample(LEVERS, rng.randint(1, 2)):
                ambitions.append(
                    Ambition(registration=registration, theme=themes[code], text=_text(rng, 3))
                )
        else:
            for k in range(size.practices_each):
                practices.append(
                    Practice(
                        registration=registration,
                        title=f"Practice {k} of {registration.city.name}",
                        slug=f"{registration.city.slug}-practice-{k}",
                        summary=_text(rng, 3),
                        description=_text(rng, 5) + " " + _text(rng, 4),
                        stage=PracticeStage.DEMONSTRATED,
                        state=PracticeState.PUBLISHED,
                        published_at=timezone.now(),
                    )
                )
    Ambition.objects.bulk_create(ambitions)
    Practice.objects.bulk_create(practices)
    for practice in practices:
        for code in rng.sample(FIELDS, rng.randint(1, 2)):
            field_links.append(
                Practice.fields_of_action.through(practice=practice, theme=themes[code])
            )
        for code in rng.sample(LEVERS, rng.randint(1, 2)):
            lever_links.append(Practice.levers.through(practice=practice, theme=themes[code]))
    Practice.fields_of_action.through.objects.bulk_create(field_links)
    Practice.levers.through.objects.bulk_create(lever_links)
    return cohort, cities[0], cities[size.mission], len(ambitions), len(practices)


def _median_seconds(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(size.name for size in SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)
    wanted = options.sizes.split(",")
    unknown = set(wanted) - {size.name for size in SIZES}
    if unknown:
        parser.error(f"unknown sizes: {', '.join(sorted(unknown))}")

    folder = tempfile.TemporaryDirectory(prefix="bench-recommendations-")
    os.environ.setdefault("TWINNING_DATA_DIR", folder.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from twinning.matchmaking.domain.recommendations import (
        all_recommendations,
        recommendations_for,
    )

    call_command("migrate", verbosity=0)
    import sklearn

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}, {platform.python_implementation()} "
        f"{platform.python_version()}, scikit-learn {sklearn.__version__}, "
        f"{connection.vendor}, median of {options.repeat}\n"
    )
    print(
        "| size | Mission x Mission-minded cities | ambitions | practices "
        "| one Mission city (s) | one Mission-minded city (s) | all cities (s) | queries |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in SIZES:
        if size.name not in wanted:
            continue
        cohort, mission, minded, ambitions, practices = build(size)
        one_mission = _median_seconds(options.repeat, recommendations_for, cohort, mission)
        one_minded = _median_seconds(options.repeat, recommendations_for, cohort, minded)
        everyone = _median_seconds(options.repeat, all_recommendations, cohort)
        with CaptureQueriesContext(connection) as queries:
            recommendations_for(cohort, mission)
        print(
            f"| {size.name} | {size.mission} x {size.minded} | {ambitions} | {practices} "
            f"| {one_mission:.3f} | {one_minded:.3f} | {everyone:.2f} | {len(queries)} |"
        )
    folder.cleanup()


if __name__ == "__main__":
    sys.exit(main())
