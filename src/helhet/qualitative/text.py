"""Text as the coding works on it: offsets are Unicode code points (Python string indices).

Stored texts are normalised once, when the source is added, so offsets never shift later:
line ends become ``\\n``, control characters go, and letters are composed (NFC), so "å" is
one code point whether the file had it composed or as "a" plus a combining ring. Norwegian
æ, ø and å are then one position each, in Python, in the browser (they are single UTF-16
units too) and in the REFI-QDA export.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Enough for a long interview (about 150 pages); larger material is better split by the
# researcher into several sources.
MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 4 * 1024 * 1024
ACCEPTED_SUFFIXES = (".txt", ".md")


# Control characters other than tab and line feed: not text, and not allowed in the XML of
# the REFI-QDA export.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
MAX_QUOTE_CHARS = 20_000


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", unicodedata.normalize("NFC", text))
    return text.strip("\n").rstrip()


def decode_upload(name: str, data: bytes) -> str | None:
    """The text of an uploaded .txt or .md file in UTF-8 (a byte-order mark is allowed), or
    None if the file is of another kind or not text."""
    if not name.lower().endswith(ACCEPTED_SUFFIXES) or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    before: str
    after: str


CONTEXT_CHARS = 40
MAX_OCCURRENCES = 50


def find_quote(text: str, quote: str) -> list[Occurrence]:
    """Where a quote occurs in the text: exactly, or else with any run of white space in the
    quote matching any run of white space in the text (copying from a page often turns line
    breaks into spaces). At most ``MAX_OCCURRENCES``."""
    quote = unicodedata.normalize("NFC", quote).strip()
    if not quote or len(quote) > MAX_QUOTE_CHARS:
        return []
    spans: list[tuple[int, int]] = []
    at = text.find(quote)
    while at != -1 and len(spans) < MAX_OCCURRENCES:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if not spans:
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        for match in re.finditer(pattern, text):
            spans.append((match.start(), match.end()))
            if len(spans) >= MAX_OCCURRENCES:
                break
    return [
        Occurrence(
            start=a,
            end=b,
            before=text[max(0, a - CONTEXT_CHARS) : a],
            after=text[b : b + CONTEXT_CHARS],
        )
        for a, b in spans
    ]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at either end (a selection in the browser often takes the
    line break after a sentence along)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
