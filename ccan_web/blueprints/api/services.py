"""The read-only JSON API: pages of published catalog entries, one entry, and its OpenAPI description."""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select

from ccan_web.blueprints.catalog.filters import BUSINESS_SORTS, COURSE_SORTS, PRICES
from ccan_web.blueprints.catalog.lists import LISTS, matching
from ccan_web.blueprints.catalog.records import BUSINESS_FIELDS, COURSE_FIELDS
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_OUTCOMES, EntryStatus
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.errors import DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.extensions import db

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
MAX_PAGE = 1_000_000
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def _number(args, name: str, default: int, largest: int, problems: list[DomainError]) -> int:
    """A whole number from 1 to `largest`; anything else is a problem named after the parameter."""
    value = args.get(name)
    if value is None:
        return default
    if _WHOLE_NUMBER.fullmatch(value) and 1 <= int(value) <= largest:
        return int(value)
    problems.append(DomainError(_l("Use a whole number from %(first)d to %(last)d.", first=1, last=largest),
                                field=name))
    return default


def page_of(kind: str, args) -> dict:
    """The page of published entries of `kind` that `args` ask for, as the list shows them;
    Invalid names each parameter whose value is not one the API knows."""
    listing = LISTS[kind]
    problems: list[DomainError] = []
    page = _number(args, "page", 1, MAX_PAGE, problems)
    per_page = _number(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE, problems)
    try:
        filters = listing.filters.from_args(args, strict=True)
    except Invalid as error:
        problems += error.problems
    if problems:
        raise Invalid(problems)
    found = matching(kind, filters).page(page, per_page, past_end_is_empty=True).page
    return {"items": [listing.record(entry) for entry in found.items], "page": found.page, "pages": found.pages,
            "per_page": per_page, "total": found.total}


def entry_of(kind: str, entry_id: int) -> dict:
    """The record of one published entry; NotFound for any other (a draft is not there for the API)."""
    listing = LISTS[kind]
    entry = db.session.get(listing.model, entry_id)
    if entry is None or entry.status != EntryStatus.PUBLISHED:
        raise NotFound(_l("There is no such entry."))
    return listing.record(entry)


def last_change(kind: str, entry_id: int | None = None) -> datetime | None:
    """When the entries of `kind` (or one of them) last changed: any change, publishing or
    unpublishing too, moves it, so a list that lost an entry is not taken as unchanged."""
    model = LISTS[kind].model
    query = select(func.max(model.updated_at))
    if entry_id is not None:
        query = query.where(model.id == entry_id)
    return db.session.scalar(query)


# The OpenAPI description ---------------------------------------------------------------------

def _string(values=None, nullable: bool = False, **extra) -> dict:
    schema = {"type": "string", **extra}
    if values and not nullable:
        schema["enum"] = sorted(values)
    if nullable:
        schema["nullable"] = True
    return schema


_DATE_TIME = {"type": "string", "format": "date-time", "nullable": True}
_SECTORS = {"type": "array", "items": _string(SECTOR_SLUGS)}
_TEXTS = {"type": "array", "items": {"type": "string"}}

BUSINESS_SCHEMA = {
    "id": {"type": "integer", "minimum": 1}, "name": _string(), "legal_form": _string(),
    "country": _string(COUNTRY_CODES), "region": _string(), "city": _string(),
    "primary_sector": _string(SECTOR_SLUGS), "sectors": _SECTORS,
    "founded_year": {"type": "integer", "nullable": True}, "size_band": _string(nullable=True),
    "website": _string(nullable=True), "social_links": _TEXTS, "contact_email": _string(nullable=True),
    "contact_phone": _string(nullable=True), "description": _string(), "source_kind": _string(),
    "source_detail": _string(), "published_at": _DATE_TIME, "verified_at": _DATE_TIME,
}
COURSE_SCHEMA = {
    "id": {"type": "integer", "minimum": 1}, "title": _string(), "provider": _string(), "url": _string(),
    "language": _string(LOCALES), "all_sectors": {"type": "boolean"}, "sectors": _SECTORS,
    "format": _string(COURSE_FORMATS), "improves": _string(), "outcome": _string(COURSE_OUTCOMES),
    "level": _string(), "is_free": {"type": "boolean"}, "duration": _string(), "description": _string(),
    "source_kind": _string(), "source_detail": _string(), "published_at": _DATE_TIME,
}
ITEM_SCHEMAS = {"Business": (BUSINESS_SCHEMA, BUSINESS_FIELDS), "Course": (COURSE_SCHEMA, COURSE_FIELDS)}
ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["status", "message"], "properties": {
        "status": {"type": "integer"}, "message": {"type": "string"}, "parameter": {"type": "string"},
        "problems": {"type": "array", "items": {"type": "object", "required": ["parameter", "message"], "properties": {
            "parameter": {"type": "string"}, "message": {"type": "string"}}}}}}}}
CACHE_HEADERS = {
    "ETag": {"description": "Validator of the body, for If-None-Match", "schema": {"type": "string"}},
    "Cache-Control": {"description": "Public, for a few minutes", "schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"description": "Any site may read the data", "schema": {"type": "string"}},
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _parameter(name: str, description: str, values=None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": _string(values)}


def _list_path(kind: str, item: str, parameters: list) -> dict:
    return {"get": {
        "operationId": f"list{kind.title()}",
        "summary": f"Published {kind}, filtered and paginated, in the order of the list on the site",
        "parameters": parameters + [
            {"name": "page", "in": "query", "description": "Page number; one past the end is empty",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}},
            {"name": "per_page", "in": "query", "description": "Entries per page",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}},
        ],
        "responses": {
            "200": {"description": f"A page of {kind}", "headers": CACHE_HEADERS,
                    "content": {"application/json": {"schema": {
                        "type": "object", "required": ["items", "page", "pages", "per_page", "total"],
                        "properties": {
                            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                            "page": {"type": "integer", "minimum": 1}, "pages": {"type": "integer", "minimum": 1},
                            "per_page": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
                        }}}}},
            "304": {"description": "Not modified since the ETag or date the request names"},
            "400": _error("A parameter has a value the API does not know; `parameter` names it"),
        },
    }}


def _entry_path(kind: str, item: str) -> dict:
    return {"get": {
        "operationId": f"get{item}",
        "summary": f"One published entry of {kind}",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
            "200": {"description": "The entry", "headers": CACHE_HEADERS,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{item}"}}}},
            "304": {"description": "Not modified since the ETag or date the request names"},
            "404": _error("No published entry has this id"),
        },
    }}


def openapi_document(base_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "CCAN research databases", "version": "1",
                 "description": "Published creative businesses and courses of the Creative Central Asia Network. "
                                "Errors are JSON: {\"error\": {\"status\", \"message\", \"parameter\"}}."},
        "servers": [{"url": base_url}],
        "paths": {
            "/api/v1/businesses": _list_path("businesses", "Business", [
                _parameter("q", "Words of the name, description, city, country or sector, in any script"),
                _parameter("country", "Country code", COUNTRY_CODES),
                _parameter("sector", "Sector slug (main or other sector)", SECTOR_SLUGS),
                _parameter("city", "City, in any script"),
                _parameter("sort", "Order", BUSINESS_SORTS),
            ]),
            "/api/v1/businesses/{id}": _entry_path("businesses", "Business"),
            "/api/v1/courses": _list_path("courses", "Course", [
                _parameter("q", "Words of the title, provider or description, in any script"),
                _parameter("language", "Language code", LOCALES),
                _parameter("sector", "Sector slug (courses for all sectors are included)", SECTOR_SLUGS),
                _parameter("format", "Format", COURSE_FORMATS),
                _parameter("outcome", "Expected outcome", COURSE_OUTCOMES),
                _parameter("price", "free or paid", PRICES),
                _parameter("sort", "Order", COURSE_SORTS),
            ]),
            "/api/v1/courses/{id}": _entry_path("courses", "Course"),
        },
        "components": {"schemas": {
            **{name: {"type": "object", "required": list(fields), "additionalProperties": False,
                      "properties": {field: schema[field] for field in fields}}
               for name, (schema, fields) in ITEM_SCHEMAS.items()},
            "Error": ERROR_SCHEMA,
        }},
    }
