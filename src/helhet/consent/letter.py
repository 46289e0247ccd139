"""The printable confirmation of a consent, for the person: what they agreed to and how."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _

from helhet.consent.models import Consent
from helhet.consent.selectors import provenance_text


def consent_letter_pdf(consent: Consent) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=_("Confirmation of your consent"))
    until = (
        formats.date_format(consent.valid_until, "DATE_FORMAT")
        if consent.valid_until
        else _("until you withdraw it")
    )
    rows = [
        (_("Shared with"), ", ".join(o.name for o in consent.organisations.all())),
        (
            _("Information"),
            ", ".join(str(c.get_category_display()) for c in consent.categories.all()),
        ),
        (_("Purpose"), consent.purpose),
        (_("Valid from"), formats.date_format(consent.valid_from, "DATE_FORMAT")),
        (_("Valid until"), until),
        (_("How it was given"), provenance_text(consent)),
    ]
    story = [
        Paragraph(_("Confirmation of your consent"), styles["Title"]),
        Paragraph(
            _("To %(name)s. This letter confirms the consent recorded for you.")
            % {"name": escape(consent.person.full_name)},
            styles["Normal"],
        ),
        Spacer(1, 12),
    ]
    for label, value in rows:
        story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", styles["Normal"]))
        story.append(Spacer(1, 6))
    story.append(Spacer(1, 12))
    story.append(
        Paragraph(
            _(
                "You can withdraw the consent at any time, with effect at once: on Min side "
                "(sign in with ID-porten), or by telling any of the services named above. "
                "On Min side you also see who has read your information."
            ),
            styles["Normal"],
        )
    )
    doc.build(story)
    return buffer.getvalue()
