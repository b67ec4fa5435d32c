"""What each database connection gets: a web process's statement limit, SQLite's text folding."""

import unicodedata

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


def fold(text: str | None) -> str:
    """Lower case without accents, as searches compare text: "Évora" is "evora", "İzmir"
    "izmir" (the catalogue on SQLite, and cities matched by name to GeoNames)."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each SQLite connection `twinning_fold`, so that searches ignore accents and case
    there as PostgreSQL's unaccent and text search do."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("twinning_fold", 1, fold, deterministic=True)
