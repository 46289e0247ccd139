"""The registry as a file: CSV or XLSX, one row per network, the same columns in both.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) are given a leading apostrophe: the text was typed by users (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from helhet.registry.selectors import EntryView

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str | int | float:
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def columns() -> list[str]:
    return [
        _("Network"),
        _("Type"),
        _("Kind"),
        _("Lifecycle"),
        _("Sponsor"),
        _("Sponsor's sector"),
        _("Year created"),
        _("Setting"),
        _("Target population"),
        _("Objectives"),
        _("Governance bodies"),
        _("Partners"),
        _("Public partners"),
        _("Private partners"),
        _("Non-profit partners"),
        _("Funding sources"),
        _("Funding in all (NOK)"),
        _("Notes"),
    ]


def row(v: EntryView) -> list[str | int | float]:
    e, n = v.entry, v.network
    sectors = v.sectors
    values: list[object] = [
        n.name,
        n.get_type_display(),
        n.get_kind_display(),
        n.get_status_display(),
        e.sponsor.name if e.sponsor else "",
        e.sponsor.get_sector_display() if e.sponsor else "",
        e.year_created if e.year_created is not None else "",
        e.get_setting_display(),
        e.target_population,
        e.objectives.replace("\n", "; "),
        e.governance_bodies.replace("\n", "; "),
        "; ".join(f"{p.name} ({p.get_sector_display()})" for p in v.partners),
        sectors["public"],
        sectors["private"],
        sectors["non_profit"],
        "; ".join(f"{f.source}: {f.amount}" for f in v.funding),
        float(v.funding_total),
        e.notes,
    ]
    return [safe(x) for x in values]


def registry_csv(views: Sequence[EntryView]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns())
    for v in views:
        writer.writerow(row(v))
    # A byte-order mark, so spreadsheet programs read the Norwegian letters as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def registry_xlsx(views: Sequence[EntryView]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def clean(value: str | int | float) -> str | int | float:
        # Control characters typed into a text field cannot be stored in the XML of a sheet.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook()
    sheet = book.active
    sheet.title = _("Registry")[:31]
    sheet.append(columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for v in views:
        sheet.append([clean(x) for x in row(v)])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
