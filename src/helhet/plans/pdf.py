"""The family plan as a PDF for the family meeting (reportlab platypus).

It is rendered from a ``PlanView``, so it holds exactly what the viewer may see on the plan
page: the same measures, the same named coordinator, the same list of hidden categories.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from helhet.consent.policies import category_label
from helhet.plans.selectors import PlanView
from helhet.plans.snapshots import PLAN_FIELDS


def _text(value: Any) -> str:
    """User text made safe for reportlab's paragraph markup."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def plan_pdf(view: PlanView) -> bytes:
    styles = getSampleStyleSheet()
    body, small, h1, h2 = styles["BodyText"], styles["Normal"], styles["Title"], styles["Heading2"]
    small = small.clone("small", fontSize=8, leading=10)
    plan = view.plan
    story: list[Any] = [
        Paragraph(_text(_("Family plan") + " – " + view.family.name), h1),
        Paragraph(
            _text(
                _("Printed %(when)s. Version %(version)s.")
                % {
                    "when": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
                    "version": plan.version if plan else "–",
                }
            ),
            small,
        ),
        Spacer(1, 4 * mm),
        Paragraph(_text(_("Family members")), h2),
        Paragraph(_text(", ".join(m.person.full_name for m in view.members)), body),
    ]
    if plan is None:
        story.append(Paragraph(_text(_("This family has no plan yet.")), body))
    else:
        coordinator = "–"
        if plan.coordinator_id is not None:
            coordinator = _("Appointed")
            if view.coordinator_shown and plan.coordinator and plan.coordinator_organisation:
                coordinator = (
                    f"{plan.coordinator.get_full_name() or plan.coordinator.get_username()}"
                    f" ({plan.coordinator_organisation.name})"
                )
        story += [
            Paragraph(_text(_("Coordinator")), h2),
            Paragraph(_text(coordinator), body),
            Paragraph(_text(_("Goals")), h2),
        ]
        for number, goal in enumerate(view.goals, start=1):
            story.append(Paragraph(_text(f"{number}. {goal.text}"), body))
        if not view.goals:
            story.append(Paragraph(_text(_("No goals yet.")), body))
        for name, label in PLAN_FIELDS:
            value = getattr(plan, name)
            shown = _date(value) if name in {"period_start", "period_end", "revise_on"} else value
            story += [Paragraph(_text(_(label)), h2), Paragraph(_text(shown or "–"), body)]
        story.append(Paragraph(_text(_("Measures")), h2))
        header = [
            _("Measure"),
            _("For"),
            _("Owned by"),
            _("Category"),
            _("Responsible"),
            _("Status"),
            _("Due"),
            _("Scope"),
        ]
        rows: list[list[Any]] = [[Paragraph(_text(h), small) for h in header]]
        for m in view.measures:
            responsible = m.responsible.get_full_name() if m.responsible else ""
            cells = [
                m.title,
                m.person.full_name,
                m.organisation.name,
                category_label(m.category),
                responsible,
                m.get_status_display(),
                _date(m.due_date),
                m.scope,
            ]
            rows.append([Paragraph(_text(c), small) for c in cells])
        if view.measures:
            table = Table(
                rows,
                repeatRows=1,
                colWidths=[35 * mm, 22 * mm, 25 * mm, 18 * mm, 22 * mm, 17 * mm, 17 * mm, 24 * mm],
            )
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
        else:
            story.append(Paragraph(_text(_("No measures you may see.")), body))
        story.append(Paragraph(_text(_("Elements of the plan")), h2))
        for element in view.elements:
            state = _("present") if element.present else _("missing")
            story.append(Paragraph(_text(f"{element.number}. {element.name}: {state}"), body))
    hidden = [(m.person.full_name, m.hidden) for m in view.members if m.hidden]
    if hidden:
        story += [
            Paragraph(_text(_("Hidden from you")), h2),
            Paragraph(
                _text(
                    _(
                        "Measures other services own in these categories are not shown, "
                        "whether or not any exist:"
                    )
                ),
                small,
            ),
        ]
        for name, reasons in hidden:
            story.append(
                Paragraph(
                    _text(f"{name}: " + ", ".join(category_label(c) for c, _r in reasons)), small
                )
            )
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Family plan"),
        author="Helhet",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
