from django.core.management.base import BaseCommand

from twinning.site.demo import DEMO_PASSWORD, load_demo
from twinning.site.demo.scale import load_scale


class Command(BaseCommand):
    help = "Create or update the demo programme: cohorts, cities, projects and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="PRACTICES",
            help="Also add this many synthetic published practices, with their cities, "
            "registrations and twinnings (for load tests), e.g. --scale 10000.",
        )

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo accounts:"))
        for account in accounts:
            self.stdout.write(f"  {account.email:<36} {account.role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
        if options["scale"] > 0:
            summary = load_scale(options["scale"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetic data: {summary.practices} published practices of "
                    f"{summary.cities} cities, {summary.registrations} registrations, "
                    f"{summary.twinnings} twinnings."
                )
            )
