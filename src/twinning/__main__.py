"""The `twinning` command: Django's manage command, plus the two engines' commands.

`twinning select` and `twinning schedule` run the pure Python engines without
starting Django, so that they stay fast and usable outside the web app.
"""

import os
import sys
import time

ENGINE_COMMANDS = {"select", "schedule"}


def main(argv: list[str] | None = None) -> int | None:
    started = time.monotonic()  # an engine's --time-limit counts the imports from here
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ENGINE_COMMANDS:
        from twinning.engine.cli import main as engine_main  # noqa: PLC0415 - the engine commands start without Django, and Django only when needed

        return engine_main(argv[1], argv[2:], started)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinning.site.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - the engine commands start without Django, and Django only when needed

    execute_from_command_line(argv)
    return None


if __name__ == "__main__":
    sys.exit(main())
