"""Languages: the seven interface locales (also the languages courses may be in)."""
from __future__ import annotations

# Each language named in itself, so a reader finds their own language whatever the page's locale.
LOCALES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "kk": "Қазақша",
    "ky": "Кыргызча",
    "tg": "Тоҷикӣ",
    "tk": "Türkmençe",
    "uz": "Oʻzbekcha",
}

DEFAULT_LOCALE = "en"


def normalise_locale(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LOCALES else None
