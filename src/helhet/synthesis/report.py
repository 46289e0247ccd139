"""The synthesis report as a standalone, printable HTML page.

It stands outside the site's layout (no menus, nothing to click) so it prints and saves as
one document; its only outside resource is a stylesheet of this app, linked by absolute
address so a saved copy still finds it. No inline script or style: the strict CSP holds.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from helhet.synthesis.models import TranslationKind
from helhet.synthesis.selectors import Report


def report_html(request: HttpRequest, report: Report) -> str:
    return render_to_string(
        "synthesis/report.html",
        {
            "report": report,
            "view": report.view,
            "synthesis": report.view.synthesis,
            "stylesheet": request.build_absolute_uri(static("synthesis/report.css")),
            "printed_at": timezone.localtime(),
            "kinds": dict(TranslationKind.choices),
        },
        request=request,
    )
