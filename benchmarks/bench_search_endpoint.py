"""Benchmark of search through the real endpoint, against the raw backend on the same queries.

Builds the bench_search.py documents (100,000 businesses and 20,000 courses by default) into the
application's own index, then times the same as-you-type, faceted and filtered queries twice,
in turn for each query: as `GET /search?...` through the application's WSGI call (server time:
routing, parsing, the search, rendering the page fragment htmx asks for, the response's bytes)
and as the backend call alone. Each request's WSGI environ is made before the clock starts, as
a server's HTTP parser makes it; the Flask test client's own work (building the environ, its
cookie jar, wrapping the response for assertions) belongs to the client, and was about 0.1 ms a
request. Targets on the project's 2-core machine: as-you-type p95 ≤ 25 ms and faceted p95 ≤ 60 ms
through the endpoint, and the web layer (endpoint p95 minus raw p95) ≤ 3 ms.

Each line also prints what the web layer is made of: the application answering `/search` with
no words (its fixed cost: the request cycle with session, user, locale, CSRF and headers, and a
short fragment), and Jinja alone rendering the same fragments from the same results, with no
Flask, no extension and no translation lookups.
Usage: python benchmarks/bench_search_endpoint.py [whoosh|postgres ...] [--businesses N] [--courses N]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from benchmarks.bench_search import CITIES, COUNTRIES, EN, RU, SECTORS, generate, pg_schema  # noqa: E402
from benchmarks.measure import percentiles  # noqa: E402
from ccan_web import create_app  # noqa: E402
from ccan_web.blueprints.main import services  # noqa: E402
from ccan_web.blueprints.main.services import search_query_from_args  # noqa: E402
from ccan_web.extensions import db  # noqa: E402
from ccan_web.links import active_filters, known_args  # noqa: E402
from ccan_web.search.indexing import search_index  # noqa: E402

TARGETS_MS = {"as-you-type": 25.0, "faceted": 60.0, "filtered": 60.0}
WEB_LAYER_TARGET_MS = 3.0
HX = {"HX-Request": "true"}


def query_args(seed: int = 7, runs: int = 200) -> dict[str, list[MultiDict]]:
    """The pages' parameters, as a browser sends them while a person types and ticks."""
    rng = random.Random(seed)
    vocabulary = EN + RU + CITIES
    return {
        "as-you-type": [MultiDict({"q": rng.choice(vocabulary)[:rng.randint(2, 5)]}) for _ in range(runs)],
        "faceted": [MultiDict({"q": f"{rng.choice(EN + RU)} {rng.choice(EN + RU)}"}) for _ in range(runs)],
        "filtered": [MultiDict([("q", rng.choice(vocabulary)), ("kind", "business")]
                               + [("country", c) for c in rng.sample(COUNTRIES, 2)]
                               + [("sector", rng.choice(SECTORS))]) for _ in range(runs)],
    }


def timed(function, items) -> list[float]:
    samples = []
    for item in items:
        start = time.perf_counter()
        function(item)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def interleaved(steps: dict, count: int, passes: int = 3) -> dict[str, list[float]]:
    """Each step's times in ms, the steps taken in turn for each item and the items `passes`
    times over: a burst of noise on the machine then falls on every step alike, where timing
    one step's pass after another's let it inflate or deflate their ratio by a third."""
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(passes):
        for item in range(count):
            for name, step in steps.items():
                start = time.perf_counter()
                step(item)
                samples[name].append((time.perf_counter() - start) * 1000)
    return samples


def serve(app, environ: dict) -> int:
    """One request as a WSGI server makes it: call the app, read the whole body, close it."""
    status = []
    body = app(dict(environ), lambda line, headers, exc_info=None: status.append(line))
    try:
        b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0].split()[0])


def bare_template(app):
    """The results fragment in a plain Jinja environment: the app's template and its settings,
    untranslated strings, no pagination, and links (chips) built by urlencode instead of Flask's
    url_for."""
    environment = Environment(
        loader=ChoiceLoader([DictLoader({"_partials/pagination.html": ""}),
                             FileSystemLoader(app.jinja_loader.searchpath)]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    environment.install_null_translations(newstyle=True)
    environment.globals.update(number=str, htmx_fragment=lambda: True,
                               url_for=lambda endpoint, **values: "/search?" + urlencode(values, doseq=True))
    return environment.get_template("main/_search_results.html")


def template_contexts(app, items: list[MultiDict]) -> list[dict]:
    """What the view hands the fragment for each request, worked out before the clock starts."""
    contexts = []
    for args in items:
        with app.test_request_context("/search", query_string=args, headers=HX):
            page = services.run_search(search_query_from_args(args, include_members=False))
            link_args = known_args(args, services.SEARCH_PARAMS)
            active = active_filters(link_args, services.search_choices(page, "en"), services.SEARCH_FILTER_PARAMS)
            contexts.append({"search": page, "filters": services.search_filters(page, "en"),
                             "labels": services.search_labels("en"), "request": SimpleNamespace(args=args),
                             "link_args": link_args, "active": active})
    return contexts


def bench(name: str, config: dict, businesses: int, courses: int) -> bool:
    app = create_app({"SECRET_KEY": "bench", "TESTING": True, "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False, "SEARCH_AUTO_INDEX": True, **config})
    ok = True
    with app.app_context():
        upgrade()
        index = search_index(app)
        start = time.perf_counter()
        indexed = index.backend.rebuild(generate(businesses, courses))
        print(f"[{name}] index of {indexed:,} documents built in {time.perf_counter() - start:6.1f} s")
    # Requests run outside that context, as under a server: each pushes its own, with a fresh `g`
    # and the teardown at its end. Inside one shared context, Flask-Babel and Flask-Login would
    # choose the locale and load the user only for the first request, and keep them in `g`.
    try:
        assert app.test_client().get("/search?q=warm", headers=HX).status_code == 200
        empty = EnvironBuilder(path="/search", headers=HX).get_environ()
        template = bare_template(app)
        for label, items in query_args().items():
            environs = [EnvironBuilder(path="/search", query_string=urlencode(list(args.items(multi=True))),
                                       headers=HX).get_environ() for args in items]
            queries = [search_query_from_args(args, include_members=False) for args in items]
            # Whoosh caches each term's matches per segment on first use: one untimed pass, so
            # that neither side pays the first reads and the difference is the endpoint's own cost.
            timed(index.backend.search, queries)
            contexts = template_contexts(app, items)
            statuses = []
            samples = interleaved({
                "endpoint": lambda i: statuses.append(serve(app, environs[i])),
                "raw": lambda i: index.backend.search(queries[i]),
                "fixed": lambda i: serve(app, empty),
                "alone": lambda i: template.render(**contexts[i]),
            }, len(items))
            assert set(statuses) == {200}, f"the endpoint answered {set(statuses)}"
            endpoint, raw, fixed, alone = (percentiles(samples[step]) for step in ("endpoint", "raw", "fixed", "alone"))
            web_layer = endpoint[1] - raw[1]
            fine = endpoint[1] <= TARGETS_MS[label] and web_layer <= WEB_LAYER_TARGET_MS
            ok &= fine
            print(f"[{name}] {label:<12} endpoint p50 {endpoint[0]:6.2f} p95 {endpoint[1]:6.2f} ms | "
                  f"raw p50 {raw[0]:6.2f} p95 {raw[1]:6.2f} ms | web layer p95 {web_layer:5.2f} ms  "
                  f"{'ok' if fine else 'OVER TARGET'} | fixed p95 {fixed[1]:4.2f}, template alone p95 "
                  f"{alone[1]:4.2f} ms")
    finally:
        with app.app_context():
            index.close()
            db.engine.dispose()
    return ok


def whoosh(businesses: int, courses: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="ccan-bench-endpoint-") as path:
        return bench("whoosh", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}/bench.sqlite3",
                                "SEARCH_BACKEND": "whoosh", "SEARCH_INDEX_DIR": f"{path}/index"},
                     businesses, courses)


def postgres(businesses: int, courses: int) -> bool:
    with pg_schema() as url, tempfile.TemporaryDirectory(prefix="ccan-bench-endpoint-") as path:
        return bench("postgres", {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres",
                                  "SEARCH_INDEX_DIR": f"{path}/index"}, businesses, courses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backends", nargs="*", default=["whoosh", "postgres"])
    parser.add_argument("--businesses", type=int, default=100_000)
    parser.add_argument("--courses", type=int, default=20_000)
    args = parser.parse_args()
    runners = {"whoosh": whoosh, "postgres": postgres}
    return 0 if all([runners[name](args.businesses, args.courses) for name in args.backends]) else 1


if __name__ == "__main__":
    sys.exit(main())
