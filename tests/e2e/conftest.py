"""Browser tests: a live server with CSRF on, as real users get it, driven by Chromium.

Fixtures (named apart from pytest-playwright's `page`, `browser`, `context`, `base_url`):
- `live_url`: the base URL of a second app served in a thread; it shares the test database, so
  what `factories` commits is what the browser sees.
- `chromium_browser`: one headless Chromium for the session (Debian's, never a downloaded one).
- `browser_page`: a page in a fresh browser context for each test; `new_browser_page()` opens
  another one (a second person at another computer).

Without Chromium or Playwright the tests are skipped on a workstation and fail in CI (CI=true),
where their absence is a broken build rather than a choice. Every test here is marked `e2e`.
On failure each open page is saved as a screenshot under test-artifacts/.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ccan_web import create_app
from ccan_web.extensions import db as _db
from tests.conftest import make_config

E2E_DIR = Path(__file__).resolve().parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ACTION_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


def _unavailable(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
    print(f"\nSkipping browser tests: {reason}")
    pytest.skip(reason)


@contextmanager
def _serve(live_app):
    """Serve `live_app` on a free port in a thread; yields its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in the output
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="ccan-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with live_app.app_context():
            _db.engine.dispose()


def _live_config(app, database_url, **overrides) -> dict:
    # The same search index as `app`: what a test indexes through its session, the browser finds.
    return make_config(database_url, app.config["SEARCH_INDEX_DIR"],
                       WTF_CSRF_ENABLED=True, TESTING=False, IMPORT_IN_BACKGROUND=True, **overrides)


@pytest.fixture(scope="session")
def live_url(app, database_url):
    """A second app on a real port: CSRF on, TESTING off, same database as `app` (which migrated it).
    Its jobs run right after the commit that queued them, so a test sees their effect at once."""
    with _serve(create_app(_live_config(app, database_url))) as url:
        yield url


@pytest.fixture(scope="session")
def queued_live_url(app, database_url, tmp_path_factory):
    """Like `live_url`, but its jobs go through a real queue (an SQLite broker) to a worker thread,
    as in production: a request returns before its job has run, and the page follows the job."""
    broker = tmp_path_factory.mktemp("broker") / "jobs.sqlite3"
    live_app = create_app(_live_config(app, database_url, JOBS_BROKER=f"sqlite:///{broker}",
                                       JOBS_QUEUE_NAME=f"e2e-{os.getpid()}"))
    huey = live_app.extensions["ccan_huey"].huey
    stop = threading.Event()

    def work() -> None:  # one worker: take the next message, run it (Huey's own dequeue/execute)
        while not stop.is_set():
            task = huey.dequeue()
            if task is None:
                stop.wait(0.05)
            else:
                huey.execute(task)

    worker = threading.Thread(target=work, name="ccan-live-worker", daemon=True)
    worker.start()
    with _serve(live_app) as url:
        yield url
    stop.set()
    worker.join(timeout=30)


@pytest.fixture(scope="session")
def chromium_browser():
    executable = os.environ.get("CCAN_CHROMIUM") or DEFAULT_CHROMIUM
    if not os.path.isfile(executable) or not os.access(executable, os.X_OK):
        _unavailable(f"no Chromium at {executable} (set CCAN_CHROMIUM to its path)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _unavailable(f"the playwright package cannot be imported ({error}); pip install -e '.[test]'")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


def _artifact_name(nodeid: str, index: int) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_") + f"-{index}.png"


def _pages(request, chromium_browser, base_url):
    """Open pages in fresh contexts (own cookies); all are closed, and shot on failure, at the end."""
    contexts = []

    def open_page(viewport=VIEWPORT, **options):
        """`viewport=PHONE` for a phone; options go to Playwright's new_context (java_script_enabled=False...)."""
        context = chromium_browser.new_context(
            base_url=base_url, viewport=viewport, locale="en-GB", timezone_id="Asia/Almaty", **options,
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page

    failed = any(getattr(getattr(request.node, f"_e2e_report_{when}", None), "failed", False)
                 for when in ("setup", "call"))
    for index, context in enumerate(contexts):
        if failed:
            artifacts = Path(request.config.rootpath) / "test-artifacts"
            artifacts.mkdir(exist_ok=True)
            for page in context.pages:
                try:
                    page.screenshot(path=str(artifacts / _artifact_name(request.node.nodeid, index)),
                                    full_page=True)
                except Exception:  # a screenshot must never hide the real failure
                    pass
        context.close()


@pytest.fixture
def new_browser_page(request, chromium_browser, live_url):
    """Open a page in a fresh context (own cookies); all are closed, and shot on failure, at the end."""
    yield from _pages(request, chromium_browser, live_url)


@pytest.fixture
def browser_page(new_browser_page):
    return new_browser_page()


@pytest.fixture
def queued_browser_page(request, chromium_browser, queued_live_url):
    """A page on the app whose jobs go through a real queue (`queued_live_url`)."""
    opened = _pages(request, chromium_browser, queued_live_url)
    yield next(opened)()
    next(opened, None)
