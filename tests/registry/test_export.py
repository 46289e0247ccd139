"""The registry exported as CSV and XLSX: the same rows, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from helhet.registry import selectors, services
from helhet.registry.export import registry_csv, registry_xlsx, safe


@pytest.fixture
def views(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    services.entry_update(
        actor=quebec.researcher,
        entry_id=entry.pk,
        sponsor_id=orgs["health"].pk,
        year_created=2008,
        setting="urban",
        target_population='=HYPERLINK("http://example.invalid")',
        objectives="Én dør inn.\nSvar innen fem dager.",
        notes="Kontroll\x07tegn",
    )
    return selectors.registry_search(actor=quebec.researcher)


def test_csv(views):
    data = registry_csv(views)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert len(rows) == 2 and len(header) == len(row)
    record = dict(zip(header, row, strict=True))
    assert record["Network"] == "Nettverk for unge familier"
    assert (
        record["Sponsor"] == "Helse og velferd Testvik" and record["Sponsor's sector"] == "Public"
    )
    assert record["Year created"] == "2008" and record["Setting"] == "Urban"
    assert record["Target population"].startswith("'=HYPERLINK")
    assert record["Objectives"] == "Én dør inn.; Svar innen fem dager."
    assert (record["Public partners"], record["Non-profit partners"]) == ("2", "1")
    assert record["Funding in all (NOK)"] == "1750000.0"


def test_xlsx(views):
    book = load_workbook(io.BytesIO(registry_xlsx(views)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert sheet.max_row == 2
    assert row["Network"] == "Nettverk for unge familier"
    assert row["Year created"] == 2008 and row["Funding in all (NOK)"] == 1750000
    # Text, not a formula; a control character cannot be stored and is dropped.
    assert sheet.cell(row=2, column=header.index("Target population") + 1).data_type == "s"
    assert row["Target population"].startswith("'=")
    assert row["Notes"] == "Kontrolltegn"


def test_safe_neutralises_formulas():
    assert safe("=1+1") == "'=1+1" and safe("+47") == "'+47" and safe("-x") == "'-x"
    assert safe("@SUM") == "'@SUM" and safe("Vanlig") == "Vanlig" and safe(None) == ""
    assert safe(2008) == 2008
