"""The synthesis report as a PDF (reportlab platypus), with the same content as the HTML
report: the project, its sites, the steps with their notes, the matrix as a table, the
supporting quotations and the third-order notes.

Reportlab's standard fonts cover the Norwegian letters (æ, ø, å) and the French ones of
Québec. A matrix of more than three sites is laid out on landscape pages so its columns
stay readable.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from helhet.synthesis.selectors import Report
from helhet.tenancy.models import User

MARGIN = 15 * mm
CONSTRUCT_COLUMN = 32 * mm
PORTRAIT_MAX_STUDIES = 3
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _text(value: Any) -> str:
    """User text made safe for reportlab's paragraph markup."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _who(user: User | None) -> str:
    if user is None:
        return "–"
    return str(user.get_full_name() or user.get_username())


def report_pdf(report: Report) -> bytes:
    view = report.view
    synthesis = view.synthesis
    styles = getSampleStyleSheet()
    body, h1, h2, h3 = (
        styles["BodyText"],
        styles["Title"],
        styles["Heading2"],
        styles["Heading3"],
    )
    small = styles["Normal"].clone("small", fontSize=8, leading=10)
    quote = body.clone("quote", leftIndent=6 * mm, fontName="Helvetica-Oblique")
    studies = view.matrix.studies
    pagesize = A4 if len(studies) <= PORTRAIT_MAX_STUDIES else landscape(A4)
    width = pagesize[0] - 2 * MARGIN

    def para(text: Any, style: Any = body) -> Paragraph:
        return Paragraph(_text(text), style)

    story: list[Any] = [
        para(_("Synthesis report (meta-ethnography)"), small),
        para(synthesis.title, h1),
        para(
            _("Printed %(when)s.")
            % {"when": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")},
            small,
        ),
        Spacer(1, 4 * mm),
        para(_("The project"), h2),
        para(_("Research question"), h3),
        para(synthesis.question),
    ]
    if synthesis.description:
        story += [para(_("Description"), h3), para(synthesis.description)]
    story += [
        para(_("Researchers"), h3),
        para(", ".join(_who(u) for u in view.researchers) or "–"),
        para(_("Coding projects"), h3),
        para(", ".join(p.title for p in view.coding_projects) or "–"),
        para(_("Sites and studies"), h2),
    ]
    if studies:
        rows: list[list[Any]] = [
            [para(h, small) for h in (_("Site or study"), _("Material"), _("Reference"))]
        ]
        for study in studies:
            material = (
                _("External study (coded outside Helhet)")
                if study.is_external
                else _("Coded in Helhet")
            )
            rows.append(
                [
                    para(study.name, small),
                    para(material, small),
                    para(study.reference or "–", small),
                ]
            )
        table = Table(
            rows, repeatRows=1, splitInRow=1, colWidths=[width * 0.35, width * 0.25, width * 0.4]
        )
        table.setStyle(GRID)
        story.append(table)
    else:
        story.append(para(_("No sites or studies yet.")))

    story.append(para(_("The seven steps"), h2))
    for row in view.steps:
        step = row.step
        parts = [para(f"{row.number}. {_(row.definition.name)} – {step.get_status_display()}", h3)]
        if step.completed_at:
            parts.append(
                para(
                    _("Completed by %(who)s on %(when)s.")
                    % {
                        "who": _who(step.completed_by),
                        "when": date_format(
                            timezone.localtime(step.completed_at), "SHORT_DATE_FORMAT"
                        ),
                    },
                    small,
                )
            )
        parts.append(para(step.notes or _("No notes."), body))
        story.append(KeepTogether(parts))

    story += [
        para(_("Translation matrix"), h2),
        para(
            _(
                "Second-order interpretations: each construct of the analytical grid (rows) as "
                "read in each site or study (columns)."
            ),
            small,
        ),
    ]
    if studies:
        header = [para(_("Construct"), small), *(para(s.name, small) for s in studies)]
        matrix_rows: list[list[Any]] = [header]
        for mrow in view.matrix.rows:
            cells: list[Any] = [para(mrow.label, small)]
            for cell in mrow.cells:
                text = cell.interpretation or _("Empty")
                if cell.segment_count:
                    text += "\n" + ngettext(
                        "%(n)d quotation", "%(n)d quotations", cell.segment_count
                    ) % {"n": cell.segment_count}
                cells.append(para(text, small))
            matrix_rows.append(cells)
        study_width = (width - CONSTRUCT_COLUMN) / len(studies)
        matrix = Table(
            matrix_rows,
            repeatRows=1,
            # A long interpretation runs on over the page instead of failing the layout.
            splitInRow=1,
            colWidths=[CONSTRUCT_COLUMN, *([study_width] * len(studies))],
        )
        matrix.setStyle(GRID)
        story.append(matrix)
    else:
        story.append(para(_("No sites or studies yet.")))

    story.append(para(_("Supporting quotations"), h2))
    for group in report.quotation_groups:
        story.append(para(f"{group.label} · {group.study.name}", h3))
        for q in group.quotations:
            story.append(
                KeepTogether(
                    [
                        para(f"«{q.segment.text}»", quote),
                        para(f"{q.source_title} · {q.site_name}", small),
                    ]
                )
            )
    if not report.quotation_groups:
        story.append(para(_("No coded segments are linked to the matrix yet.")))

    story.append(para(_("Third-order synthesis"), h2))
    for note_group in view.note_groups:
        if not note_group.notes and note_group.construct:
            continue
        story.append(para(note_group.label, h3))
        for note in note_group.notes:
            heading = note.get_kind_display()
            if note.title:
                heading = f"{note.title} · {heading}"
            story.append(KeepTogether([para(heading, styles["Heading4"]), para(note.text)]))
        if not note_group.notes:
            story.append(para(_("No notes on the synthesis as a whole."), small))

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        title=synthesis.title,
        author="Helhet",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    doc.build(story)
    return buffer.getvalue()
