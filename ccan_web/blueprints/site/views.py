"""Routes for crawlers and load balancers: /robots.txt, /sitemap.xml and its pages, /health."""
from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, abort, jsonify, make_response, render_template

from ccan_web.blueprints.site import services
from ccan_web.links import public_url

bp = Blueprint("site", __name__)

# A shared cache may keep these a minute, as the stories' feeds: a story whose embargo lifts (or
# that is unpublished) is in (or out of) the sitemap within a minute, like everywhere else.
CRAWLER_MAX_AGE = 60


@bp.route("/robots.txt")
def robots():
    text = render_template("site/robots.txt", sitemap=public_url("site.sitemap_index"))
    return _cached(text, "text/plain; charset=utf-8")


@bp.route("/sitemap.xml")
def sitemap_index():
    files = [public_url("site.sitemap_page", section=name, number=number) for name, number in services.sitemap_files()]
    return _cached(render_template("site/sitemap_index.xml", files=files), "application/xml; charset=utf-8")


@bp.route("/sitemap-<section>-<int:number>.xml")
def sitemap_page(section: str, number: int):
    urls = services.sitemap_page(section, number)
    if urls is None:
        abort(404)
    return _cached("".join(_urlset(urls)), "application/xml; charset=utf-8")


def _urlset(urls):
    """A sitemap file, written directly: up to 50,000 lines, where a template took seconds."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for location, last_modified in urls:
        lastmod = f"<lastmod>{last_modified}</lastmod>" if last_modified else ""
        yield f"  <url><loc>{escape(location)}</loc>{lastmod}</url>\n"
    yield "</urlset>\n"


@bp.route("/health")
def health():
    parts = services.health()
    response = jsonify(parts)
    response.status_code = 200 if all(state == "ok" for state in parts.values()) else 503
    response.cache_control.no_store = True
    return response


def _cached(body: str, content_type: str):
    response = make_response(body)
    response.content_type = content_type
    response.cache_control.public = True
    response.cache_control.max_age = CRAWLER_MAX_AGE
    return response
