"""Settings from environment variables, with safe defaults."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def load_secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Created with owner-only permissions, and never overwritten if another process won the race.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url
    instance_path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance_path / 'ccan.sqlite3'}"


def env_list(name: str) -> list[str]:
    """A comma-separated list: "a.example, b.example" -> ["a.example", "b.example"]."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def settings_from_env(instance_path: Path, given: frozenset[str] = frozenset()) -> dict:
    """Every deployment setting, except those in `given` (the caller supplies them)."""
    settings = {
        "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND", "whoosh"),
        "SEARCH_INDEX_DIR": os.environ.get("SEARCH_INDEX_DIR", str(PROJECT_ROOT / "search_index")),
        # The index follows every commit; off only where a test wants the database alone.
        "SEARCH_AUTO_INDEX": env_bool("SEARCH_AUTO_INDEX", True),
        # Each process checks the index against the database (and repairs it in the background)
        # at its first request, then at most this often, in seconds; 0: never.
        "SEARCH_CHECK_INTERVAL": env_int("SEARCH_CHECK_INTERVAL", 60),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": env_int("MAIL_PORT", 587),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": env_bool("MAIL_USE_TLS", True),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "CCAN <no-reply@ccan.example>"),
        "BOARD_APPROVALS_REQUIRED": env_int("BOARD_APPROVALS_REQUIRED", 1),
        "PASSWORD_RESET_MAX_AGE": env_int("PASSWORD_RESET_MAX_AGE", 3600),
        "SESSION_COOKIE_SECURE": env_bool("SESSION_COOKIE_SECURE", True),
        "REMEMBER_COOKIE_SECURE": env_bool("SESSION_COOKIE_SECURE", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": env_bool("RATELIMIT_ENABLED", True),
        "MAX_CONTENT_LENGTH": env_int("MAX_CONTENT_LENGTH", 16 * 1024 * 1024),
        "PROXY_COUNT": env_int("PROXY_COUNT", 0),
        # Where visitors reach the platform: every absolute link (those in mail) is built from it,
        # never from a request's Host header, which the visitor chooses.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        # Hosts served besides the base URL's own; any other Host header is refused.
        "TRUSTED_HOSTS": env_list("TRUSTED_HOSTS"),
        # Catalog imports: the largest file taken, and whether rows are checked by a worker of the
        # job queue (with a progress bar) or within the request (off only in tests).
        "IMPORT_MAX_BYTES": env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024),
        "IMPORT_IN_BACKGROUND": env_bool("IMPORT_IN_BACKGROUND", True),
        # A check or import whose heartbeat is older than this, in seconds, was cut off (its
        # process stopped) and is failed, so it can be discarded or run again.
        "IMPORT_STALE_AFTER": env_int("IMPORT_STALE_AFTER", 120),
        # The job queue (ccan_web/jobs): "sqlite" (a file under instance/, one server), a redis://
        # URL (several servers), or "immediate" (run in the process, after the commit: tests). A
        # running job whose worker gives no sign for JOBS_LEASE_SECONDS is run again.
        "JOBS_BROKER": os.environ.get("JOBS_BROKER", "sqlite"),
        "JOBS_LEASE_SECONDS": env_int("JOBS_LEASE_SECONDS", 900),
        "JOBS_WORKERS": env_int("JOBS_WORKERS", 2),
        "JOBS_QUEUE_NAME": os.environ.get("JOBS_QUEUE_NAME", "jobs"),  # apps sharing one Redis differ here
        # Uploaded files (ccan_web/storage/): a local directory, or an S3-compatible store shared by
        # several application servers.
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "local"),
        "STORAGE_DIR": os.environ.get("STORAGE_DIR", str(instance_path / "uploads")),
        "S3_BUCKET": os.environ.get("S3_BUCKET", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),
        "S3_REGION": os.environ.get("S3_REGION", ""),
        # Logs are JSON lines on standard error (ccan_web/logs.py); DEBUG, INFO, WARNING or ERROR.
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        # PostgreSQL's connection pool, per worker process (README: "Sizing workers and the pool"),
        # and the longest a statement may run, in milliseconds (0: no limit).
        "DATABASE_POOL_SIZE": env_int("DATABASE_POOL_SIZE", 5),
        "DATABASE_MAX_OVERFLOW": env_int("DATABASE_MAX_OVERFLOW", 5),
        "DATABASE_POOL_TIMEOUT": env_int("DATABASE_POOL_TIMEOUT", 10),
        "DATABASE_STATEMENT_TIMEOUT_MS": env_int("DATABASE_STATEMENT_TIMEOUT_MS", 15000),
    }
    # These two create files under instance/ when unset, so only when they are really needed.
    if "SECRET_KEY" not in given:
        settings["SECRET_KEY"] = load_secret_key(instance_path)
    if "SQLALCHEMY_DATABASE_URI" not in given:
        settings["SQLALCHEMY_DATABASE_URI"] = database_url(instance_path)
    return {key: value for key, value in settings.items() if key not in given}


def engine_options(database_uri: str, config) -> dict:
    """SQLAlchemy's engine options for the database: connections checked before use everywhere; on
    PostgreSQL a pool of the configured size and a statement timeout, sent when each connection opens
    (appended to any `options` the URL already carries, such as a search_path)."""
    options: dict = {"pool_pre_ping": True}
    url = make_url(database_uri)
    if url.get_backend_name() != "postgresql":
        return options
    options.update(pool_size=config.get("DATABASE_POOL_SIZE", 5), max_overflow=config.get("DATABASE_MAX_OVERFLOW", 5),
                   pool_timeout=config.get("DATABASE_POOL_TIMEOUT", 10))
    timeout = config.get("DATABASE_STATEMENT_TIMEOUT_MS", 0)
    if timeout:
        given = url.query.get("options", "")
        given = " ".join(given) if isinstance(given, tuple) else given
        options["connect_args"] = {"options": f"{given} -c statement_timeout={int(timeout)}".strip()}
    return options


SEARCH_BACKENDS = ("whoosh", "postgres")


def check_settings(config) -> None:
    """Refuse to start with a setting that cannot work, saying which and why."""
    if config.get("SEARCH_BACKEND") not in SEARCH_BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, "
                         f"not {config.get('SEARCH_BACKEND')!r}")
    if config.get("STORAGE_BACKEND", "local") not in ("local", "s3"):
        raise ValueError(f"STORAGE_BACKEND must be local or s3, not {config.get('STORAGE_BACKEND')!r}")
    if config.get("STORAGE_BACKEND") == "s3" and not config.get("S3_BUCKET"):
        raise ValueError("STORAGE_BACKEND=s3 needs S3_BUCKET (and S3_ENDPOINT_URL for a store other than AWS)")
    if config.get("BOARD_APPROVALS_REQUIRED", 1) < 1:
        raise ValueError("BOARD_APPROVALS_REQUIRED must be 1 or more")
    base = urlsplit(config.get("PUBLIC_BASE_URL") or "")
    if base.scheme not in ("http", "https") or not base.hostname or base.query or base.fragment or base.username:
        raise ValueError(f"PUBLIC_BASE_URL must be an http(s) address such as https://ccan.example.org, "
                         f"not {config.get('PUBLIC_BASE_URL')!r}")


LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def hosts_to_trust(public_base_url: str, extra) -> list[str]:
    """The Host headers served: the public base URL's host and `extra` (a list, or a comma-separated
    string). A base URL on this machine accepts both of its names, as a browser may use either."""
    host = urlsplit(public_base_url).hostname
    extra = extra.split(",") if isinstance(extra, str) else list(extra or ())
    hosts = [host, *LOOPBACK_HOSTS] if host in LOOPBACK_HOSTS else [host]
    return list(dict.fromkeys(h for h in (*hosts, *(item.strip() for item in extra)) if h))


class BaseConfig:
    """Settings that do not depend on the deployment."""

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead, so a long form is not lost
    WTF_CSRF_HEADERS = ["X-CSRFToken"]
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).parent / "translations")
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"
    RESET_RATE_LIMIT = "5 per minute;20 per hour"
    REGISTER_RATE_LIMIT = "10 per hour"
    MEMBERS_PER_PAGE = 24
    APPLICATIONS_PER_PAGE = 30
    AUDIT_PER_PAGE = 50
    ROLE_PEOPLE_PER_PAGE = 20
    ROLE_HOLDERS_PER_PAGE = 50
    # Responses compressed by the application itself, so `make run` and a bare gunicorn are as
    # light as behind nginx: brotli where the browser takes it, else zstd or gzip. Only text types;
    # images and downloads (xlsx is a zip) are compressed already, and under 500 bytes it costs more
    # than it saves.
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/plain", "text/csv", "text/xml", "application/xml",
                          "application/javascript", "text/javascript", "application/json",
                          "application/atom+xml", "image/svg+xml"]
    COMPRESS_ALGORITHM = ["br", "zstd", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "zstd", "deflate"]
    COMPRESS_BR_LEVEL = 5
    COMPRESS_MIN_SIZE = 500
