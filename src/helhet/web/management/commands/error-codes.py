"""``helhet error-codes``: the catalogue of error codes, as the Markdown table in docs/api.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helhet.core.catalogue import MarkersMissing, catalogue_markdown, with_catalogue
from helhet.core.errors import error_catalogue


class Command(BaseCommand):
    help = "Print every error code with its status and meaning, or write them into a document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--write", metavar="FILE", help="replace the table between the markers in FILE"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = options.get("write")
        if not target:
            self.stdout.write(catalogue_markdown(), ending="")
            return
        path = Path(target)
        try:
            document = path.read_text(encoding="utf-8")
            path.write_text(with_catalogue(document), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from exc
        except MarkersMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wrote {len(error_catalogue())} error codes into {path}.")
