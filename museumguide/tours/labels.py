"""QR labels to print beside the works: each opens its stop in the tour's player.

    from museumguide.tours.labels import write_labels
    write_labels(tour, entries, Path("export"))   # labels.pdf and labels-1.png, labels-2.png, ...

segno makes each code (error correction M, as a code on a wall may get scuffed), Pillow lays them
out on A4 sheets at ``DPI``: ``PER_ROW`` x ``PER_COLUMN`` labels a sheet, each with the code at
about ``QR_MM`` mm, the stop number, the title and the artist. The same sheets are written as PNG
images and as one PDF to print.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

DPI = 150
A4_MM = (210, 297)
PER_ROW, PER_COLUMN = 2, 5
QR_MM = 32
"""Printed size of a code: phones read a 3 cm code from 30 cm or more, a visitor's distance at a
wall label."""
MARGIN_MM = 10


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def qr_image(url: str):
    """The QR code of ``url`` as a Pillow image about ``QR_MM`` wide, quiet zone included."""
    import segno
    from PIL import Image

    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=4)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, _px(QR_MM) // modules), border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def sheets(entries: list[dict]) -> list:
    """The label sheets, as Pillow images (white A4 at ``DPI``)."""
    from PIL import Image, ImageDraw

    width, height = _px(A4_MM[0]), _px(A4_MM[1])
    cell_w = (width - 2 * _px(MARGIN_MM)) // PER_ROW
    cell_h = (height - 2 * _px(MARGIN_MM)) // PER_COLUMN
    per_sheet = PER_ROW * PER_COLUMN
    big, small = _font(_px(6)), _font(_px(3.5))
    pages = []
    for first in range(0, len(entries), per_sheet):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        for i, e in enumerate(entries[first:first + per_sheet]):
            x = _px(MARGIN_MM) + (i % PER_ROW) * cell_w
            y = _px(MARGIN_MM) + (i // PER_ROW) * cell_h
            draw.rectangle([x, y, x + cell_w - 1, y + cell_h - 1], outline=200)  # a cutting guide
            code = qr_image(e["player_url"])
            page.paste(code, (x + _px(3), y + (cell_h - code.height) // 2))
            tx, ty = x + code.width + _px(5), y + _px(6)
            draw.text((tx, ty), f"Stop {e['stop']}", fill=0, font=big)
            ty += _px(9)
            chars = max(12, (cell_w - code.width - _px(8)) // _px(2))
            lines = textwrap.wrap(e["title"] or "", chars)[:3] + textwrap.wrap(e.get("artist") or "", chars)[:2]
            for line in lines:
                draw.text((tx, ty), line, fill=0, font=small)
                ty += _px(5)
        pages.append(page)
    return pages


def write_labels(tour: dict, entries: list[dict], folder: Path) -> list[Path]:
    """Write ``labels-N.png`` and ``labels.pdf`` into ``folder``; return the PNG paths."""
    pages = sheets(entries)
    paths = []
    for n, page in enumerate(pages, start=1):
        path = folder / f"labels-{n}.png"
        page.save(path, dpi=(DPI, DPI))
        paths.append(path)
    pages[0].save(folder / tour["labels"], "PDF", resolution=DPI, save_all=True, append_images=pages[1:],
                  title=f"{tour['name']}: QR labels")
    return paths
