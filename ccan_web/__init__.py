"""The CCAN platform: create_app() builds the Flask application in a fixed order of steps."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app


def create_app(config=None) -> Flask:
    """Build the application. `config` (a class, object or dict) overrides environment settings."""
    # Its static route is added by configure_static, which serves names with a content hash.
    app = Flask(__name__, instance_relative_config=False, static_folder=None)
    configure_settings(app, config)
    configure_logging(app)
    configure_static(app)
    configure_extensions(app)
    configure_i18n(app)
    configure_routing(app)
    configure_blueprints(app)
    configure_templates(app)
    configure_security(app)
    configure_errors(app)
    configure_jobs(app)
    configure_search(app)
    configure_cli(app)
    return app


def configure_settings(app: Flask, config) -> None:
    from werkzeug.middleware.proxy_fix import ProxyFix

    from ccan_web.config import BaseConfig, check_settings, engine_options, hosts_to_trust, settings_from_env

    app.config.from_object(BaseConfig)
    instance_path = Path(app.instance_path)
    overrides = {}
    if isinstance(config, dict):
        overrides = config
    elif config is not None:
        overrides = {k: getattr(config, k) for k in dir(config) if k.isupper()}
    # The environment fills in every setting the caller did not give (tests give their own).
    app.config.update(settings_from_env(instance_path, frozenset(overrides)))
    app.config.update(overrides)
    check_settings(app.config)
    if "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config)
    app.config["PUBLIC_BASE_URL"] = app.config["PUBLIC_BASE_URL"].rstrip("/")
    # Flask refuses (400) a request whose Host is not one of these, before any view or link sees it.
    app.config["TRUSTED_HOSTS"] = hosts_to_trust(app.config["PUBLIC_BASE_URL"], app.config.get("TRUSTED_HOSTS"))
    proxies = app.config.get("PROXY_COUNT", 0)
    if proxies:
        # Behind nginx the client's address and scheme arrive in X-Forwarded-* headers: without
        # this, rate limits would count every visitor as the proxy, and links would say http.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def configure_logging(app: Flask) -> None:
    from ccan_web import logs

    logs.configure_logging(app)


def configure_static(app: Flask) -> None:
    from ccan_web import static_files

    static_files.init_app(app, Path(__file__).resolve().parent / "static")


def configure_extensions(app: Flask) -> None:
    from ccan_web.db import include_in_autogenerate
    from ccan_web.extensions import compress, csrf, db, limiter, login_manager, migrate

    # First, so that its after_request runs last: it compresses the response as the others left it.
    compress.init_app(app)
    db.init_app(app)
    migrations = Path(__file__).resolve().parent.parent / "migrations"
    migrate.init_app(app, db, directory=str(migrations), render_as_batch=True, compare_type=True,
                     include_name=include_in_autogenerate)
    csrf.init_app(app)
    limiter.init_app(app)

    @limiter.request_filter
    def rate_limits_switched_off() -> bool:
        # Read per request from the app's own settings: the limiter object is shared by every
        # app made in one process (tests make several), so its own on/off flag is not enough.
        return not current_app.config.get("RATELIMIT_ENABLED", True)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        from ccan_web.blueprints.accounts.services import user_by_session_token

        return user_by_session_token(token)


def configure_i18n(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ccan_web.extensions import babel, login_manager
    from ccan_web.i18n import language_headers, select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.after_request(language_headers)
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"


def configure_routing(app: Flask) -> None:
    """Before any route is added: every `<int:...>` in the URL map stops at the largest stored id."""
    from ccan_web.routing import StoredIntegerConverter

    app.url_map.converters["int"] = StoredIntegerConverter


def configure_blueprints(app: Flask) -> None:
    from ccan_web.blueprints import (accounts, admin, api, associations, board, catalog, competitions, events, files,
                                     main, members, notifications, roadmap, site, stories, toolkit)

    for module in (main, accounts, board, admin, members, associations, toolkit, roadmap, catalog, stories, api, site,
                   files, notifications, competitions, events):
        app.register_blueprint(module.bp)


def required_alt(alt) -> str:
    """An image's alt text, which may not be missing: a page that would show an image without one
    fails (and its test with it) rather than reach a reader."""
    if alt is None or not str(alt).strip():
        raise ValueError("an image needs its alt text")
    return str(alt)


def configure_templates(app: Flask) -> None:
    from ccan_web import htmx, i18n, links, permissions
    from ccan_web.domain import catalog as catalog_domain
    from ccan_web.domain import audit_actions, countries, membership, roles, sectors
    from ccan_web.domain.languages import LOCALES

    app.jinja_env.globals.update(
        can=permissions.template_can,
        htmx_fragment=htmx.is_htmx_fragment_request,
        required_alt=required_alt,
        LOCALES=LOCALES,
        COUNTRIES=countries.COUNTRIES,
        SECTORS=sectors.SECTORS,
        COUNTRY_CHOICES=countries.country_choices(),
        APPLICANT_TYPE_CHOICES=[(t.value, label) for t, label in membership.APPLICANT_TYPE_LABELS.items()],
        CRITERIA_COUNT=len(membership.MEMBERSHIP_CRITERIA),
        country_name=countries.country_name,
        sector_label=sectors.sector_label,
        role_label=lambda r: roles.ROLE_LABELS.get(r, r),
        audit_label=audit_actions.action_label,
        catalog_labels=catalog_domain,
        status_label=lambda s: membership.APPLICATION_STATUS_LABELS.get(s, s),
        applicant_type_label=lambda t: membership.APPLICANT_TYPE_LABELS.get(t, t),
        current_locale=i18n.current_locale_code,
        language_alternates=i18n.language_alternates,
        address_without_language=i18n.address_without_language,
        number=i18n.format_count,
    )
    # Numbers and moments in each locale's own form; a time of day always says its zone.
    app.jinja_env.filters.update(
        share=i18n.format_share,
        decimal=i18n.format_decimal,
        when=i18n.format_when,
        when_in_zone=i18n.format_in_zone,
        day=i18n.format_day,
        tel=links.tel_href,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


# No inline script or style anywhere: htmx's own indicator style is switched off in base.html,
# and Pico's icons are data: URIs, hence img-src data:.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
HSTS_HEADER = ("Strict-Transport-Security", "max-age=31536000")


def configure_security(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        # Each header unless the view set its own.
        wanted = SECURITY_HEADERS
        if app.config.get("SESSION_COOKIE_SECURE"):
            wanted += (HSTS_HEADER,)
        for name, value in wanted:
            response.headers.setdefault(name, value)
        return response


def configure_errors(app: Flask) -> None:
    from ccan_web.errors import register_error_handlers

    register_error_handlers(app)


def configure_jobs(app: Flask) -> None:
    """The job queue, with every area's tasks (mail among them) registered on it."""
    from ccan_web import jobs

    jobs.init_app(app)


def configure_search(app: Flask) -> None:
    """One search index per app; each area says what it makes searchable. Nothing is opened yet:
    the backend is created on first use, so commands such as `flask db upgrade` never touch it."""
    from ccan_web.blueprints.catalog.search_sources import search_sources
    from ccan_web.blueprints.roadmap.services import search_source as roadmap_search_source
    from ccan_web.blueprints.associations.search_source import search_source as associations_search_source
    from ccan_web.blueprints.stories.search_source import search_source as stories_search_source
    from ccan_web.blueprints.toolkit.search_source import search_source as toolkit_search_source
    from ccan_web.search import indexing

    indexing.init_app(app, [*search_sources(), roadmap_search_source(), stories_search_source(),
                            associations_search_source(), toolkit_search_source()])


def configure_cli(app: Flask) -> None:
    from ccan_web.cli import ccan_cli, search_cli

    app.cli.add_command(ccan_cli)
    app.cli.add_command(search_cli)
