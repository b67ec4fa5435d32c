"""Limits a web process puts on its own use of the database."""

from django.conf import settings


def limit_statement_time(sender, connection, **kwargs) -> None:
    """On each new PostgreSQL connection, cancel a statement running over STATEMENT_TIMEOUT_MS.

    Connected by the web entry point (twinning.site.wsgi) only: the worker,
    engine runs and migrations may take longer.
    """
    milliseconds = settings.STATEMENT_TIMEOUT_MS
    if connection.vendor != "postgresql" or milliseconds <= 0:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"])
