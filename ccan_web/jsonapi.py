"""The public JSON API's responses: UTF-8 bodies, errors in one shape, and the headers of open data."""
from __future__ import annotations

import json

from flask import Response, request

API_PREFIX = "/api/"
CACHE_SECONDS = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a page elsewhere may send and read: the conditional-request headers, and the answer's
# validators, so that a browser client can cache as well as a server one.
ALLOWED_HEADERS = "Accept, Accept-Language, If-Modified-Since, If-None-Match"
EXPOSED_HEADERS = "ETag, Last-Modified"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def json_response(data, status: int = 200) -> Response:
    """`data` as JSON in UTF-8 as it is (Cyrillic stays readable, not \\uXXXX)."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), status=status,
                    mimetype="application/json")


def json_error(status: int, message, parameter: str | None = None, problems=(), allow=None) -> Response:
    """An error of the API: {"error": {"status", "message", "parameter"?, "problems"?}}. The message
    is in the reader's language, as everywhere on the platform; a program reads the status and
    the parameter, which never change with the language."""
    error = {"status": status, "message": str(message)}
    if parameter:
        error["parameter"] = parameter
    if problems:
        error["problems"] = [{"parameter": problem.field, "message": str(problem.message)} for problem in problems]
    response = json_response({"error": error}, status)
    if allow:
        response.headers["Allow"] = ", ".join(sorted(allow))
    return response


def add_open_data_headers(response: Response) -> Response:
    """Every answer under /api/, errors too, may be read by a page on any site (CORS): the data
    is public and no cookie is needed. A preflight (OPTIONS) learns what it may send."""
    if is_api_request():
        headers = response.headers
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            headers["Access-Control-Max-Age"] = "86400"
    return response


def cacheable(response: Response, last_modified=None) -> Response:
    """`response` with a validator of its body (ETag) and of its data's newest change
    (Last-Modified), cacheable for a few minutes; a request that already holds it gets 304."""
    response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    return response.make_conditional(request)
