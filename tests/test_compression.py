"""Responses are compressed by the application: brotli or gzip for text, nothing for tiny or binary ones."""
from __future__ import annotations

import gzip

import brotli
import pytest

pytestmark = pytest.mark.no_db


def test_a_page_is_sent_with_brotli_when_the_browser_takes_it(client):
    plain = client.get("/auth/login")
    response = client.get("/auth/login", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert brotli.decompress(response.data) == plain.data
    assert int(response.headers["Content-Length"]) < len(plain.data) / 3


def test_a_browser_without_brotli_gets_gzip_and_one_without_either_gets_it_plain(client):
    response = client.get("/auth/login", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.data)
    plain = client.get("/auth/login")
    assert "Content-Encoding" not in plain.headers


def test_stylesheets_are_compressed_but_images_and_tiny_answers_are_not(client):
    css = client.get("/static/vendor/pico-2.1.1/LICENSE.md", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in css.headers  # not a text type we compress
    css.close()
    style = client.get("/static/css/ccan.css", headers={"Accept-Encoding": "br"})
    assert style.headers["Content-Encoding"] == "br"
    assert brotli.decompress(style.data).startswith(b"/*")
    missing = client.get("/no-such-page", headers={"Accept-Encoding": "br"})
    assert missing.status_code == 404 and "Content-Encoding" not in missing.headers
