"""Benchmark of what a browser downloads: bytes of a first visit to each main page, and of an htmx swap.

Serves the application with gunicorn, as in production (compression is the application's own),
on a fresh database with the demo data, and opens each page in Chromium (Playwright,
/usr/bin/chromium) with an empty cache, adding up every response's bytes as they travelled:
headers and body, compressed. Targets: a first load of any page <= 150 KB, an htmx swap <= 20 KB.
It also prints a second page in the same browser (static files come from its cache, unasked).

Usage: python benchmarks/bench_delivery.py [--chromium /usr/bin/chromium] []
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIRST_LOAD_TARGET = 150 * 1024
SWAP_TARGET = 20 * 1024
PAGES = {
    "home": "/",
    "catalog": "/catalog/businesses",
    "overview": "/catalog/overview",
    "roadmap": "/roadmap/regional",
    "search": "/search?q=music",
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def live_server(workdir: Path):
    """gunicorn serving the app on a fresh SQLite database with the demo data; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'ccan.sqlite3'}", "SECRET_KEY": "bench-delivery",
           "SEARCH_INDEX_DIR": str(workdir / "search_index"), "SESSION_COOKIE_SECURE": "0",
           "PUBLIC_BASE_URL": base, "RATELIMIT_ENABLED": "0", "PYTHONPATH": str(ROOT)}
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["ccan", "demo", "--if-empty"], ["search", "rebuild"]):
        subprocess.run(flask + command, cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "wsgi:app"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


class Traffic:
    """Every finished request of a page, with the bytes its response took on the wire."""

    def __init__(self, page) -> None:
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def mark(self) -> int:
        return len(self.requests)

    def since(self, mark: int = 0) -> tuple[int, int]:
        """(bytes, requests) that went over the network since `mark`: response headers and bodies
        as sent (compressed). Chromium gives a negative body size to an answer from its cache."""
        total = count = 0
        for request in self.requests[mark:]:
            sizes = request.sizes()
            if sizes["responseBodySize"] < 0:
                continue
            total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            count += 1
        return total, count


def line(name: str, size: int, requests: int, target: int | None) -> bool:
    ok = target is None or size <= target
    verdict = "" if target is None else ("ok" if ok else "OVER TARGET")
    limit = f"target {target / 1024:5.0f} KB" if target else " " * 15
    print(f"{name:<40} {size / 1024:7.1f} KB in {requests:2d} requests   {limit}   {verdict}")
    return ok


def measure(base: str, chromium: str) -> bool:
    from playwright.sync_api import sync_playwright

    ok = True
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900})  # an empty cache
            page = context.new_page()
            traffic = Traffic(page)
            page.goto(base + path, wait_until="networkidle")
            ok &= line(f"first load: {name} ({path})", *traffic.since(), FIRST_LOAD_TARGET)
            context.close()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(base + PAGES["catalog"], wait_until="networkidle")
        # Typing in the list's words box: htmx asks for the results fragment only.
        mark = traffic.mark()
        with page.expect_request_finished(lambda request: request.headers.get("hx-request") == "true"):
            page.locator("#catalog-q").fill("music")
        ok &= line("htmx swap: catalog words", *traffic.since(mark), SWAP_TARGET)
        mark = traffic.mark()
        page.goto(base + PAGES["overview"], wait_until="networkidle")
        line("next page, same browser: overview", *traffic.since(mark), None)
        context.close()
        browser.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ccan-bench-delivery-") as workdir, live_server(Path(workdir)) as base:
        ok = measure(base, args.chromium)
    print("all within target" if ok else "SOME OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
