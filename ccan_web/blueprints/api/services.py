"""The read-only JSON API: pages of published catalog entries, and its OpenAPI description."""
from __future__ import annotations

from ccan_web.blueprints.catalog import services as catalog
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_OUTCOMES
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.pagination import paginate, parse_page

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


def page_of(kind: str, args) -> dict:
    listing = catalog.LISTS[kind]
    try:
        per_page = min(max(int(args.get("per_page", DEFAULT_PER_PAGE)), 1), MAX_PER_PAGE)
    except ValueError:
        per_page = DEFAULT_PER_PAGE
    page = paginate(listing.query(listing.filters.from_args(args)), parse_page(args.get("page")), per_page)
    return {"items": [listing.record(entry) for entry in page.items], "page": page.page, "pages": page.pages,
            "per_page": per_page, "total": page.total}


def _parameter(name: str, description: str, values=None) -> dict:
    schema = {"type": "string"}
    if values:
        schema["enum"] = sorted(values)
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _list_path(kind: str, parameters: list, fields) -> dict:
    return {"get": {
        "summary": f"Published {kind}, filtered and paginated",
        "parameters": parameters + [
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}},
        ],
        "responses": {"200": {"description": f"A page of {kind}", "content": {"application/json": {"schema": {
            "type": "object", "required": ["items", "page", "pages", "per_page", "total"],
            "properties": {
                "items": {"type": "array", "items": {"type": "object", "required": list(fields),
                                                     "properties": {f: {} for f in fields}}},
                "page": {"type": "integer"}, "pages": {"type": "integer"},
                "per_page": {"type": "integer"}, "total": {"type": "integer"},
            }}}}}},
    }}


def openapi_document(base_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "CCAN research databases", "version": "1",
                 "description": "Published creative businesses and courses of the Creative Central Asia Network."},
        "servers": [{"url": base_url}],
        "paths": {
            "/api/v1/businesses": _list_path("businesses", [
                _parameter("q", "Words of the name, in any script"),
                _parameter("country", "Country code", COUNTRY_CODES),
                _parameter("sector", "Sector slug (main or other sector)", SECTOR_SLUGS),
                _parameter("city", "City, in any script"),
                _parameter("sort", "Order", catalog.BUSINESS_SORTS),
            ], catalog.BUSINESS_FIELDS),
            "/api/v1/courses": _list_path("courses", [
                _parameter("q", "Words of the title or provider, in any script"),
                _parameter("language", "Language code", LOCALES),
                _parameter("sector", "Sector slug (courses for all sectors are included)", SECTOR_SLUGS),
                _parameter("format", "Format", COURSE_FORMATS),
                _parameter("outcome", "Expected outcome", COURSE_OUTCOMES),
                _parameter("price", "free or paid", {"free", "paid"}),
                _parameter("sort", "Order", catalog.COURSE_SORTS),
            ], catalog.COURSE_FIELDS),
        },
    }
