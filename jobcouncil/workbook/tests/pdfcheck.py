"""Reading a PDF back in tests: its text (pypdf), its pages, the fonts it embeds, and whether
any line of text runs past the page's content box (WeasyPrint's own layout)."""

from __future__ import annotations

import io

try:
    from pypdf import PdfReader
except ModuleNotFoundError as missing:  # a virtualenv made before pypdf was pinned
    raise ModuleNotFoundError(
        f"{missing}: install the pinned packages: .venv/bin/python -m pip install -e '.[test]'"
    ) from missing


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def font_names(pdf: bytes) -> set[str]:
    """The base names of the fonts the pages use (subset prefixes like ABCDEF+ removed)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", ""))
            names.add(name.lstrip("/").split("+", 1)[-1])
    return names


def overflowing_text(html: str) -> list[str]:
    """Each piece of text laid out beyond its page's content box, left or right: [] when
    every line wraps inside the page."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html).render()
    found = []
    for page in document.pages:
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue  # the footer lives in the margin on purpose
            for box in child.descendants():
                if isinstance(box, boxes.TextBox) and box.text.strip():
                    if box.position_x < left - 0.5 or box.position_x + box.width > right + 0.5:
                        found.append(box.text)
    return found
