"""PDFs on Min side (reportlab): the plan as the person sees it, and the copy of their data."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from helhet.consent.policies import category_label
from helhet.portal.policies import Subject
from helhet.portal.selectors import PortalPlan


def _t(value: Any) -> str:
    return escape(str(value if value is not None else "")).replace("\n", "<br/>")


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def _build(title: str, story: list[Any]) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Helhet",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


def plan_pdf_for_person(subject: Subject, plans: list[PortalPlan]) -> bytes:
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    story: list[Any] = [
        Paragraph(_t(_("My plan") + " – " + subject.person.full_name), h1),
        Paragraph(
            _t(
                _("Printed %(when)s.")
                % {"when": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")}
            ),
            body,
        ),
    ]
    for p in plans:
        story += [Spacer(1, 4 * mm), Paragraph(_t(p.family.name), h2)]
        if p.plan is None:
            story.append(Paragraph(_t(_("There is no plan yet.")), body))
            continue
        story.append(Paragraph(_t(_("Coordinator") + ": " + (p.coordinator_name or "–")), body))
        story.append(Paragraph(_t(_("Next revision") + ": " + _date(p.plan.revise_on)), body))
        story.append(Paragraph(_t(_("Our goals")), styles["Heading3"]))
        for number, row in enumerate(p.goals, start=1):
            story.append(Paragraph(_t(f"{number}. {row.goal.text}"), body))
            for comment in row.comments:
                story.append(Paragraph(_t(f"   – {comment.text}"), body))
        if not p.goals:
            story.append(Paragraph(_t(_("No goals yet.")), body))
        story.append(Paragraph(_t(_("Measures")), styles["Heading3"]))
        for m in p.measures:
            story.append(
                Paragraph(
                    _t(
                        f"{m.title} – {m.organisation.name} ({category_label(m.category)}), "
                        f"{m.get_status_display()}, {_('due')} {_date(m.due_date)}"
                    ),
                    body,
                )
            )
        if not p.measures:
            story.append(Paragraph(_t(_("No measures for you.")), body))
    return _build(_("My plan"), story)


def data_copy_pdf(copy: dict[str, Any]) -> bytes:
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    person = copy["person"]
    story: list[Any] = [
        Paragraph(_t(_("A copy of my data in Helhet")), h1),
        Paragraph(
            _t(
                f"{person['given_name']} {person['family_name']}, {person['birth_date']}, "
                f"{person['national_id']}"
            ),
            body,
        ),
        Paragraph(_t(_("Made %(when)s.") % {"when": copy["generated_at"]}), body),
    ]
    sections = [
        (_("Organisations working with you"), "organisations_working_with_you"),
        (_("What the organisations have recorded"), "information"),
        (_("Consents"), "consents"),
        (_("Plans"), "plans"),
        (_("Meetings"), "meetings"),
    ]
    for title, key in sections:
        story.append(Paragraph(_t(title), h2))
        items = copy.get(key) or []
        if not items:
            story.append(Paragraph(_t("–"), body))
        for item in items:
            text = "; ".join(f"{k}: {_flat(v)}" for k, v in item.items())
            story.append(Paragraph(_t(text), body))
    story.append(Paragraph(_t(_("Who has seen your data")), h2))
    for line in copy.get("access_log") or []:
        story.append(Paragraph(_t(line["sentence"]), body))
    return _build(_("A copy of my data"), story)


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return "–" if value is None else str(value)
