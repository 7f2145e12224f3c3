"""The 13 creative-economy sectors: slugs are fixed and never translated, labels are."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTORS: dict[str, object] = {
    "fashion-design-crafts": _l("Fashion, design and crafts"),
    "film-animation-xr": _l("Film and animation, VR/AR"),
    "music": _l("Music"),
    "theatre-dance": _l("Theatre and dance"),
    "publishing-literature": _l("Publishing and literature"),
    "contemporary-art": _l("Contemporary art"),
    "architecture": _l("Architecture"),
    "tv-radio-new-media": _l("Television, radio, new media and digital culture"),
    "games-esports": _l("Computer games and cybersports"),
    "software": _l("Software development"),
    "entertainment": _l("Entertainment industry"),
    "shows-events": _l("Shows and events"),
    "advertising": _l("Advertising"),
}

SECTOR_SLUGS: frozenset[str] = frozenset(SECTORS)


def sector_label(slug: str):
    return SECTORS.get(slug, slug)


def sector_choices() -> list[tuple[str, object]]:
    return list(SECTORS.items())
