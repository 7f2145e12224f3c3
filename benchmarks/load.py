"""Load test: gunicorn with 2 workers on the demo data, about 60 public pages crawled from the home
page, and Debian's `wrk` (apt-get install wrk) hitting them with 50 connections.

Reports requests/s, p50/p95, errors (non-2xx/3xx and socket errors) and each worker's RSS before and
after. Targets on the project's 2-core machine: >= 400 requests/s, 0 errors, PostgreSQL within 1.3x
of SQLite, memory flat over 20,000 requests.
Usage: python benchmarks/load.py [--database-url sqlite|postgresql+psycopg://...] [--duration 30]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.databases import bench_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = 60
PORT = 5077
# wrk reads its addresses from a Lua script: each request takes the next one, round robin.
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
SKIP = re.compile(r"^/(auth/logout|static/|language)|\.(csv|xlsx|json|zip|ics|atom|md)(\?|$)")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def crawl(base: str, limit: int) -> list[str]:
    """Up to `limit` distinct public pages that answer 200, breadth first from the home page."""
    seen, queue, pages = {"/"}, ["/"], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                if response.status != 200 or "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                body = response.read().decode("utf-8", "replace")
        except OSError:
            continue
        pages.append(path)
        parser = Links()
        parser.feed(body)
        for href in parser.found:
            url = urlsplit(urljoin(base + path, href))
            if url.netloc != urlsplit(base).netloc:
                continue
            link = url.path + (f"?{url.query}" if url.query else "")
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    return pages


def worker_rss(master: int) -> dict[int, int]:
    """Each gunicorn worker's resident memory, in MiB, by pid (read from /proc): the processes below
    the master that have no children of their own, however deep the master forks them."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    below, frontier = set(), {master}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - below
        below |= frontier
    sizes = {}
    for pid in sorted(below):
        if pid in parents.values():
            continue
        try:
            rss = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        except OSError:
            continue
        if rss:
            sizes[pid] = int(rss.group(1)) // 1024
    return sizes


def wrk(base: str, pages: list[str], duration: int, connections: int, workdir: Path) -> str:
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in pages))
    return subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script), base],
                          capture_output=True, text=True, check=True).stdout


def summary(output: str) -> dict:
    """requests/s, p50, p95 (interpolated between wrk's 90% and 99%: wrk prints no 95%), requests, errors."""
    def ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    p90, p99 = ms(latency["90"]), ms(latency["99"])
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": ms(latency["50"]),
            "p95": p90 + (p99 - p90) * 5 / 9, "requests": requests, "errors": errors}


def run(url: str, duration: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="ccan-load-") as path, bench_database(url, Path(path)) as database:
        workdir = Path(path)
        env = {**os.environ, "DATABASE_URL": database, "SECRET_KEY": "load", "SESSION_COOKIE_SECURE": "0",
               "SEARCH_INDEX_DIR": str(workdir / "index"), "RATELIMIT_ENABLED": "0", "LOG_LEVEL": "WARNING",
               "PUBLIC_BASE_URL": f"http://127.0.0.1:{PORT}"}
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for command in (["db", "upgrade"], ["ccan", "demo", "--if-empty"], ["search", "rebuild"]):
            subprocess.run(flask + command, env=env, cwd=ROOT, check=True, capture_output=True)
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{PORT}",
                                   "wsgi:app"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{PORT}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            pages = crawl(base, PAGES)
            wrk(base, pages, 5, connections, workdir)  # warm-up: every worker has compiled and cached
            before = worker_rss(server.pid)
            figures = summary(wrk(base, pages, duration, connections, workdir))
            figures.update(pages=len(pages), rss_before=before, rss_after=worker_rss(server.pid))
            return figures
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", action="append", dest="database_urls", metavar="URL",
                        help="'sqlite' (default) or a PostgreSQL server URL; repeat to compare")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (default %(default)s)")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    results = {}
    for url in args.database_urls or ["sqlite"]:
        name = url if url == "sqlite" else "postgresql"
        results[name] = figures = run(url, args.duration, args.connections)
        rss = ", ".join(f"{figures['rss_before'][pid]} → {figures['rss_after'].get(pid, '?')} MiB"
                        for pid in figures["rss_before"])
        print(f"{name:<10} {figures['rps']:7.1f} req/s  p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms  "
              f"{figures['requests']:,} requests over {figures['pages']} pages, {figures['errors']} errors; "
              f"worker RSS {rss}", flush=True)
    ok = all(f["rps"] >= 400 and f["errors"] == 0 for f in results.values())
    if {"sqlite", "postgresql"} <= set(results):
        ratio = results["sqlite"]["rps"] / results["postgresql"]["rps"]
        print(f"SQLite / PostgreSQL throughput: {ratio:.2f}x (target <= 1.3x)")
        ok &= ratio <= 1.3
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
