"""A round's answers and scores as CSV and XLSX (openpyxl), and as plain rows for the API.

* Answers: one row per respondent, one column per statement (the answer as given, 1–5) and
  one per construct score. A named round adds who answered and when; an anonymous round has
  no identity column at all, and its rows come in the random order of their keys.
* Scores: one row per construct with n, mean, the 95 % BCa interval and the band.

Text that a spreadsheet would run as a formula (starting with =, +, -, @) is quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from helhet.surveys.results import RoundResults
from helhet.surveys.scoring import respondent_scores

Cell = str | int | float | None
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value: Cell) -> Cell:
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _number(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def answer_rows(results: RoundResults) -> tuple[list[str], list[list[Cell]]]:
    round = results.round
    items = [i.item for i in results.items]
    by_id = {i.pk: i for i in items}
    constructs = [c.construct for c in results.constructs]
    named = not round.anonymous
    header = (["respondent", "submitted_at"] if named else []) + [i.code for i in items]
    header += [f"score_{c}" for c in constructs]
    rows: list[list[Cell]] = []
    for respondent in results.answers:
        scores = respondent_scores(respondent.answers, by_id)
        row: list[Cell] = []
        if named:
            at = respondent.submitted_at
            row += [respondent.who, timezone.localtime(at).isoformat() if at else None]
        row += [respondent.answers.get(i.pk) for i in items]
        row += [_number(scores.get(c)) for c in constructs]
        rows.append(row)
    return header, rows


SCORE_HEADER = [
    "round_id",
    "round",
    "network",
    "mode",
    "closed_on",
    "invited",
    "respondents",
    "response_rate",
    "construct",
    "construct_label",
    "n",
    "mean",
    "ci95_low",
    "ci95_high",
    "band",
    "band_certain",
]


def score_rows(results: RoundResults) -> list[list[Cell]]:
    round = results.round
    rate = results.response_rate
    return [
        [
            round.pk,
            round.title,
            round.network.name,
            round.mode,
            results.closed_on.isoformat(),
            results.invited,
            results.respondents,
            _number(rate),
            c.construct,
            c.label,
            c.n,
            _number(c.mean),
            _number(c.interval.low) if c.interval else None,
            _number(c.interval.high) if c.interval else None,
            c.band.value if c.band else None,
            c.band_certain,
        ]
        for c in results.constructs
    ]


ITEM_HEADER = [
    "code",
    "construct",
    "position",
    "text_nb",
    "text_en",
    "reverse",
    "n",
    "answers_1",
    "answers_2",
    "answers_3",
    "answers_4",
    "answers_5",
    "mean_scored",
]


def item_rows(results: RoundResults) -> list[list[Cell]]:
    return [
        [
            r.item.code,
            r.item.construct,
            r.item.position,
            r.item.text_nb,
            r.item.text_en,
            r.item.reverse,
            r.n,
            *r.counts,
            _number(r.mean),
        ]
        for r in results.items
    ]


def histogram_rows(results: RoundResults) -> list[list[Cell]]:
    return [[c.construct, b.low, b.high, b.count] for c in results.constructs for b in c.histogram]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe(v) for v in row])
    return response


def answers_csv(results: RoundResults) -> HttpResponse:
    header, rows = answer_rows(results)
    return _csv(header, rows, f"survey-round-{results.round.pk}-answers.csv")


def scores_csv(results: RoundResults) -> HttpResponse:
    return _csv(SCORE_HEADER, score_rows(results), f"survey-round-{results.round.pk}-scores.csv")


def workbook_xlsx(results: RoundResults, *, with_answers: bool) -> HttpResponse:
    """Scores, statements with their answer counts, histograms, and (for the round's owner)
    the answers."""
    book = Workbook()
    sheets: list[tuple[str, Sequence[str], Sequence[Sequence[Cell]]]] = [
        ("Scores", SCORE_HEADER, score_rows(results)),
        ("Statements", ITEM_HEADER, item_rows(results)),
        ("Histogram", ["construct", "from", "to", "respondents"], histogram_rows(results)),
    ]
    if with_answers:
        answer_header, answer_values = answer_rows(results)
        sheets.append(("Answers", answer_header, answer_values))
    first = True
    for title, header, rows in sheets:
        sheet: Any = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        sheet.append(list(header))
        for row in rows:
            sheet.append([safe(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="survey-round-{results.round.pk}-results.xlsx"'
    )
    return response
