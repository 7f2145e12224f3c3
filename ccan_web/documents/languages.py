"""The language a document is written in, named in the reader's own language."""
from __future__ import annotations

from babel import Locale


def language_name(code: str, reader_locale: str) -> str:
    """"Russian" for an English reader, "русский" for a Russian one (Babel's names)."""
    return Locale.parse(code).get_display_name(Locale.parse(reader_locale))


def written_in(document, reader_locale: str) -> str | None:
    """The name of the document's language when the reader reads another, else None."""
    if document is None or not document.language or document.language == reader_locale:
        return None
    return language_name(document.language, reader_locale)
