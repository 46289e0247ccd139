"""``helhet observatory <tool> …``: the observatory's analyses from the command line.

    helhet observatory coordination FILE.csv [--replications N] [--seed S]
                                             [--confidence C] [--json]

With ``--json`` standard output carries the result as JSON and nothing else; progress and
notes go to standard error. A file that cannot be analysed ends the command with a non-zero
exit code and every problem, with its line, on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from helhet.core.errors import HelhetError
from helhet.observatory.coordination import (
    DEFAULT_CONFIDENCE,
    DEFAULT_REPLICATIONS,
    MAX_REPLICATIONS,
    MAX_SEED,
    MIN_REPLICATIONS,
    CoordinationResult,
    analyse,
)
from helhet.observatory.errors import SurveyFileInvalid
from helhet.observatory.labels import statistic_label
from helhet.observatory.survey_file import MAX_BYTES, parse_survey_csv


def _replications(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not MIN_REPLICATIONS <= value <= MAX_REPLICATIONS:
        raise argparse.ArgumentTypeError(
            f"must be between {MIN_REPLICATIONS:,} and {MAX_REPLICATIONS:,} (BCa needs at least "
            f"{MIN_REPLICATIONS:,}), not {value:,}"
        )
    return value


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must lie strictly between 0 and 1, not {text}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be from 0 to {MAX_SEED}, not {text}")
    return value


class Command(BaseCommand):
    help = "The observatory's analyses. 'helhet observatory coordination --help' for one."

    def add_arguments(self, parser: CommandParser) -> None:
        tools = parser.add_subparsers(dest="tool", metavar="TOOL", required=True)
        coordination = tools.add_parser(
            "coordination",
            help="Who coordinates volunteer activities (seed 004): shares with BCa intervals.",
            description=(
                "Reads a CSV with the columns unit_id,unit_type,activity,coordinator (one row "
                "per unit and activity) and prints the 36 statistics with BCa bootstrap "
                "intervals from resampling units. See docs/observatory-statistics.md."
            ),
        )
        coordination.add_argument("file", metavar="FILE.csv", help="the survey file; - for stdin")
        coordination.add_argument(
            "--replications",
            type=_replications,
            default=DEFAULT_REPLICATIONS,
            help=f"bootstrap replications ({MIN_REPLICATIONS:,}–{MAX_REPLICATIONS:,}; "
            f"default {DEFAULT_REPLICATIONS:,})",
        )
        coordination.add_argument(
            "--seed", type=_seed, default=None, help="seed for numpy's default_rng"
        )
        coordination.add_argument(
            "--confidence",
            type=_confidence,
            default=DEFAULT_CONFIDENCE,
            help=f"confidence level in (0, 1) (default {DEFAULT_CONFIDENCE})",
        )
        coordination.add_argument(
            "--json", action="store_true", help="print JSON only (to standard output)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The command speaks English throughout, messages and labels alike.
        with translation.override("en"):
            if options["tool"] == "coordination":
                self.coordination(options)

    def _read(self, name: str) -> bytes:
        try:
            if name == "-":
                return sys.stdin.buffer.read(MAX_BYTES + 1)
            with Path(name).open("rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"{name}: {exc.strerror or exc}") from exc

    def coordination(self, options: dict[str, Any]) -> None:
        name = options["file"]
        try:
            survey = parse_survey_csv(self._read(name))
        except SurveyFileInvalid as exc:
            lines = [
                f"{name}:{p.line}: {p.text()}" if p.line else f"{name}: {p.text()}"
                for p in exc.problems
            ]
            if exc.total > len(exc.problems):
                lines.append(f"… and {exc.total - len(exc.problems)} more problems")
            raise CommandError(
                f"{name} cannot be analysed ({exc.total} problem(s)):\n" + "\n".join(lines)
            ) from exc
        replications = options["replications"]
        self.stderr.write(
            f"Resampling {survey.units} units {replications:,} times "
            f"({survey.answers} answers; {survey.left_out} left out as unsure or varies)…"
        )
        shown = {"at": time.perf_counter()}

        def progress(done: int) -> None:
            # Only runs long enough to wait for say how far they have come.
            now = time.perf_counter()
            if now - shown["at"] >= 1 and done < replications:
                self.stderr.write(f"  {done:,} of {replications:,} replications")
                shown["at"] = now

        try:
            result = analyse(
                survey,
                replications=replications,
                confidence=options["confidence"],
                seed=options["seed"],
                progress=progress,
            )
        except HelhetError as exc:
            raise CommandError(_(exc.message)) from exc
        self.stderr.write(f"Done in {result.seconds:.2f} s.")
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), allow_nan=False))
        else:
            self.stdout.write(table(result))


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(result: CoordinationResult) -> str:
    percent = f"{result.confidence * 100:g} %"
    head = (
        f"BCa bootstrap, {result.replications:,} replications, seed "
        f"{'none' if result.seed is None else result.seed}; {result.units} units, "
        f"{result.answers} answers ({result.left_out} left out as unsure or varies)."
    )
    rows = [("statistic", "estimate", f"{percent} interval", "significant", "")]
    for s in result.statistics:
        interval = "none" if s.ci is None else f"{s.ci[0]:.3f} to {s.ci[1]:.3f}"
        significant = {True: "yes", False: "no", None: ""}[s.significant]
        rows.append((s.name, _number(s.estimate), interval, significant, statistic_label(s.name)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [head, ""]
    for r in rows:
        cells = [r[0].ljust(widths[0]), r[1].rjust(widths[1]), r[2].ljust(widths[2])]
        lines.append("  ".join([*cells, r[3].ljust(widths[3]), r[4]]).rstrip())
    return "\n".join(lines)
