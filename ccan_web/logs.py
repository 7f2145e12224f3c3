"""Logs a collector reads: one JSON object per line on standard error, one line per request with
its duration, and errors with their traceback; the level from `LOG_LEVEL` (INFO unless set).

gunicorn, `flask run` and the test suite all end up here, so a log collector (journald, Loki,
CloudWatch) gets the same fields everywhere: time, level, logger, message, and for a request its
method, path, status, duration in milliseconds and response size.
"""
from __future__ import annotations

import logging
import sys
import time

from flask import Flask, g, request
from pythonjsonlogger.json import JsonFormatter

REQUEST_LOGGER = "ccan_web.requests"
FIELDS = "%(levelname)s %(name)s %(message)s"


def json_handler(stream=None) -> logging.Handler:
    """A handler writing one JSON object per line; non-ASCII text kept as it is (names, places)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(FIELDS, rename_fields={"levelname": "level", "name": "logger",
                                                              "exc_info": "traceback"},
                                       timestamp="time", json_ensure_ascii=False))  # time: ISO 8601, UTC
    handler.ccan_json = True  # marks the handler this module added, so it is added once per process
    return handler


def configure_logging(app: Flask) -> None:
    level = logging.getLevelName(str(app.config.get("LOG_LEVEL", "INFO")).upper())
    if not isinstance(level, int):
        raise ValueError(f"LOG_LEVEL must be a logging level such as INFO or DEBUG, not {app.config['LOG_LEVEL']!r}")
    root = logging.getLogger()
    if not any(getattr(handler, "ccan_json", False) for handler in root.handlers):
        root.addHandler(json_handler())
    root.setLevel(level)
    # Flask's own handler would print every error a second time, as plain text.
    app.logger.handlers.clear()
    app.logger.propagate = True

    @app.before_request
    def _start_clock():
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        started = g.get("request_started")
        if started is not None:
            logging.getLogger(REQUEST_LOGGER).info("%s %s %s", request.method, request.path, response.status_code, extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "bytes": response.calculate_content_length(),
            })
        return response
