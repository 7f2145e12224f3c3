"""Static files under names that carry a hash of their content, so a browser keeps them for a year.

url_for('static', filename='css/ccan.css') gives /static/css/ccan.<hash>.css. That name is served
with `immutable`: an edited file gets another hash, hence another address, so a browser never holds
a stale copy. The plain name keeps working with a short cache (for links written by hand); an
outdated or made-up hash is a 404. Hashes are computed at start and again whenever a file's size or
modification time changes, so an edit made while the server runs is picked up at the next link.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from flask import Flask, abort, send_from_directory
from werkzeug.security import safe_join

ONE_YEAR = 60 * 60 * 24 * 365
# Long enough for a burst of page views, short enough that a file linked by its plain name follows an edit.
PLAIN_NAME_MAX_AGE = 600
DIGEST_LENGTH = 12
HASHED_NAME = re.compile(rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)$")


class StaticDigests:
    """The content hash of each file under one folder, kept while the file's size and time stay."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = str(folder)
        self._known: dict[str, tuple[int, int, str]] = {}

    def digest(self, filename: str) -> str | None:
        """The file's hash, or None when there is no such file."""
        path = safe_join(self.folder, filename)
        if path is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        known = self._known.get(filename)
        if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            return known[2]
        try:
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()[:DIGEST_LENGTH]
        except OSError:  # a directory, or gone since the stat
            return None
        self._known[filename] = (stat.st_mtime_ns, stat.st_size, digest)
        return digest

    def hashed_name(self, filename: str) -> str:
        """`css/ccan.css` -> `css/ccan.<hash>.css`; a missing file, or one with no suffix, keeps its name."""
        directory, _, name = filename.rpartition("/")
        stem, dot, suffix = name.rpartition(".")
        digest = self.digest(filename) if dot and stem else None
        if digest is None:
            return filename
        hashed = f"{stem}.{digest}.{suffix}"
        return f"{directory}/{hashed}" if directory else hashed

    def warm(self) -> None:
        """Hash every file now, so the first page view does not."""
        root = Path(self.folder)
        for path in root.rglob("*"):
            if path.is_file():
                self.digest(path.relative_to(root).as_posix())


def init_app(app: Flask, folder: str | Path, url_path: str = "/static") -> None:
    """Serve `folder` at `url_path` as the 'static' endpoint, and make url_for give hashed names.
    The app must be created with static_folder=None, so that this is the only static route."""
    digests = StaticDigests(folder)
    digests.warm()

    def static(filename: str):
        if digests.digest(filename) is not None:
            return send_from_directory(digests.folder, filename, max_age=PLAIN_NAME_MAX_AGE)
        hashed = HASHED_NAME.match(filename)
        if not hashed:
            abort(404)
        plain = hashed["stem"] + hashed["suffix"]
        if digests.digest(plain) != hashed["digest"]:
            abort(404)  # an old hash: the content it named is gone
        response = send_from_directory(digests.folder, plain, max_age=ONE_YEAR)
        response.cache_control.immutable = True
        return response

    app.add_url_rule(f"{url_path}/<path:filename>", endpoint="static", view_func=static)

    @app.url_defaults
    def hashed_static_names(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = digests.hashed_name(values["filename"])
