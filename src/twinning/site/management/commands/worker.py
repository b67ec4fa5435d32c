from django.core.management import call_command
from django.core.management.base import BaseCommand

from twinning.accounts.tasks import schedule_retention
from twinning.mail.domain import flush_outbox
from twinning.mail.tasks import schedule_outbox_sweep


class Command(BaseCommand):
    help = (
        "Run a background worker: sends the outbox, reminders and engine runs. "
        "Several can run at once on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="stop when no task is left to run")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, **options):
        # Mail queued while no worker was running goes out first.
        queued = flush_outbox()
        if queued:
            self.stdout.write(f"{queued} queued e-mails waiting in the outbox.")
        # Personal data past its retention period is removed once a day.
        schedule_retention()
        # Mail left "sending" by a killed worker is taken back every minute.
        schedule_outbox_sweep()
        worker_options = {"interval": options["interval"], "verbosity": options["verbosity"]}
        if options["batch"]:
            worker_options["batch"] = True
        call_command("db_worker", **worker_options)
