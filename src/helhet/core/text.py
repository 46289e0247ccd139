"""Text as the services store it."""

from __future__ import annotations


def clean_text(value: str | None) -> str:
    """Trimmed text without NUL characters (PostgreSQL cannot store them)."""
    return (value or "").replace("\x00", "").strip()
