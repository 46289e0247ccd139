"""In Debian Chromium: select a passage with the mouse's selection, code it, and check the
offsets the page's script sent (Norwegian letters and an emoji before it); axe on the pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helhet.qualitative import services
from helhet.qualitative.models import Segment
from tests.conftest import PASSWORD
from tests.e2e.test_browser import serious_violations
from tests.qualitative.conftest import construct_code, project, researcher, rnd  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Blåbær på øya 😊. Tillit tar tid,\nsa hun. Æ!"


def _login(page) -> None:
    page.goto("/login/")
    page.fill("#id_username", "forsker")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")


def test_selecting_text_fills_code_point_offsets(page, project, researcher):  # noqa: F811
    source = services.source_create(
        actor=researcher, project_id=project.pk, kind="interview", title="Intervju", text=TEXT
    )
    trust = construct_code(project, "trust")
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    _login(page)
    page.goto(f"/observatory/coding/sources/{source.pk}/")
    wanted = "tar tid,\nsa hun"
    # Select the passage the way a mouse would leave it: a DOM range over the text node.
    page.evaluate(
        """(wanted) => {
            const run = document.querySelector('[data-coding-text] [data-start]');
            const node = run.firstChild;
            const at = node.data.indexOf(wanted);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + wanted.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        wanted,
    )
    # Locator assertions poll without eval, which the strict CSP refuses.
    expect(page.locator("#segment_start")).not_to_have_value("")
    start = TEXT.index(wanted)
    assert page.input_value("#segment_start") == str(start)
    assert page.input_value("#segment_end") == str(start + len(wanted))
    assert page.input_value("#segment_quote") == wanted
    page.select_option("#segment_codes", [str(trust.pk)])
    page.locator("[data-coding-form] button[type=submit]").click()
    page.wait_for_url(f"**/observatory/coding/sources/{source.pk}/")
    segment = Segment.objects.get()
    assert (segment.start, segment.end, segment.text) == (start, start + len(wanted), wanted)
    assert page.locator("mark").first.inner_text() == wanted
    # Selecting across the mark and its label still gives offsets in the text.
    page.evaluate(
        """() => {
            const runs = document.querySelectorAll('[data-coding-text] [data-start]');
            const first = runs[0].firstChild, last = runs[runs.length - 1].firstChild;
            const range = document.createRange();
            range.setStart(first, first.data.indexOf('Tillit'));
            range.setEnd(last, last.data.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    expect(page.locator("#segment_start")).to_have_value(str(TEXT.index("Tillit")))
    assert page.input_value("#segment_end") == str(len(TEXT))
    assert page.input_value("#segment_quote") == TEXT[TEXT.index("Tillit") :]
    assert csp_errors == []


def test_coding_pages_pass_axe(browser, live_server, project, researcher):  # noqa: F811
    source = services.source_create(
        actor=researcher, project_id=project.pk, kind="interview", title="Intervju", text=TEXT
    )
    from helhet.qualitative import coding

    coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "trust").pk],
        quote="Tillit tar tid",
    )
    # axe is injected as a script, which the strict CSP would rightly refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    _login(page)
    problems: dict[str, list[str]] = {}
    for path in (
        "/observatory/coding/",
        f"/observatory/coding/{project.pk}/",
        f"/observatory/coding/sources/{source.pk}/",
        f"/observatory/coding/{project.pk}/codes/",
        f"/observatory/coding/{project.pk}/cooccurrence/",
        f"/observatory/coding/{project.pk}/minutes/",
        f"/observatory/coding/{project.pk}/sources/new/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        problems[path] = serious_violations(page)
    context.close()
    assert {k: v for k, v in problems.items() if v} == {}
