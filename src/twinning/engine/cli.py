"""Command line of the engines: `twinning select` and `twinning schedule`.

Both follow one convention: the result JSON on stdout (or in the file named by
-o), exit 0 on success, exit 2 with a one-line reason on stderr for input that
is not valid, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import importlib
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import NoReturn

from twinning.engine.errors import InvalidInstance

# command -> (module with run_json(data, time_limit) -> dict, description)
COMMANDS = {
    "select": (
        "twinning.engine.selection",
        "Select Mission-minded cities and pair them with the Mission cities that ranked them.",
    ),
    "schedule": (
        "twinning.engine.scheduling",
        "Place one-to-one meetings of a Matchmaking Day into time slots and tables.",
    ),
}

EXIT_INVALID = 2
# Kept from a --time-limit for what happens outside `main`: the interpreter's start before
# it, writing the result and leaving after it.
_OUTSIDE_SECONDS = 0.15


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"{self.prog}: {message}\n")


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


@contextlib.contextmanager
def _solver_output_silenced() -> Iterator[None]:
    """Keep what solvers print on file descriptor 1 (HiGHS's banner) out of the JSON."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real stdout, e.g. under a test runner
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _fail(command: str, message: str) -> int:
    first_line = " ".join(str(message).split())
    print(f"twinning {command}: {first_line}", file=sys.stderr)
    return EXIT_INVALID


def main(command: str, args: list[str], started: float | None = None) -> int:
    """Run an engine command; `started` (a time.monotonic() value) is when the `twinning`
    command began, so that `--time-limit` counts the imports since then."""
    started = time.monotonic() if started is None else started
    module_name, description = COMMANDS[command]
    parser = _OneLineParser(prog=f"twinning {command}", description=description)
    parser.add_argument("instance", help="instance JSON file ('-' reads standard input)")
    parser.add_argument("-o", "--output", help="write the result JSON to this file")
    parser.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=None,
        help="stop after this many seconds with the best result so far",
    )
    options = parser.parse_args(args)

    try:
        if options.instance == "-":
            data = json.load(sys.stdin)
        else:
            with open(options.instance, encoding="utf-8") as handle:
                data = json.load(handle)
    except OSError as error:
        return _fail(command, f"cannot read {options.instance}: {error.strerror}")
    except UnicodeDecodeError:
        return _fail(command, f"{options.instance} is not UTF-8 text")
    except json.JSONDecodeError as error:
        return _fail(
            command, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        )
    except RecursionError:
        return _fail(command, "malformed JSON: nested too deeply")

    engine = importlib.import_module(module_name)
    time_limit = options.time_limit
    if time_limit is not None:
        # --time-limit is the whole command's wall time: start-up and reading are spent.
        spent = time.monotonic() - started + _OUTSIDE_SECONDS
        time_limit = max(0.01, time_limit - spent)
    try:
        with _solver_output_silenced():
            result = engine.run_json(data, time_limit=time_limit)
    except InvalidInstance as error:
        return _fail(command, str(error))

    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if options.output:
        try:
            with open(options.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            return _fail(command, f"cannot write {options.output}: {error.strerror}")
    else:
        sys.stdout.write(text)
    return 0
