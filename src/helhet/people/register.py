"""The population register: who a national ID belongs to, where they live, who their guardians are.

Helhet never trusts a caseworker's word for these facts. Registering a person is a look-up, as
in the national register: the caller must know the number *and* the name as registered, and
guardianship is read from the register. In production the adapter talks to the national
register; in development, the demo and the tests a local JSON file stands in for it::

    {"persons": [{"national_id": "…", "given_name": "…", "family_name": "…",
                  "municipality": "9901", "guardians": ["…"]}]}
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings


@dataclass(frozen=True)
class RegisterRecord:
    national_id: str
    given_name: str
    family_name: str
    municipality: str
    guardians: tuple[str, ...] = field(default=())


class PopulationRegister(Protocol):
    def lookup(self, national_id: str) -> RegisterRecord | None: ...


class JsonFileRegister:
    """The stand-in register: a JSON file, read again whenever it changes on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._records: dict[str, RegisterRecord] = {}

    def lookup(self, national_id: str) -> RegisterRecord | None:
        return self._load().get(national_id)

    def _load(self) -> dict[str, RegisterRecord]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        with self._lock:
            if stamp != self._stamp:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._records = {
                    r["national_id"]: RegisterRecord(
                        national_id=r["national_id"],
                        given_name=r["given_name"],
                        family_name=r["family_name"],
                        municipality=r["municipality"],
                        guardians=tuple(r.get("guardians", ())),
                    )
                    for r in data.get("persons", [])
                }
                self._stamp = stamp
            return self._records


_registers: dict[Path, JsonFileRegister] = {}


def population_register() -> PopulationRegister:
    path = Path(settings.POPULATION_REGISTER_FILE)
    if path not in _registers:
        _registers[path] = JsonFileRegister(path)
    return _registers[path]


def _normal(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def names_match(record: RegisterRecord, given_name: str, family_name: str) -> bool:
    """The name as registered, ignoring case and spacing (a look-up, not a spelling test)."""
    return _normal(record.given_name) == _normal(given_name) and _normal(
        record.family_name
    ) == _normal(family_name)


def register_file_write(path: Path, records: Iterable[RegisterRecord]) -> None:
    """Write a stand-in register file (the demo loader and the tests use it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "national_id": r.national_id,
            "given_name": r.given_name,
            "family_name": r.family_name,
            "municipality": r.municipality,
            "guardians": list(r.guardians),
        }
        for r in records
    ]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"source": "helhet stand-in register", "persons": rows}, ensure_ascii=False),
        encoding="utf-8",
    )
    tmp.replace(path)
