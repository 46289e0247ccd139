"""Export of a coding project to the REFI-QDA project exchange format (QDPX).

A ``.qdpx`` file is a zip with ``project.qde`` (XML in the namespace
``urn:QDA-XML:project:1.0``) and each source's text as ``sources/<guid>.txt`` (UTF-8), which
the XML names as ``internal://<guid>.txt``. What goes where:

* Users: the project's creator, members and everyone who coded or wrote a memo.
* CodeBook: the code tree; every code is codable and carries its description and colour.
* Sources: one ``TextSource`` per source; each segment is a ``PlainTextSelection`` with its
  ``startPosition``/``endPosition`` (Unicode code points, end exclusive, as stored) and one
  ``Coding`` with a ``CodeRef`` per code.
* Notes: every memo, with ``NoteRef`` from what it is about (the project, a code, a source or
  a selection).
* Sets: one per site, with its sources as members.

GUIDs are stored on the objects, so they are the same in every export; a user's GUID is
derived from the user's id. ``problems`` checks an export's structure (used by the tests, with
the REFI-QDA XSD shipped in ``refi/``).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from django.db.models import Prefetch
from django.utils.text import slugify

from helhet.qualitative import codetree, selectors
from helhet.qualitative.models import Code, Coding, Memo, Project, Segment, Site, Source
from helhet.qualitative.text import CONTROL
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User

NS = "urn:QDA-XML:project:1.0"
ORIGIN = "Helhet"
SCHEMA = Path(__file__).parent / "refi" / "Project-mrt2019.xsd"
GUID = re.compile(
    r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
    r"|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$"
)
# Users have no GUID column (they belong to another app); theirs is derived from the id.
USER_NAMESPACE = uuid.UUID("6f1d0a52-2a49-4d8e-9c39-6b1f4f7f0c11")
# The export's elements are written in the default namespace, without a prefix.
ET.register_namespace("", NS)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def user_guid(user_id: int) -> str:
    return str(uuid.uuid5(USER_NAMESPACE, f"helhet-user:{user_id}"))


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _safe(value: str) -> str:
    """Without the characters XML 1.0 cannot carry (stored texts never have them; names and
    memos typed over the API might)."""
    return CONTROL.sub("", value)


def _sub(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, _q(tag), {k: _safe(v) for k, v in attrs.items() if v is not None})


def _text(parent: ET.Element, tag: str, value: str) -> None:
    if value:
        _sub(parent, tag).text = _safe(value)


@dataclass
class _Data:
    project: Project
    codes: list[codetree.CodeNode]
    sources: list[Source]
    sites: list[Site]
    memos: list[Memo]
    users: dict[int, User]


def _load(project: Project) -> _Data:
    sources = list(
        Source.objects.filter(project=project)
        .select_related("site")
        .prefetch_related(
            Prefetch(
                "segments",
                queryset=Segment.objects.order_by("start", "id").prefetch_related(
                    Prefetch("codings", queryset=Coding.objects.select_related("code"))
                ),
            )
        )
        .order_by("id")
    )
    memos = list(Memo.objects.filter(project=project).order_by("id"))
    user_ids = {project.created_by_id, *project.members.values_list("pk", flat=True)}
    user_ids |= {m.author_id for m in memos}
    user_ids |= {s.created_by_id for s in sources}
    for source in sources:
        for segment in source.segments.all():
            user_ids.add(segment.created_by_id)
            user_ids |= {c.created_by_id for c in segment.codings.all()}
    users = {u.pk: u for u in User.objects.filter(pk__in=[i for i in user_ids if i])}
    return _Data(
        project=project,
        codes=codetree.code_tree(project.pk),
        sources=sources,
        sites=list(Site.objects.filter(project=project).order_by("id")),
        memos=memos,
        users=users,
    )


def _uid(data: _Data, user_id: int | None) -> str | None:
    return user_guid(user_id) if user_id and user_id in data.users else None


def build_qde(data: _Data) -> bytes:
    project = data.project
    notes_on: dict[tuple[str, int], list[str]] = {}
    for memo in data.memos:
        if memo.code_id:
            key = ("code", memo.code_id)
        elif memo.segment_id:
            key = ("segment", memo.segment_id)
        elif memo.source_id:
            key = ("source", memo.source_id)
        else:
            key = ("project", project.pk)
        notes_on.setdefault(key, []).append(str(memo.guid))

    def note_refs(element: ET.Element, key: tuple[str, int]) -> None:
        for guid in notes_on.get(key, []):
            _sub(element, "NoteRef", targetGUID=guid)

    root = ET.Element(
        _q("Project"),
        {
            "name": _safe(project.title),
            "origin": ORIGIN,
            "creationDateTime": _when(project.created_at),
            **(
                {"creatingUserGUID": user_guid(project.created_by_id)}
                if project.created_by_id in data.users and project.created_by_id
                else {}
            ),
        },
    )
    if data.users:
        users = _sub(root, "Users")
        for user in sorted(data.users.values(), key=lambda u: u.pk):
            _sub(
                users,
                "User",
                guid=user_guid(user.pk),
                name=user.get_full_name() or user.get_username(),
                id=user.get_username(),
            )
    if data.codes:
        codes = _sub(_sub(root, "CodeBook"), "Codes")

        def code(parent: ET.Element, node: codetree.CodeNode) -> None:
            c: Code = node.code
            element = _sub(
                parent, "Code", guid=str(c.guid), name=c.name, isCodable="true", color=c.color
            )
            _text(element, "Description", c.description)
            note_refs(element, ("code", c.pk))
            for child in node.children:
                code(element, child)

        for node in data.codes:
            code(codes, node)
    if data.sources:
        sources = _sub(root, "Sources")
        for source in data.sources:
            element = _sub(
                sources,
                "TextSource",
                guid=str(source.guid),
                name=source.title,
                plainTextPath=f"internal://{source.guid}.txt",
                creatingUser=_uid(data, source.created_by_id),
                creationDateTime=_when(source.created_at),
            )
            description = source.get_kind_display()
            if source.site:
                description += f" — {source.site.name}"
            _text(element, "Description", str(description))
            for segment in source.segments.all():
                selection = _sub(
                    element,
                    "PlainTextSelection",
                    guid=str(segment.guid),
                    name=segment.text[:80],
                    startPosition=str(segment.start),
                    endPosition=str(segment.end),
                    creatingUser=_uid(data, segment.created_by_id),
                    creationDateTime=_when(segment.created_at),
                )
                for coding in segment.codings.all():
                    c_el = _sub(
                        selection,
                        "Coding",
                        guid=str(coding.guid),
                        creatingUser=_uid(data, coding.created_by_id),
                        creationDateTime=_when(coding.created_at),
                    )
                    _sub(c_el, "CodeRef", targetGUID=str(coding.code.guid))
                note_refs(selection, ("segment", segment.pk))
            note_refs(element, ("source", source.pk))
    if data.memos:
        notes = _sub(root, "Notes")
        for memo in data.memos:
            note = _sub(
                notes,
                "Note",
                guid=str(memo.guid),
                name=memo.title or memo.text[:60],
                creatingUser=_uid(data, memo.author_id),
                creationDateTime=_when(memo.created_at),
            )
            _sub(note, "PlainTextContent").text = _safe(memo.text)
    if data.sites:
        sets = _sub(root, "Sets")
        for site in data.sites:
            s_el = _sub(sets, "Set", guid=str(site.guid), name=site.name)
            _text(s_el, "Description", site.description)
            for source in data.sources:
                if source.site_id == site.pk:
                    _sub(s_el, "MemberSource", targetGUID=str(source.guid))
    _text(root, "Description", project.description)
    note_refs(root, ("project", project.pk))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def build_qdpx(project: Project) -> bytes:
    data = _load(project)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", build_qde(data))
        for source in data.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
    return out.getvalue()


def project_export(*, actor: Actor, project_id: int) -> tuple[str, bytes]:
    """The file name and content of the project's QDPX export."""
    project = selectors.project_get(actor=actor, project_id=project_id)
    name = slugify(project.title) or f"project-{project.pk}"
    return f"{name}.qdpx", build_qdpx(project)


# ---------------------------------------------------------------------------- reading back


@dataclass
class ParsedSelection:
    guid: str
    start: int
    end: int
    code_guids: list[str]


@dataclass
class ParsedSource:
    guid: str
    name: str
    text: str
    selections: list[ParsedSelection] = field(default_factory=list)


@dataclass
class ParsedProject:
    name: str
    # guid → (name, parent guid or None)
    codes: dict[str, tuple[str, str | None]]
    sources: dict[str, ParsedSource]
    notes: dict[str, str]


def parse_qdpx(content: bytes) -> ParsedProject:
    """Read a QDPX file back (text sources only): codes, sources with their selections, notes."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = ET.fromstring(archive.read("project.qde"))  # noqa: S314 - our own export
        codes: dict[str, tuple[str, str | None]] = {}

        def walk(element: ET.Element, parent: str | None) -> None:
            for child in element.findall(_q("Code")):
                codes[child.attrib["guid"]] = (child.attrib["name"], parent)
                walk(child, child.attrib["guid"])

        for codes_el in root.iter(_q("Codes")):
            walk(codes_el, None)
        sources: dict[str, ParsedSource] = {}
        for source in root.iter(_q("TextSource")):
            path = source.attrib.get("plainTextPath", "")
            text = archive.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
            parsed = ParsedSource(guid=source.attrib["guid"], name=source.attrib["name"], text=text)
            for selection in source.findall(_q("PlainTextSelection")):
                parsed.selections.append(
                    ParsedSelection(
                        guid=selection.attrib["guid"],
                        start=int(selection.attrib["startPosition"]),
                        end=int(selection.attrib["endPosition"]),
                        code_guids=[
                            ref.attrib["targetGUID"] for ref in selection.iter(_q("CodeRef"))
                        ],
                    )
                )
            sources[parsed.guid] = parsed
        notes = {note.attrib["guid"]: "".join(note.itertext()) for note in root.iter(_q("Note"))}
    return ParsedProject(name=root.attrib["name"], codes=codes, sources=sources, notes=notes)


def problems(content: bytes) -> list[str]:
    """What is wrong with a QDPX file's structure (empty if nothing): the namespace and root,
    required elements and attributes, GUID formats, that every CodeRef and NoteRef points to
    something in the file, that selections lie within their source's text, and that every
    plainTextPath file is in the zip."""
    found: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return ["not a zip file"]
    with archive:
        names = set(archive.namelist())
        if "project.qde" not in names:
            return ["project.qde missing"]
        root = ET.fromstring(archive.read("project.qde"))  # noqa: S314 - checked content
        if root.tag != _q("Project"):
            found.append(f"root is {root.tag}, not Project in {NS}")
        if not root.attrib.get("name"):
            found.append("Project has no name")
        for element in root.iter():
            if not element.tag.startswith(f"{{{NS}}}"):
                found.append(f"{element.tag} is outside the namespace")
        guids: set[str] = set()
        for element in root.iter():
            for attr in ("guid", "targetGUID", "creatingUser", "creatingUserGUID"):
                value = element.attrib.get(attr)
                if value is not None and not GUID.match(value):
                    found.append(f"{element.tag}@{attr} is not a GUID: {value!r}")
            if "guid" in element.attrib:
                if element.attrib["guid"] in guids:
                    found.append(f"duplicate guid {element.attrib['guid']}")
                guids.add(element.attrib["guid"])
        code_guids = {c.attrib.get("guid") for c in root.iter(_q("Code"))}
        for code in root.iter(_q("Code")):
            if not code.attrib.get("name") or code.attrib.get("isCodable") not in ("true", "false"):
                found.append(f"Code {code.attrib.get('guid')} lacks name or isCodable")
        note_guids = {n.attrib.get("guid") for n in root.iter(_q("Note"))}
        for ref in root.iter(_q("CodeRef")):
            if ref.attrib.get("targetGUID") not in code_guids:
                found.append(f"CodeRef to unknown code {ref.attrib.get('targetGUID')}")
        for ref in root.iter(_q("NoteRef")):
            if ref.attrib.get("targetGUID") not in note_guids:
                found.append(f"NoteRef to unknown note {ref.attrib.get('targetGUID')}")
        for source in root.iter(_q("TextSource")):
            path = source.attrib.get("plainTextPath", "")
            member = "sources/" + path.removeprefix("internal://")
            if not path.startswith("internal://") or member not in names:
                found.append(f"TextSource {source.attrib.get('guid')}: {path!r} not in the zip")
                continue
            length = len(archive.read(member).decode("utf-8"))
            for selection in source.findall(_q("PlainTextSelection")):
                try:
                    start = int(selection.attrib["startPosition"])
                    end = int(selection.attrib["endPosition"])
                except (KeyError, ValueError):
                    found.append(f"selection {selection.attrib.get('guid')} lacks positions")
                    continue
                if not 0 <= start < end <= length:
                    found.append(
                        f"selection {selection.attrib.get('guid')} [{start}, {end}) outside "
                        f"0..{length}"
                    )
    return found
