"""The exported report, HTML and PDF: the project, sites, steps with notes, the matrix as a
table with every cell, the supporting quotations with source and site, third-order notes."""

from __future__ import annotations

import re

import pytest

from helhet.synthesis import selectors
from helhet.synthesis.pdf import report_pdf
from helhet.synthesis.services.matrix import cell_save, cell_segments_link
from helhet.synthesis.services.notes import note_add
from helhet.synthesis.services.projects import study_add
from helhet.synthesis.services.steps import step_save
from tests.plans.conftest import assert_safe_page, web_client
from tests.synthesis.conftest import pdf_text

INTERPRETATIONS = {
    ("norway", "trust"): "Tillit og mistanke finnes side om side; NAV møtes med forbehold.",
    ("quebec", "trust"): "Tilliten kom før prosjektet og bar det gjennom oppstarten.",
    ("norway", "governance"): "Kommunen og NAV bestemte sammensetningen ovenfra.",
    ("quebec", "resources"): "Driften hviler på penger fra flere kilder samtidig.",
    ("norway", "leadership"): "Lederskapet er uformelt og følger engasjementet.",
}


@pytest.fixture
def filled(syn):
    s, c = syn, syn.c
    s.external = study_add(
        actor=s.researcher,
        synthesis_id=s.sid,
        name="Tyskland: Jugendhilfe",
        reference="Breimo mfl. 2016",
    )
    for (study, construct), text in INTERPRETATIONS.items():
        cell_save(
            actor=s.researcher,
            synthesis_id=s.sid,
            study_id=getattr(s, study).pk,
            construct=construct,
            interpretation=text,
        )
    links = [
        ("norway", "trust", c.no_trust),
        ("quebec", "trust", c.qc_trust),
        ("norway", "governance", c.no_governance),
        ("quebec", "resources", c.qc_resources),
        ("norway", "leadership", c.no_leadership),
    ]
    for study, construct, segment in links:
        cell_segments_link(
            actor=s.researcher,
            synthesis_id=s.sid,
            study_id=getattr(s, study).pk,
            construct=construct,
            segment_ids=[segment.pk],
        )
    step_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        number=1,
        status="done",
        notes="Spørsmålet: hva gjør samarbeid mulig på tvers av etater?",
    )
    note_add(
        actor=s.researcher,
        synthesis_id=s.sid,
        kind="lines_of_argument",
        title="Mandat og kapasitet",
        text="Mandater virker bare der samarbeidsevnen allerede finnes.",
    )
    note_add(
        actor=s.researcher,
        synthesis_id=s.sid,
        construct="trust",
        kind="refutational",
        text="I Norge fungerer teamet selv med lav tillit; i Québec er tillit en forutsetning.",
    )
    s.links = links
    return s


def test_html_report_has_the_matrix_with_every_cell_and_every_quotation(filled):
    s = filled
    response = web_client(s.researcher).get(f"/observatory/synthesis/{s.sid}/report/")
    html = assert_safe_page(response)
    assert "<html" in html and "site-nav" not in html  # standalone: not in the site's layout
    assert 'rel="stylesheet" href="http://testserver/static/synthesis/report.css"' in html
    matrix = re.search(r'<table class="matrix">(.*?)</table>', html, re.S).group(1)
    cells = re.findall(r'<td data-construct="(\w+)" data-study="(\d+)">', matrix)
    studies = [s.norway.pk, s.quebec.pk, s.external.pk]
    constructs = ["governance", "trust", "resources", "culture", "leadership"]
    assert cells == [(c, str(st)) for c in constructs for st in studies]
    for text in INTERPRETATIONS.values():
        assert text in matrix
    assert matrix.count("Empty") == 15 - len(INTERPRETATIONS)
    for study in ("Norge: OSK-teamet", "Québec: CSSS-nettverk", "Tyskland: Jugendhilfe"):
        assert f'<th scope="col">{study}</th>' in matrix
    # Every linked segment is quoted with its source title and site.
    for _study, _construct, segment in s.links:
        assert segment.text in html
    assert "Intervju OSK 1 · Norge: OSK-teamet" in html
    assert "Entrevue CSSS 1 · Québec: CSSS-nettverk" in html
    assert html.count('<figure class="quotation">') == len(s.links)
    # Steps with notes, third-order notes with their kind, the external study's reference.
    assert "hva gjør samarbeid mulig på tvers av etater?" in html
    assert "Mandat og kapasitet · Lines of argument" in html
    assert "Refutational translation" in html and "Breimo mfl. 2016" in html


def test_pdf_report_holds_the_same_texts(filled):
    s = filled
    response = web_client(s.researcher).get(f"/observatory/synthesis/{s.sid}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Samarbeid i Norge og Québec" in text
    for phrase in (
        "Translation matrix",
        "Governance and power relations",
        "Norge: OSK-teamet",
        "Québec: CSSS-nettverk",
        "Tyskland: Jugendhilfe",
        "Lederskapet er uformelt",
        "Tilliten kom før prosjektet",
        "men NAV ser vi med en viss mistanke",
        "On ne crée pas la confiance",
        "Intervju OSK 1 · Norge: OSK-teamet",
        "Mandater virker bare der samarbeidsevnen allerede finnes.",
        "Refutational translation",
        "Spørsmålet: hva gjør samarbeid mulig",
    ):
        assert phrase in text, phrase


def test_pdf_survives_long_texts_and_many_sites(filled):
    """A cell longer than a page runs on; more than three sites turn the pages landscape."""
    s = filled
    cell_save(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.external.pk,
        construct="culture",
        interpretation="Svært lang tolkning. " * 2_000 + "Slutten av tolkningen.",
    )
    study_add(actor=s.researcher, synthesis_id=s.sid, name="Sverige", reference="Ref.")
    report = selectors.synthesis_report(actor=s.researcher, synthesis_id=s.sid)
    data = report_pdf(report)
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in data  # A4 landscape
    assert "Slutten av tolkningen." in pdf_text(data)


def test_report_queries_are_bounded(filled, django_assert_max_num_queries):
    s = filled
    c = web_client(s.researcher)
    pages = [
        f"/observatory/synthesis/{s.sid}/report/",
        f"/observatory/synthesis/{s.sid}/",
        f"/observatory/synthesis/{s.sid}/steps/6/",
        f"/observatory/synthesis/{s.sid}/matrix/{s.norway.pk}/trust/",
    ]
    c.get(pages[0])  # warm the session and translations
    counts = []
    for page in pages:
        with django_assert_max_num_queries(30) as small:
            c.get(page)
        counts.append(len(small.captured_queries))
    for construct in ("culture", "governance"):
        cell_save(
            actor=s.researcher,
            synthesis_id=s.sid,
            study_id=s.quebec.pk,
            construct=construct,
            interpretation="Mer.",
        )
    for n in range(5):
        study_add(actor=s.researcher, synthesis_id=s.sid, name=f"Studie {n}", reference="Ref.")
        note_add(actor=s.researcher, synthesis_id=s.sid, kind="reciprocal", text="x")
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            c.get(page)
