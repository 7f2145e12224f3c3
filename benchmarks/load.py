"""Load test: gunicorn with 2 workers on the demo data, about 60 public pages crawled from the home
page, and Debian's `wrk` (apt-get install wrk) hitting them with 50 connections.

The run is a number of requests (20,000 by default), not a time: wrk runs in rounds of 10 s until
that many have been answered (wrk itself stops only at the end of a duration), and each gunicorn
worker's RSS is read before the first round and after each. Reports requests/s (all requests over
all rounds' time), p50/p95 (the median of the rounds'), errors (non-2xx/3xx and socket errors) and
each worker's RSS from the start through every round to the end. Targets on the project's 2-core machine:
>= 400 requests/s, 0 errors, PostgreSQL within 1.3x of SQLite, memory flat over 20,000 requests.
gunicorn listens on a free port of its own, and the run stops if it is not the one answering.
Usage: python benchmarks/load.py [--database-url sqlite --database-url postgresql+psycopg://...]
(default: SQLite, and PostgreSQL too when BENCH_POSTGRES_URL is set)
                                 [--requests 20000] [--workers 2] [--connections 50]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.databases import add_database_argument, bench_database, database_urls, label  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = 60
REQUESTS = 20_000
ROUND = 10  # seconds of load between two readings of the workers' memory
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


def free_port() -> int:
    """A port nobody listens on now: a fixed one was sometimes taken (by a development server, which
    then answered the load instead of gunicorn, and no worker was found below the master)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_rss(master: int) -> dict[int, int]:
    """Each gunicorn worker's resident memory, in MiB, by pid (read from /proc). gunicorn forks its
    workers straight from the master: they are its children (a worker's own children, such as a
    search rebuild's helper processes, are not workers)."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    sizes = {}
    for pid in sorted(workers):
        try:
            rss = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        except OSError:
            continue
        if rss:
            sizes[pid] = int(rss.group(1)) // 1024
    return sizes


def wrk(base: str, pages: list[str], seconds: int, connections: int, workdir: Path) -> str:
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in pages))
    return subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
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
    seconds = re.search(r"requests in ([\d.]+)(ms|s|m)", output)
    seconds = float(seconds.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[seconds.group(2)]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": ms(latency["50"]),
            "p95": p90 + (p99 - p90) * 5 / 9, "requests": requests, "errors": errors, "seconds": seconds}


def rounds(base: str, pages: list[str], requests: int, connections: int, workdir: Path, master: int) -> dict:
    """Rounds of load until `requests` are answered; the workers' memory read before and after each."""
    memory, done = [worker_rss(master)], []
    while sum(r["requests"] for r in done) < requests:
        done.append(summary(wrk(base, pages, ROUND, connections, workdir)))
        memory.append(worker_rss(master))
    total, seconds = sum(r["requests"] for r in done), sum(r["seconds"] for r in done)
    return {"rps": total / seconds, "p50": statistics.median(r["p50"] for r in done),
            "p95": statistics.median(r["p95"] for r in done), "requests": total,
            "errors": sum(r["errors"] for r in done), "memory": memory}


def run(url: str, requests: int, connections: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="ccan-load-") as path, bench_database(url, Path(path)) as database:
        workdir, port = Path(path), free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "DATABASE_URL": database, "SECRET_KEY": "load", "SESSION_COOKIE_SECURE": "0",
               "SEARCH_INDEX_DIR": str(workdir / "index"), "RATELIMIT_ENABLED": "0", "LOG_LEVEL": "WARNING",
               "PUBLIC_BASE_URL": base}
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for command in (["db", "upgrade"], ["ccan", "demo", "--if-empty"], ["search", "rebuild"]):
            subprocess.run(flask + command, env=env, cwd=ROOT, check=True, capture_output=True)
        log = (workdir / "gunicorn.log").open("w")
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(workers),
                                   "--bind", f"127.0.0.1:{port}", "wsgi:app"], env=env, cwd=ROOT, stderr=log)
        try:
            for _ in range(150):
                if server.poll() is not None:
                    break
                try:
                    urllib.request.urlopen(base + "/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            if server.poll() is not None or not worker_rss(server.pid):
                log.flush()
                sys.exit(f"gunicorn did not start:\n{(workdir / 'gunicorn.log').read_text()[-2000:]}")
            pages = crawl(base, PAGES)
            wrk(base, pages, 5, connections, workdir)  # warm-up: every worker has compiled and cached
            figures = rounds(base, pages, requests, connections, workdir, server.pid)
            figures["pages"] = len(pages)
            if server.poll() is not None:
                sys.exit("gunicorn stopped during the run")
            return figures
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests measured (default %(default)s)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default %(default)s)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    results = {}
    for url in database_urls(args):
        name = label(url)
        results[name] = figures = run(url, args.requests, args.connections, args.workers)
        print(f"{name:<10} {figures['rps']:7.1f} req/s  p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms  "
              f"{figures['requests']:,} requests over {figures['pages']} pages, {figures['errors']} errors", flush=True)
        # Each worker's RSS at the start, after each round, at the end; a worker gunicorn replaced
        # during the run (it timed out) shows as "-" from then on.
        for pid in figures["memory"][0]:
            trail = " → ".join(str(reading.get(pid, "-")) for reading in figures["memory"])
            print(f"{'':<10} worker {pid} RSS MiB: {trail}", flush=True)
    ok = all(f["rps"] >= 400 and f["errors"] == 0 for f in results.values())
    if {"sqlite", "postgresql"} <= set(results):
        ratio = results["sqlite"]["rps"] / results["postgresql"]["rps"]
        print(f"SQLite / PostgreSQL throughput: {ratio:.2f}x (target <= 1.3x)")
        ok &= ratio <= 1.3
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
