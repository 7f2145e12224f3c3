"""Make the CCAN logo's files from one geometry: the colour and one-colour SVGs and their PNGs.

Run from the repository's root after changing the geometry below, and commit what it writes:
    .venv/bin/python assets/brand/make_brand.py
The logo is the platform's own mark (static/img/ccan-mark.svg): the CCAN teal square with three
circles joined by a triangle — people from different places, connected. The one-colour versions
knock the shapes out of the square (ink for light grounds, white for dark ones).
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "ccan_web" / "static" / "brand"
TEAL, SAFFRON, TERRACOTTA, WHITE, INK = "#0B5D57", "#F2B705", "#E86A33", "#FFFFFF", "#1B1B1B"
BOX, RADIUS = 64, 14  # the mark's own units
CIRCLES = ((20, 24, 7, SAFFRON), (44, 24, 7, TERRACOTTA), (32, 44, 7, WHITE))
TRIANGLE, STROKE = ((20, 24), (44, 24), (32, 44)), 3
PNG_SIZES = (64, 128, 256, 512, 1024)


def _shapes_svg(colour=None) -> str:
    circles = "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{colour or fill}"/>' for x, y, r, fill in CIRCLES)
    points = " L".join(f"{x} {y}" for x, y in TRIANGLE)
    line = (f'<path d="M{points} Z" fill="none" stroke="{colour or WHITE}" stroke-width="{STROKE}" '
            f'stroke-linejoin="round"/>')
    return circles + line


def colour_svg() -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}" role="img" aria-label="CCAN">'
            f'<title>CCAN</title><rect width="{BOX}" height="{BOX}" rx="{RADIUS}" fill="{TEAL}"/>'
            f'{_shapes_svg()}</svg>\n')


def mono_svg(colour: str = INK) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}" role="img" aria-label="CCAN">'
            f'<title>CCAN</title><defs><mask id="cut"><rect width="{BOX}" height="{BOX}" fill="#fff"/>'
            f'{_shapes_svg("#000")}</mask></defs>'
            f'<rect width="{BOX}" height="{BOX}" rx="{RADIUS}" fill="{colour}" mask="url(#cut)"/></svg>\n')


def _draw(size: int, square: str, knock_out: bool = False) -> Image.Image:
    """The logo at `size` pixels (shapes knocked out of the square for the one-colour versions),
    drawn four times larger and reduced, for smooth edges."""
    scale = size * 4 / BOX
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=RADIUS * scale, fill=square)
    clear = (0, 0, 0, 0)
    corners = [(x * scale, y * scale) for x, y in TRIANGLE]
    draw.line(corners + corners[:1], fill=clear if knock_out else WHITE, width=round(STROKE * scale), joint="curve")
    for x, y, r, fill in CIRCLES:
        draw.ellipse(((x - r) * scale, (y - r) * scale, (x + r) * scale, (y + r) * scale),
                     fill=clear if knock_out else fill)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ccan-logo.svg").write_text(colour_svg(), encoding="utf-8")
    (OUT / "ccan-logo-mono.svg").write_text(mono_svg(), encoding="utf-8")
    for size in PNG_SIZES:
        _draw(size, TEAL).save(OUT / f"ccan-logo-{size}.png", optimize=True)
    _draw(512, INK, knock_out=True).save(OUT / "ccan-logo-mono-512.png", optimize=True)
    _draw(512, WHITE, knock_out=True).save(OUT / "ccan-logo-white-512.png", optimize=True)


if __name__ == "__main__":
    main()
