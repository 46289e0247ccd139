"""The coordination survey as data: the file format, its checks, and the unit × answer matrix.

The survey (seed 004) asked each long-term care unit, for every volunteer activity it ran in
the last four weeks, who coordinated it. One row per unit and activity:

    unit_id,unit_type,activity,coordinator

The same answers come from the volunteering module (``selectors.coordination_survey_for``).
Either way they end up as a :class:`Survey`: one row per unit, one column per (activity,
coordinator) pair, holding the unit's answers — the matrix the bootstrap resamples by row, so
all of a unit's answers travel together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from numpy.typing import NDArray

from helhet.observatory.errors import SurveyFileInvalid

COLUMNS = ("unit_id", "unit_type", "activity", "coordinator")
UNIT_TYPES = ("nursing_home", "home_care", "integrated", "other")
# The order of the statistics follows these two tuples; change them and the output changes.
ACTIVITIES = (
    "day_centre",
    "food_delivery",
    "cultural_nursing_home",
    "cultural_home_care",
    "physical",
    "social",
)
STATUTORY = ("day_centre", "food_delivery")
NON_STATUTORY = ("cultural_nursing_home", "cultural_home_care", "physical", "social")
COORDINATORS = ("municipality", "voluntary", "joint", "other")
# They do not say who coordinated, so the survey left them out of the shares.
LEFT_OUT = ("unsure", "varies")

# Guards against a file that would tie up a worker: far beyond any municipal survey (seed 004
# had 244 units in 50 municipalities), well within one request.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_UNITS = 20_000
MAX_UNIT_ID = 100
# A file with many problems usually has one systematic fault; the first fifty show it.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; ``line`` is the line in the file (1 is the header)."""

    line: int | None
    message: str  # marked with N_, translated when shown
    params: dict[str, object] = field(default_factory=dict)

    def text(self) -> str:
        return gettext(self.message) % self.params if self.params else gettext(self.message)

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "message": self.text()}


@dataclass(frozen=True)
class Survey:
    """Included answers per unit: ``counts[u, a * 4 + c]`` is 1 if unit ``u`` said
    coordinator ``c`` for activity ``a`` (order of ``ACTIVITIES`` and ``COORDINATORS``)."""

    unit_ids: tuple[str, ...]
    unit_types: tuple[str, ...]
    counts: NDArray[np.float64]
    left_out: int

    @property
    def units(self) -> int:
        return len(self.unit_ids)

    @property
    def answers(self) -> int:
        return int(self.counts.sum())

    def answers_per_activity(self) -> dict[str, int]:
        per = self.counts.reshape(-1, len(ACTIVITIES), len(COORDINATORS)).sum(axis=(0, 2))
        return {a: int(n) for a, n in zip(ACTIVITIES, per, strict=True)}


class SurveyAnswer(Protocol):
    """A row as ``volunteering.selectors.coordination_survey_rows`` gives it."""

    @property
    def unit_id(self) -> object: ...
    @property
    def unit_type(self) -> str: ...
    @property
    def activity(self) -> str: ...
    @property
    def coordinator(self) -> str: ...


class _Collector:
    """Checks rows one by one and collects every problem (up to the cap) before refusing."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total_problems = 0
        self.unit_index: dict[str, int] = {}
        self.unit_types: list[str] = []
        self.unit_line: dict[str, int | None] = {}
        self.seen: dict[tuple[str, str], int | None] = {}
        self.cells: list[tuple[int, int]] = []
        self.left_out = 0
        self.too_many_units = False

    def problem(self, line: int | None, message: str, **params: object) -> None:
        self.total_problems += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, message, params))

    def add(
        self, line: int | None, unit_id: str, unit_type: str, activity: str, coord: str
    ) -> None:
        ok = True
        if not unit_id:
            self.problem(line, N_("The unit id is empty."))
            ok = False
        elif len(unit_id) > MAX_UNIT_ID:
            self.problem(
                line, N_("The unit id is longer than %(max)d characters."), max=MAX_UNIT_ID
            )
            ok = False
        if unit_type not in UNIT_TYPES:
            self.problem(
                line,
                N_("Unknown unit type “%(value)s” (expected one of: %(allowed)s)."),
                value=unit_type,
                allowed=", ".join(UNIT_TYPES),
            )
            ok = False
        if activity not in ACTIVITIES:
            self.problem(
                line,
                N_("Unknown activity “%(value)s” (expected one of: %(allowed)s)."),
                value=activity,
                allowed=", ".join(ACTIVITIES),
            )
            ok = False
        if coord not in COORDINATORS and coord not in LEFT_OUT:
            self.problem(
                line,
                N_("Unknown coordinator “%(value)s” (expected one of: %(allowed)s)."),
                value=coord,
                allowed=", ".join(COORDINATORS + LEFT_OUT),
            )
            ok = False
        if not ok:
            return
        index = self.unit_index.get(unit_id)
        if index is not None and self.unit_types[index] != unit_type:
            self.problem(
                line,
                N_("Unit “%(unit)s” is listed as %(type)s here but as %(first)s before%(where)s."),
                unit=unit_id,
                type=unit_type,
                first=self.unit_types[index],
                where=_where(self.unit_line[unit_id]),
            )
            return
        key = (unit_id, activity)
        if key in self.seen:
            self.problem(
                line,
                N_("Unit “%(unit)s” answers for %(activity)s twice%(where)s."),
                unit=unit_id,
                activity=activity,
                where=_where(self.seen[key]),
            )
            return
        self.seen[key] = line
        if index is None:
            if len(self.unit_index) >= MAX_UNITS:
                if not self.too_many_units:
                    self.problem(line, N_("More than %(max)d units."), max=MAX_UNITS)
                    self.too_many_units = True
                return
            index = len(self.unit_types)
            self.unit_index[unit_id] = index
            self.unit_types.append(unit_type)
            self.unit_line[unit_id] = line
        if coord in LEFT_OUT:
            self.left_out += 1
        else:
            column = ACTIVITIES.index(activity) * len(COORDINATORS) + COORDINATORS.index(coord)
            self.cells.append((index, column))

    def survey(self, extra_left_out: int = 0) -> Survey:
        if not self.problems and not self.cells:
            self.problem(
                None,
                N_("No answers remain once “unsure” and “varies” are left out.")
                if self.left_out or extra_left_out
                else N_("There are no answers."),
            )
        if self.problems:
            raise SurveyFileInvalid(
                details={
                    "problems": [p.as_dict() for p in self.problems],
                    "total": self.total_problems,
                },
                problems=self.problems,
                total=self.total_problems,
            )
        # Units whose every answer was left out carry no information; they are not resampled.
        answered = sorted({u for u, _c in self.cells})
        row_of = {u: r for r, u in enumerate(answered)}
        counts = np.zeros((len(answered), len(ACTIVITIES) * len(COORDINATORS)))
        for unit, column in self.cells:
            counts[row_of[unit], column] += 1
        ids = list(self.unit_index)
        return Survey(
            unit_ids=tuple(ids[u] for u in answered),
            unit_types=tuple(self.unit_types[u] for u in answered),
            counts=counts,
            left_out=self.left_out + extra_left_out,
        )


def _where(line: int | None) -> str:
    return gettext(" (line %(line)d)") % {"line": line} if line is not None else ""


def _refuse(problem: Problem) -> SurveyFileInvalid:
    return SurveyFileInvalid(
        details={"problems": [problem.as_dict()], "total": 1}, problems=[problem], total=1
    )


def decode_survey_file(data: bytes) -> str:
    """The file as text: UTF-8 (a byte-order mark, as Excel writes, is allowed)."""
    if len(data) > MAX_BYTES:
        raise _refuse(
            Problem(None, N_("The file is larger than %(max)d MB."), {"max": MAX_BYTES // 2**20})
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _refuse(
            Problem(
                line,
                N_(
                    "The file is not UTF-8 text (byte %(byte)s). Save it as CSV UTF-8 and "
                    "try again."
                ),
                {"byte": f"0x{data[exc.start]:02x}"},
            )
        ) from exc


def parse_survey_csv(data: bytes | str) -> Survey:
    """Reads and checks a survey file; every problem found (up to 50) is reported at once."""
    text = decode_survey_file(data) if isinstance(data, bytes) else data
    if len(text) > MAX_BYTES:
        raise _refuse(
            Problem(None, N_("The file is larger than %(max)d MB."), {"max": MAX_BYTES // 2**20})
        )
    if not text.strip():
        raise _refuse(Problem(None, N_("The file is empty.")))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    collector = _Collector()
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise _refuse(Problem(reader.line_num or 1, N_("The header cannot be read."))) from exc
    names = [name.strip().lower() for name in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise _refuse(
            Problem(
                reader.line_num,
                N_("The header lacks the column(s) %(missing)s; it must name %(columns)s."),
                {"missing": ", ".join(missing), "columns": ",".join(COLUMNS)},
            )
        )
    position = [names.index(c) for c in COLUMNS]
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            collector.problem(
                reader.line_num, N_("The line cannot be read as CSV (%(why)s)."), why=str(exc)
            )
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if rows > MAX_ROWS:
            collector.problem(line, N_("More than %(max)d answers."), max=MAX_ROWS)
            break
        if len(row) != len(names):
            collector.problem(
                line,
                N_("The line has %(found)d values; the header has %(expected)d."),
                found=len(row),
                expected=len(names),
            )
            continue
        unit_id, unit_type, activity, coordinator = (row[i].strip() for i in position)
        collector.add(line, unit_id, unit_type.lower(), activity.lower(), coordinator.lower())
    return collector.survey()


def survey_from_answers(answers: Iterable[SurveyAnswer], *, left_out: int = 0) -> Survey:
    """The same checks for answers that come from the database (no line numbers there).

    ``left_out`` counts answers the source already left out (unsure or varies).
    """
    collector = _Collector()
    for answer in answers:
        collector.add(
            None,
            str(answer.unit_id),
            str(answer.unit_type),
            str(answer.activity),
            str(answer.coordinator),
        )
    return collector.survey(extra_left_out=left_out)


def survey_csv(rows: Iterable[tuple[object, str, str, str]]) -> str:
    """Rows as a survey file (used by tests and to show what came from the database)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()
