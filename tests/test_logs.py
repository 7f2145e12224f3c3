"""Logs: one JSON line per request with its duration, errors with their traceback."""
from __future__ import annotations

import io
import json
import logging

import pytest

from ccan_web import create_app
from ccan_web.logs import REQUEST_LOGGER, json_handler
from tests.conftest import make_config


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = json_handler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)  # the suite runs at WARNING (tests/conftest.py)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_each_request_is_one_json_line_with_its_duration(client, log_lines):
    client.get("/catalog/businesses?country=KZ")
    client.get("/no-such-page")
    requests = [line for line in log_lines() if line["logger"] == REQUEST_LOGGER]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [
        ("GET", "/catalog/businesses", 200), ("GET", "/no-such-page", 404)]
    first = requests[0]
    assert first["level"] == "INFO" and first["time"] and first["duration_ms"] >= 0 and first["bytes"] > 0
    assert "country=KZ" not in json.dumps(requests)  # the query string (what people searched) stays out


def test_an_error_is_logged_with_its_traceback(app, log_lines, monkeypatch):
    served = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"],
                                    TESTING=False, PROPAGATE_EXCEPTIONS=False, LOG_LEVEL="INFO"))

    @served.get("/boom")
    def boom():
        raise RuntimeError("the disk is full")

    response = served.test_client().get("/boom")
    assert response.status_code == 500
    lines = log_lines()
    error = next(line for line in lines if line["level"] == "ERROR")
    assert "RuntimeError: the disk is full" in error["traceback"] and "Traceback" in error["traceback"]
    assert any(line.get("path") == "/boom" and line.get("status") == 500 for line in lines)


def test_the_level_comes_from_the_settings(app):
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"],
                               LOG_LEVEL="LOUD"))
    create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"],
                           LOG_LEVEL="debug"))
    assert logging.getLogger().level == logging.DEBUG
    create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"]))
    assert logging.getLogger().level == logging.WARNING  # as the suite runs
