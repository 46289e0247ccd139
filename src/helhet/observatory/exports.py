"""The coordination analysis as CSV and as an Excel workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from helhet.observatory.coordination import CoordinationResult
from helhet.observatory.labels import statistic_label


def _rows(result: CoordinationResult) -> Iterator[list[object]]:
    for s in result.statistics:
        yield [
            s.name,
            statistic_label(s.name),
            s.estimate,
            s.ci[0] if s.ci else None,
            s.ci[1] if s.ci else None,
            {True: _("yes"), False: _("no"), None: ""}[s.significant],
        ]


def _header() -> list[str]:
    return ["statistic", _("Label"), _("Estimate"), _("Lower"), _("Upper"), _("Significant")]


def _settings(result: CoordinationResult, source: str) -> list[tuple[str, object]]:
    return [
        (_("Method"), _("BCa bootstrap, resampling units")),
        (_("Replications"), result.replications),
        (_("Confidence"), result.confidence),
        (_("Seed"), result.seed if result.seed is not None else _("none")),
        (_("Units"), result.units),
        (_("Answers"), result.answers),
        (_("Answers left out (unsure or varies)"), result.left_out),
        (_("Data"), source),
    ]


def coordination_csv(result: CoordinationResult) -> str:
    """One row per statistic; the codes in the first column are those of the JSON."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_header())
    for row in _rows(result):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def coordination_xlsx(result: CoordinationResult, *, source: str) -> bytes:
    """Two sheets: the statistics, and how they were computed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Statistics")[:31]
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(result):
        sheet.append(row)
    for column in ("C", "D", "E"):
        for cell in sheet[column][1:]:
            cell.number_format = "0.000"
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 70
    sheet.freeze_panes = "A2"
    about = book.create_sheet(_("Analysis")[:31])
    for number, (key, value) in enumerate(_settings(result, source), start=1):
        about.cell(row=number, column=1, value=key)
        cell = about.cell(row=number, column=2, value=value)
        if isinstance(value, str):
            # A file name such as "=cmd|…" is text, never a formula.
            cell.data_type = "s"
    about.column_dimensions["A"].width = 40
    about.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
