from django.core.management.base import BaseCommand

from twinning.nextsteps.domain.nudges import send_nudges


class Command(BaseCommand):
    help = (
        "Mail the city representatives the reminders now due (the worker does this every "
        "hour); a reminder already sent is never sent again."
    )

    def handle(self, *args, **options):
        written = send_nudges()
        self.stdout.write(f"Reminders mailed to {written} people.")
