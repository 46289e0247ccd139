"""Pseudonymising text before it becomes research material. Pure: the names are passed in.

* Names of persons become "Person A", "Person B", …; staff "Ansatt 1", …; organisations
  "Organisasjon 1", … (in the text's language: bokmål, English or French). A family name
  shared by several of the persons, standing alone, becomes "Familie A". The same name gets
  the same pseudonym throughout the text; numbering follows the order in which they first
  appear, so the text reads naturally. No key from pseudonym to person is kept.
* A full name ("Kari Nordmann") and an organisation's name match in any letter case; a given
  or family name on its own matches as written (capitalised), so a staff member called
  "Koordinator" does not turn every "koordinator" in the text into a pseudonym. A genitive
  "s" is kept after the pseudonym.
* National ID-like numbers (11 digits, also as 6 + 5), e-mail addresses and phone numbers
  (Norwegian 8-digit forms, international +NN forms, North American 3-3-4) are removed and
  replaced by a marker.

Free text can name people the platform does not know about (a neighbour, a teacher): those
are not found. The researcher reads the result before coding it (see docs/qualitative.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from string import ascii_uppercase

LANGUAGES = ("nb", "en", "fr")

LABELS = {
    "nb": {
        "person": "Person",
        "family": "Familie",
        "staff": "Ansatt",
        "org": "Organisasjon",
        "removed": "[fjernet]",
    },
    "en": {
        "person": "Person",
        "family": "Family",
        "staff": "Staff",
        "org": "Organisation",
        "removed": "[removed]",
    },
    "fr": {
        "person": "Personne",
        "family": "Famille",
        "staff": "Employé",
        "org": "Organisation",
        "removed": "[retiré]",
    },
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NATIONAL_ID = re.compile(r"(?<!\d)\d{6} ?\d{5}(?!\d)")
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[ .-]?(?:\d[ .-]?){6,12}\d(?!\d)"  # +47 123 45 678
    r"|(?<![\d.,])(?:\d{8}|\d{2}(?: \d{2}){3}|\d{3} \d{2} \d{3}|\d{4} \d{4})(?![\d.,]\d|\d)"
    r"|(?<!\d)\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)"  # (514) 555-1234
)
GENITIVE = r"(s|'s|’s)?"


@dataclass(frozen=True)
class Entity:
    kind: str  # "person", "family", "staff" or "org"
    key: int
    # Names matched in any letter case (full names, organisation names).
    full: tuple[str, ...]
    # Single names matched as written.
    single: tuple[str, ...] = ()


@dataclass
class Result:
    text: str
    # How many names of each kind were replaced, and how many numbers and addresses removed.
    replaced: dict[str, int] = field(default_factory=dict)
    removed: int = 0


def person(key: int, given: str, family: str) -> Entity:
    given, family = given.strip(), family.strip()
    full = tuple(
        n for n in {f"{given} {family}", f"{family} {given}", f"{family}, {given}"} if n.strip(" ,")
    )
    singles = {given, family, *given.split(), *family.split()}
    # Very short tokens ("Li", initials) would match too much of an ordinary text.
    return Entity(
        kind="person",
        key=key,
        full=full,
        single=tuple(sorted(s for s in singles if len(s) >= 3)),
    )


def staff(key: int, first: str, last: str, username: str = "") -> Entity:
    base = person(key, first, last)
    full = base.full + ((username,) if username else ())
    return Entity(kind="staff", key=key, full=full, single=base.single)


def organisation(key: int, name: str) -> Entity:
    return Entity(kind="org", key=key, full=(name.strip(),) if name.strip() else ())


def _letters(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA …"""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = ascii_uppercase[rest] + out
    return out


def _pattern(names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    return "|".join(re.escape(n) for n in ordered)


def pseudonymise(text: str, entities: Iterable[Entity], *, language: str = "nb") -> Result:
    labels = LABELS.get(language, LABELS["nb"])
    result = Result(text=text)
    removed = 0

    def remove(match: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return labels["removed"]

    for pattern in (EMAIL, NATIONAL_ID, PHONE):
        text = pattern.sub(remove, text)

    entities = list(entities)
    by_full: dict[str, Entity] = {}
    by_single: dict[str, Entity] = {}
    # A single name shared by several persons (the family name of a household) names none of
    # them in particular: it becomes a family pseudonym ("Familie A"). Otherwise the first
    # entity to claim a name keeps it.
    claims: dict[str, set[int]] = {}
    for entity in entities:
        if entity.kind == "person":
            for name in entity.single:
                claims.setdefault(name, set()).add(entity.key)
    families: dict[str, Entity] = {}
    for entity in entities:
        for name in entity.full:
            by_full.setdefault(name.casefold(), entity)
        for name in entity.single:
            owner = entity
            if entity.kind == "person" and len(claims.get(name, ())) > 1:
                owner = families.setdefault(name, Entity(kind="family", key=len(families), full=()))
            by_single.setdefault(name, owner)
            by_single.setdefault(name.upper(), owner)

    # (start, end of name, end with suffix, entity)
    found: list[tuple[int, int, int, Entity]] = []
    if by_full:
        full_re = re.compile(
            rf"(?<!\w)({_pattern(e_name for e in entities for e_name in e.full)}){GENITIVE}(?!\w)",
            re.IGNORECASE,
        )
        for m in full_re.finditer(text):
            found.append((m.start(), m.end(1), m.end(), by_full[m.group(1).casefold()]))
    if by_single:
        single_re = re.compile(rf"(?<!\w)({_pattern(by_single)}){GENITIVE}(?!\w)")
        for m in single_re.finditer(text):
            found.append((m.start(), m.end(1), m.end(), by_single[m.group(1)]))
    found.sort(key=lambda f: (f[0], -(f[2] - f[0])))

    pseudonyms: dict[tuple[str, int], str] = {}
    counters = {"person": 0, "family": 0, "staff": 0, "org": 0}
    out: list[str] = []
    at = 0
    for start, name_end, end, entity in found:
        if start < at:
            continue  # inside a longer name already replaced
        ident = (entity.kind, entity.key)
        if ident not in pseudonyms:
            n = counters[entity.kind]
            counters[entity.kind] += 1
            suffix = _letters(n) if entity.kind in ("person", "family") else str(n + 1)
            pseudonyms[ident] = f"{labels[entity.kind]} {suffix}"
            result.replaced[entity.kind] = result.replaced.get(entity.kind, 0)
        result.replaced[entity.kind] += 1
        out.append(text[at:start])
        out.append(pseudonyms[ident] + text[name_end:end])
        at = end
    out.append(text[at:])
    result.text = "".join(out)
    result.removed = removed
    return result
