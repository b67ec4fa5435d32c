from django.core.management.base import BaseCommand

from twinning.site.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or update the demo programme: cohorts, cities, projects and demo accounts."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo accounts:"))
        for account in accounts:
            self.stdout.write(f"  {account.email:<36} {account.role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
