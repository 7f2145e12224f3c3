"""Make the CCAN logo's files from one geometry: the colour and one-colour SVGs and their PNGs.

Run from the repository's root after changing the geometry below, and commit what it writes:
    .venv/bin/python assets/brand/make_brand.py
The logo: the CCAN teal square, a saffron sun over white mountains, and five dots for the five
countries. The one-colour versions knock the shapes out of the square (ink on light grounds,
white on dark ones).
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "ccan_web" / "static" / "brand"
TEAL, SAFFRON, WHITE, INK = "#0B5D57", "#F2A900", "#FFFFFF", "#1B1B1B"
BOX, RADIUS = 100, 18  # the design's own units
SUN = (66, 32, 12)  # centre x, centre y, radius
MOUNTAINS = ((8, 80), (36, 42), (50, 60), (63, 47), (92, 80))
DOTS = tuple((30 + 10 * i, 89, 3) for i in range(5))
PNG_SIZES = (64, 128, 256, 512, 1024)


def _shapes_svg(fill_sun: str, fill_rest: str) -> str:
    points = " ".join(f"{x},{y}" for x, y in MOUNTAINS)
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill_rest}"/>' for x, y, r in DOTS)
    x, y, r = SUN
    return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill_sun}"/><polygon points="{points}" fill="{fill_rest}"/>{dots}'


def colour_svg() -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}" role="img" aria-label="CCAN">'
            f'<title>CCAN</title><rect width="{BOX}" height="{BOX}" rx="{RADIUS}" fill="{TEAL}"/>'
            f'{_shapes_svg(SAFFRON, WHITE)}</svg>\n')


def mono_svg(colour: str = INK) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}" role="img" aria-label="CCAN">'
            f'<title>CCAN</title><defs><mask id="cut"><rect width="{BOX}" height="{BOX}" fill="#fff"/>'
            f'{_shapes_svg("#000", "#000")}</mask></defs>'
            f'<rect width="{BOX}" height="{BOX}" rx="{RADIUS}" fill="{colour}" mask="url(#cut)"/></svg>\n')


def _draw(size: int, square: str, sun: str | None, rest: str | None) -> Image.Image:
    """The logo at `size` pixels; a None colour knocks that shape out (transparent). Drawn four
    times larger and reduced, for smooth edges."""
    scale = size * 4 / BOX
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=RADIUS * scale, fill=square)
    clear = (0, 0, 0, 0)
    x, y, r = SUN
    draw.ellipse(((x - r) * scale, (y - r) * scale, (x + r) * scale, (y + r) * scale), fill=sun or clear)
    draw.polygon([(px * scale, py * scale) for px, py in MOUNTAINS], fill=rest or clear)
    for dx, dy, dr in DOTS:
        draw.ellipse(((dx - dr) * scale, (dy - dr) * scale, (dx + dr) * scale, (dy + dr) * scale), fill=rest or clear)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ccan-logo.svg").write_text(colour_svg(), encoding="utf-8")
    (OUT / "ccan-logo-mono.svg").write_text(mono_svg(), encoding="utf-8")
    for size in PNG_SIZES:
        _draw(size, TEAL, SAFFRON, WHITE).save(OUT / f"ccan-logo-{size}.png", optimize=True)
    _draw(512, INK, None, None).save(OUT / "ccan-logo-mono-512.png", optimize=True)
    _draw(512, WHITE, None, None).save(OUT / "ccan-logo-white-512.png", optimize=True)


if __name__ == "__main__":
    main()
