"""The REFI-QDA export: valid against the shipped XSD, structurally sound, and read back."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from helhet.qualitative import codebook, coding, qdpx, services
from helhet.qualitative.models import Code, Segment

from .conftest import construct_code

NORWEGIAN = "Æ, ø og å først.\nTillit – «bygges» over tid 😊, sa hun. Så kom mandatet."


@pytest.fixture
def coded(project, researcher):
    site = services.site_create(actor=researcher, project_id=project.pk, name="Norge: OSK")
    source = services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="interview",
        title="Intervju ÆØÅ",
        text=NORWEGIAN,
        site_id=site.pk,
    )
    plain = services.source_create(
        actor=researcher, project_id=project.pk, kind="document", title="Uten sted", text="Kort."
    )
    trust = construct_code(project, "trust")
    sub = codebook.code_create(
        actor=researcher,
        project_id=project.pk,
        name="Kjennskap",
        parent_id=trust.pk,
        description="Fra før",
    )
    a = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[trust.pk, sub.pk], quote="Tillit"
    )
    b = coding.segment_create(
        actor=researcher,
        source_id=source.pk,
        code_ids=[construct_code(project, "governance").pk],
        quote="mandatet",
    )
    services.memo_create(actor=researcher, project_id=project.pk, text="Prosjektnotat")
    services.memo_create(actor=researcher, project_id=project.pk, code_id=sub.pk, text="Kode")
    services.memo_create(actor=researcher, project_id=project.pk, segment_id=a.pk, text="Sitat")
    services.memo_create(actor=researcher, project_id=project.pk, source_id=plain.pk, text="Kilde")
    return {"source": source, "a": a, "b": b, "sub": sub}


def test_export_is_valid_against_the_refi_qda_schema(project, researcher, coded):
    _name, content = qdpx.project_export(actor=researcher, project_id=project.pk)
    schema = xmlschema.XMLSchema(qdpx.SCHEMA)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        schema.validate(archive.read("project.qde"))


def test_export_structure(project, researcher, coded):
    name, content = qdpx.project_export(actor=researcher, project_id=project.pk)
    assert name == "samarbeid.qdpx"
    assert qdpx.problems(content) == []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        source = coded["source"]
        assert f"sources/{source.guid}.txt" in names
        assert archive.read(f"sources/{source.guid}.txt").decode("utf-8") == NORWEGIAN
        xml = archive.read("project.qde").decode("utf-8")
    assert 'xmlns="urn:QDA-XML:project:1.0"' in xml
    root = ET.fromstring(xml)  # noqa: S314 - our own export
    ns = {"q": qdpx.NS}
    text_source = root.find(f"q:Sources/q:TextSource[@guid='{source.guid}']", ns)
    assert text_source is not None
    assert text_source.attrib["plainTextPath"] == f"internal://{source.guid}.txt"
    selection = text_source.find(f"q:PlainTextSelection[@guid='{coded['a'].guid}']", ns)
    assert selection is not None
    start, end = int(selection.attrib["startPosition"]), int(selection.attrib["endPosition"])
    # Code points: Æ, ø, å and the en dash are one position each.
    assert NORWEGIAN[start:end] == "Tillit"
    assert start == NORWEGIAN.index("Tillit") == 17
    b = text_source.find(f"q:PlainTextSelection[@guid='{coded['b'].guid}']", ns)
    # After the emoji (one code point, two UTF-16 units) the offsets still agree with Python.
    assert NORWEGIAN[int(b.attrib["startPosition"]) : int(b.attrib["endPosition"])] == "mandatet"
    code = root.find(f".//q:Code[@guid='{coded['sub'].guid}']", ns)
    assert code.attrib["isCodable"] == "true" and code.find("q:Description", ns).text == "Fra før"
    sets = root.findall("q:Sets/q:Set", ns)
    assert [s.attrib["name"] for s in sets] == ["Norge: OSK"]
    assert len(root.findall("q:Notes/q:Note", ns)) == 4
    assert root.find("q:NoteRef", ns) is not None  # the project memo


def test_guids_are_stable_across_exports(project, researcher, coded):
    first = qdpx.project_export(actor=researcher, project_id=project.pk)[1]
    second = qdpx.project_export(actor=researcher, project_id=project.pk)[1]
    guids = [
        set(
            re.findall(
                rb'guid="([0-9a-f-]{36})"', zipfile.ZipFile(io.BytesIO(c)).read("project.qde")
            )
        )
        for c in (first, second)
    ]
    assert guids[0] == guids[1] and len(guids[0]) > 10


def test_round_trip(project, researcher, coded):
    parsed = qdpx.parse_qdpx(qdpx.project_export(actor=researcher, project_id=project.pk)[1])
    assert parsed.name == project.title
    codes = {
        str(c.guid): (c.name, str(c.parent.guid) if c.parent else None)
        for c in Code.objects.filter(project=project)
    }
    assert parsed.codes == codes
    for segment in Segment.objects.filter(source__project=project):
        source = parsed.sources[str(segment.source.guid)]
        assert source.text == segment.source.text
        selection = next(s for s in source.selections if s.guid == str(segment.guid))
        assert (selection.start, selection.end) == (segment.start, segment.end)
        assert sorted(selection.code_guids) == sorted(str(c.guid) for c in segment.codes.all())
        assert source.text[selection.start : selection.end] == segment.text
    assert sorted(parsed.notes.values()) == ["Kilde", "Kode", "Prosjektnotat", "Sitat"]


def test_problems_finds_what_is_wrong(project, researcher, coded):
    content = qdpx.project_export(actor=researcher, project_id=project.pk)[1]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("project.qde").decode("utf-8")
        files = {n: archive.read(n) for n in archive.namelist() if n != "project.qde"}
    a = coded["a"]
    broken = xml.replace(f'startPosition="{a.start}"', 'startPosition="-4"')
    broken = broken.replace(
        f'<CodeRef targetGUID="{coded["sub"].guid}"',
        '<CodeRef targetGUID="00000000-0000-0000-0000-000000000000"',
    )
    broken = broken.replace(f'guid="{a.guid}"', 'guid="not-a-guid"')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("project.qde", broken)
        for n, data in files.items():
            if str(coded["source"].guid) not in n:
                archive.writestr(n, data)
    found = qdpx.problems(out.getvalue())
    assert any("not a GUID" in p for p in found)
    assert any("unknown code" in p for p in found)
    assert any("not in the zip" in p for p in found)
    assert qdpx.problems(b"not a zip") == ["not a zip file"]


def test_control_characters_never_reach_the_xml(project, researcher):
    source = services.source_create(
        actor=researcher, project_id=project.pk, kind="document", title="T", text="a\x0bb\x01c"
    )
    assert source.text == "abc"
    Code.objects.filter(project=project).update(name="Navn\x01med kontrolltegn")
    services.memo_create(actor=researcher, project_id=project.pk, text="Memo\x02!")
    content = qdpx.project_export(actor=researcher, project_id=project.pk)[1]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xmlschema.XMLSchema(qdpx.SCHEMA).validate(archive.read("project.qde"))
    assert qdpx.problems(content) == []
