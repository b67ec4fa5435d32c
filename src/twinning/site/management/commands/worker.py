import logging
import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks_db.compat import task_finished, task_started

from twinning.accounts.tasks import schedule_retention
from twinning.common.health import mark_worker_seen
from twinning.conversations.tasks import schedule_message_notifications
from twinning.feedback.tasks import schedule_survey_invitations
from twinning.mail.domain import flush_outbox
from twinning.mail.tasks import schedule_outbox_sweep
from twinning.nextsteps.tasks import schedule_nudges
from twinning.programme.tasks import schedule_lifecycle_sweep

logger = logging.getLogger(__name__)


def note_worker_alive(sender, **kwargs) -> None:
    """A task started or finished here: /health/ sees a worker (the sweep runs every minute)."""
    try:
        mark_worker_seen()
    except Exception:
        # A heartbeat lost must not turn a task that ran into a failed one.
        logger.exception("The worker's heartbeat could not be written to the cache.")


class Command(BaseCommand):
    help = (
        "Run a background worker: sends the outbox, reminders and engine runs. "
        "Several can run at once on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="stop when no task is left to run")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, **options):
        # Names the worker's connections in PostgreSQL's pg_stat_activity.
        os.environ.setdefault("PGAPPNAME", "twinning worker")
        mark_worker_seen()
        task_started.connect(note_worker_alive, dispatch_uid="twinning-worker-seen-started")
        task_finished.connect(note_worker_alive, dispatch_uid="twinning-worker-seen-finished")
        # Mail queued while no worker was running goes out first.
        queued = flush_outbox()
        if queued:
            self.stdout.write(f"{queued} queued e-mails waiting in the outbox.")
        # Personal data past its retention period is removed once a day.
        schedule_retention()
        # Mail left "sending" by a killed worker is taken back every minute.
        schedule_outbox_sweep()
        # Reminders of what waits for the cities' representatives go every hour.
        schedule_nudges()
        # New messages between cities are mailed, batched, every few minutes.
        schedule_message_notifications()
        # Twinnings start their programme year when its window opens: checked every hour.
        schedule_lifecycle_sweep()
        # Feedback surveys go out every hour to the people of the events that ended.
        schedule_survey_invitations()
        worker_options = {"interval": options["interval"], "verbosity": options["verbosity"]}
        if options["batch"]:
            worker_options["batch"] = True
        call_command("db_worker", **worker_options)
