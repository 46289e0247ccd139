from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import lift_audit_triggers, require

CHROMIUM = os.environ.get("HELHET_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require(
        os.path.exists(CHROMIUM) or bool(shutil.which("chromium")),
        "Debian Chromium (/usr/bin/chromium)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the lock file
        require(False, "Playwright for Python")
        raise
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_for_flush(transactional_db):  # type: ignore[no-untyped-def]
    """Browser tests need real commits, so the database is flushed after each one; the
    append-only triggers would (rightly) refuse that, so they are lifted for the flush and
    put back before the next test (see ``_audit_triggers_restored`` in tests/conftest.py)."""
    yield
    lift_audit_triggers()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
