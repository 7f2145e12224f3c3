"""The application as a whole: factory, configuration, schema, security headers."""
from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from ccan_web import create_app
from ccan_web.config import load_secret_key
from ccan_web.db import include_in_autogenerate
from ccan_web.extensions import db


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "include_name": include_in_autogenerate})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations disagree; add a revision: {differences}"


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_secret_key(tmp_path)
    assert len(first) >= 32
    assert load_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/d")
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "idx"))
    monkeypatch.setenv("BOARD_APPROVALS_REQUIRED", "2")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/d"
    assert app.config["SEARCH_INDEX_DIR"] == str(tmp_path / "idx")
    assert app.config["BOARD_APPROVALS_REQUIRED"] == 2
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_the_public_base_url_and_the_extra_hosts_decide_which_hosts_are_served(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    local = create_app()  # `make run`: this machine, by either of its names
    assert local.config["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"
    assert sorted(local.config["TRUSTED_HOSTS"]) == ["127.0.0.1", "localhost"]
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://ccan.example.org/")
    monkeypatch.setenv("TRUSTED_HOSTS", "www.ccan.example.org, .ccan.example.net")
    deployed = create_app()
    assert deployed.config["PUBLIC_BASE_URL"] == "https://ccan.example.org"
    assert deployed.config["TRUSTED_HOSTS"] == ["ccan.example.org", "www.ccan.example.org", ".ccan.example.net"]
    served = deployed.test_client()
    for host, status in (("ccan.example.org", 200), ("www.ccan.example.org", 200), ("a.ccan.example.net", 200),
                         ("localhost", 400), ("ccan.example.org.evil.example", 400)):
        response = served.get("/static/css/ccan.css", headers={"Host": host})
        assert response.status_code == status, host
        response.close()


def test_every_page_has_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_or_style():
    templates = Path(__file__).resolve().parent.parent / "ccan_web" / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text()
        # A JSON-LD data block is no script: browsers never run it, and script-src does not apply to it.
        text = text.replace('<script type="application/ld+json">', "")
        assert "<script>" not in text and "<script " not in text.replace('<script src=', ''), path
        assert "<style" not in text and " style=" not in text, path
        assert " on" + "click=" not in text, path


def test_vendored_static_files_are_served_with_their_licences(client):
    for path in ("vendor/htmx-2.0.11/htmx.min.js", "vendor/htmx-2.0.11/LICENSE",
                 "vendor/pico-2.1.1/pico.ccan.min.css", "vendor/pico-2.1.1/LICENSE.md"):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        response.close()


def test_settings_that_cannot_work_stop_the_start(monkeypatch, tmp_path):
    import pytest

    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("SEARCH_BACKEND", "elastic")
    with pytest.raises(ValueError, match="SEARCH_BACKEND"):
        create_app()
    monkeypatch.setenv("SEARCH_BACKEND", "whoosh")
    for wrong in ("ccan.example.org", "ftp://ccan.example.org", "https://", "https://ccan.example.org/?a=1"):
        monkeypatch.setenv("PUBLIC_BASE_URL", wrong)
        with pytest.raises(ValueError, match="PUBLIC_BASE_URL"):
            create_app()


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(database_url, tmp_path):
    from flask import request

    from tests.conftest import make_config

    app = create_app(make_config(database_url, str(tmp_path), PROXY_COUNT=1))

    @app.route("/whoami")
    def whoami():
        return f"{request.remote_addr} {request.scheme}"

    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9",
                                                          "X-Forwarded-Proto": "https"})
    assert response.get_data(as_text=True) == "203.0.113.9 https"
