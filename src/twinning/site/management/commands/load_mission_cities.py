from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from twinning.cities.domain import MISSION_CITIES_CSV, load_mission_cities, read_mission_list


class Command(BaseCommand):
    help = "Load the programme's list of Mission cities (CSV) and match it to GeoNames."

    def add_arguments(self, parser):
        parser.add_argument(
            "csv",
            nargs="?",
            default=str(MISSION_CITIES_CSV),
            help="CSV with the columns name, name_en, country, source (default: the shipped list)",
        )

    def handle(self, *args, **options):

        try:
            rows = read_mission_list(Path(options["csv"]))
        except OSError as error:
            raise CommandError(
                f"cannot read {options['csv']}: {error.strerror}", returncode=2
            ) from None
        except (KeyError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(
                f"{options['csv']} is not a valid Mission city list: {error}", returncode=2
            ) from None
        missing = {"name", "name_en", "country"} - set(rows[0] if rows else {})
        if missing:
            raise CommandError(
                f"{options['csv']} lacks the columns: {', '.join(sorted(missing))}",
                returncode=2,
            )
        report = load_mission_cities(rows)
        self.stdout.write(
            f"Mission cities: {len(rows)} rows, {len(report.created)} created, "
            f"{len(report.updated)} updated."
        )
        for row in report.unmatched:
            self.stdout.write(
                self.style.WARNING(
                    f"No GeoNames match for {row['name']} ({row['country']}): kept without an id."
                )
            )
