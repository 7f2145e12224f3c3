"""A simplified outline of the five countries, shipped as data, and its projection onto an SVG map.

The outlines are hand-simplified from public-domain borders to a few dozen points each (longitude,
latitude): enough to recognise the region on a phone, drawn by the server, with no tile server
and nothing from a CDN. Neighbouring countries share their border points, so no gap opens.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

OUTLINES: dict[str, tuple[tuple[float, float], ...]] = {
    "KZ": (
        (49.2, 46.3), (48.7, 47.8), (46.8, 48.4), (47.3, 50.2), (48.7, 50.6), (50.8, 51.6), (53.4, 51.5),
        (55.7, 50.6), (58.6, 51.0), (61.5, 50.8), (61.0, 52.9), (61.3, 53.9), (65.0, 54.6), (68.2, 55.0),
        (70.9, 55.1), (73.5, 54.0), (76.3, 54.2), (77.9, 53.3), (80.0, 50.8), (83.4, 51.0), (85.0, 50.0),
        (87.3, 49.1), (86.0, 48.5), (85.5, 47.0), (83.0, 47.2), (82.3, 45.5), (80.0, 45.0), (80.2, 42.9),
        (78.5, 42.9), (75.0, 42.8), (73.5, 42.5), (71.0, 42.3), (70.4, 42.0), (69.0, 41.4), (68.0, 40.8),
        (66.5, 41.9), (66.0, 43.0), (64.5, 43.6), (62.0, 43.5), (61.0, 44.4), (58.5, 45.6), (56.0, 45.6),
        (56.0, 41.3), (55.0, 41.7), (53.0, 42.1), (52.5, 42.0), (52.4, 42.6), (51.3, 43.2), (50.3, 44.4),
        (51.3, 45.2), (53.0, 45.3), (53.2, 46.7), (51.2, 47.0),
    ),
    "KG": (
        (71.0, 42.3), (73.5, 42.5), (75.0, 42.8), (78.5, 42.9), (80.2, 42.9), (80.2, 42.0), (78.0, 41.0),
        (76.9, 41.0), (76.0, 40.4), (74.9, 40.5), (73.7, 39.5), (71.5, 39.5), (70.0, 39.7), (70.9, 40.2),
        (71.8, 40.2), (72.5, 40.4), (73.1, 40.8), (72.2, 41.1), (71.6, 41.3), (70.9, 41.6),
    ),
    "TJ": (
        (67.8, 37.2), (68.4, 37.1), (69.5, 37.6), (70.2, 37.9), (71.5, 36.8), (73.0, 37.3), (74.9, 37.2),
        (75.1, 38.0), (74.0, 38.6), (73.7, 39.5), (71.5, 39.5), (70.0, 39.7), (70.9, 40.2), (70.5, 40.9),
        (69.6, 40.7), (69.3, 40.3), (68.6, 40.0), (67.7, 39.6), (68.3, 38.2),
    ),
    "UZ": (
        (56.0, 45.6), (58.5, 45.6), (61.0, 44.4), (62.0, 43.5), (64.5, 43.6), (66.0, 43.0), (66.5, 41.9),
        (68.0, 40.8), (69.0, 41.4), (70.4, 42.0), (71.0, 42.3), (70.9, 41.6), (71.6, 41.3), (72.2, 41.1),
        (73.1, 40.8), (72.5, 40.4), (71.8, 40.2), (70.9, 40.2), (70.5, 40.9), (69.6, 40.7), (69.3, 40.3),
        (68.6, 40.0), (67.7, 39.6), (68.3, 38.2), (67.8, 37.2), (66.5, 37.4), (66.2, 38.0), (64.2, 38.9),
        (62.3, 40.0), (61.0, 41.2), (60.0, 41.2), (58.7, 42.7), (57.9, 42.3), (57.0, 41.3), (56.0, 41.3),
    ),
    "TM": (
        (52.5, 42.0), (53.0, 42.1), (55.0, 41.7), (56.0, 41.3), (57.0, 41.3), (57.9, 42.3), (58.7, 42.7),
        (60.0, 41.2), (61.0, 41.2), (62.3, 40.0), (64.2, 38.9), (66.2, 38.0), (66.5, 37.4), (65.6, 37.3),
        (64.8, 37.1), (62.6, 35.3), (61.2, 35.6), (61.1, 36.6), (60.0, 37.5), (57.3, 38.2), (55.4, 38.0),
        (54.0, 37.4), (53.9, 38.9), (53.1, 39.3), (53.5, 39.9), (52.9, 40.9),
    ),
}
# Where each country's label sits (longitude, latitude): inside the country, clear of its neighbours.
LABEL_POINTS = {"KZ": (67.0, 48.5), "KG": (76.0, 41.6), "TJ": (71.6, 38.2), "UZ": (63.0, 41.9), "TM": (58.5, 39.3)}

WEST, EAST, SOUTH, NORTH = 46.3, 87.8, 34.8, 55.6
SCALE = 14.0  # SVG units per degree of latitude
_SHRINK = math.cos(math.radians(45))  # degrees of longitude are shorter at the region's latitude


@dataclass(frozen=True)
class MapShape:
    code: str
    path: str  # the SVG path's `d`
    label_x: float
    label_y: float


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * _SHRINK * SCALE, 1), round((NORTH - lat) * SCALE, 1)


def view_box() -> str:
    width, height = project(EAST, SOUTH)
    return f"0 0 {width} {height}"


def shapes() -> list[MapShape]:
    """Each country's outline as an SVG path, in the order of COUNTRIES' codes given."""
    found = []
    for code, points in OUTLINES.items():
        projected = [project(lon, lat) for lon, lat in points]
        path = "M" + " L".join(f"{x} {y}" for x, y in projected) + " Z"
        found.append(MapShape(code, path, *project(*LABEL_POINTS[code])))
    return found
