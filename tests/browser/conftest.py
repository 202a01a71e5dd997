"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server.

Chromium comes from the distribution (`apt-get install -y chromium`), never from
`playwright install`. Without it every test here is skipped with that reason.

While Playwright runs, its event loop counts as "running" in this thread, and
Django then hands out separate, loop-local database connections. So the
database work of a test (users, session cookies) happens in fixtures listed
*before* `page`/`new_context` in the test's arguments, and the loop-local
connections are closed before Playwright stops.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import Client
from playwright._impl._api_structures import SetCookieParam
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from peduliham.accounts.models import User
from tests.browser.support import DESKTOP

# Django refuses ORM calls while an event loop runs in the thread; Playwright's
# sync API keeps one running between calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"

Cookies = list[SetCookieParam]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="Chromium not installed: apt-get install -y chromium")
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _browser_settings(settings: Any) -> None:
    # live_server speaks plain HTTP; secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # The personas' passwords are hashed per test; the real hasher takes ~1 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def live_server(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[LiveServer]:
    """pytest-django's live_server, started only once the test database exists.

    Its own fixture may start first; it then does not share the in-memory SQLite
    connection with the server thread, whose connections leak (ResourceWarning).
    """
    address = request.config.getvalue("liveserver") or "localhost"
    with django_db_blocker.unblock():
        server = LiveServer(address)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(django_db_setup: None, live_server: LiveServer) -> Iterator[Browser]:
    """One Chromium per test module, started once the test database exists."""
    serialized = {
        alias: connections[alias]._test_serialized_contents  # type: ignore[attr-defined]
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as driver:
        # From here on Django hands this thread loop-local connections; give
        # them the snapshot that serialized rollback restores after each flush.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents  # type: ignore[attr-defined]
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        close_loop_local_connections()


@pytest.fixture
def _browser_database(transactional_db: None, django_db_serialized_rollback: None) -> None:
    """Transactional, because the live server reads what the test writes; with a
    serialized rollback, because the flush after each test would otherwise
    remove the regions the migrations loaded."""


def close_loop_local_connections() -> None:
    """Closes the connections Django opened for this thread while the loop ran."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        if isinstance(connection, SQLiteWrapper) and connection.is_in_memory_db():
            # close() ignores in-memory databases; this wrapper dies with the loop.
            connection.connection.close()
            connection.connection = None
        else:
            connection.close()


@pytest.fixture
def new_context(
    browser: Browser, _browser_database: None
) -> Iterator[Callable[..., BrowserContext]]:
    """Opens browser contexts (viewport, CSP bypass...) and closes them after the test."""
    contexts: list[BrowserContext] = []

    def open_context(cookies: Cookies | None = None, **options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        # An Indonesian user's browser; Chromium would otherwise ask for en-US.
        options.setdefault("locale", "id-ID")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        if cookies:
            context.add_cookies(cookies)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


def session_cookies(user: User, base_url: str) -> Cookies:
    """The cookies of a logged-in session of `user` (skips the log-in form)."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return [{"name": django_settings.SESSION_COOKIE_NAME, "value": session_id, "url": base_url}]


@pytest.fixture
def pemda_cookies(admin_pemkot_jambi: User, live_server: LiveServer) -> Cookies:
    """A session of the Kota Jambi Pemda admin; list it before `new_context`."""
    return session_cookies(admin_pemkot_jambi, live_server.url)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(axe_source: str) -> Callable[[Page], list[dict[str, Any]]]:
    """Runs axe-core on the page and returns its serious and critical violations.

    The page's context must be opened with bypass_csp=True: our CSP forbids the
    script element axe's source is injected as.
    """

    def run(page: Page) -> list[dict[str, Any]]:
        page.add_script_tag(content=axe_source)
        result: dict[str, Any] = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]

    return run
