"""workbook/pdf.py: a template becomes PDF bytes whose text reads back, in any script, and
the PDF fetches nothing from outside (no URL, no file on the disk)."""

from __future__ import annotations

from jobcouncil.workbook import pdf
from jobcouncil.workbook.tests.pdfcheck import font_names, overflowing_text, page_count, pdf_text

NAMES = ["Zoë Müller", "王芳", "Łukasz Żółć"]


def _page(body: str) -> str:
    return f'<!doctype html><html lang="en"><meta charset="utf-8"><body>{body}</body></html>'


def test_text_in_latin_polish_and_chinese_reads_back_with_real_glyphs():
    document = pdf.html_to_pdf(_page("".join(f"<p>{name}</p>" for name in NAMES)))
    assert document.startswith(b"%PDF-")
    text = pdf_text(document)
    for name in NAMES:
        assert name in text
    # The Chinese name is drawn with a font that has its glyphs, not as empty boxes.
    fonts = font_names(document)
    assert any("WenQuanYi" in f or "CJK" in f or "WQY" in f for f in fonts), fonts


def test_the_pdf_fetches_nothing_from_outside(monkeypatch, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    asked: list[str] = []
    refuse = pdf._refuse_fetch

    def recording(url):
        asked.append(url)
        return refuse(url)

    monkeypatch.setattr(pdf, "_refuse_fetch", recording)
    html = _page(
        f'<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        f'<img src="file://{secret}" alt="x"><p style="background: url(file://{secret})">Hi</p>'
    )
    document = pdf.html_to_pdf(html)
    assert "Hi" in pdf_text(document)
    assert "do not read me" not in pdf_text(document)
    assert asked and all(url.startswith(("http://127.0.0.1:9", "file://")) for url in asked)


def test_a_long_unbroken_word_wraps_inside_the_page():
    word = "Łukasz" + "x" * 400
    html = _page(f'<p style="overflow-wrap: anywhere">{word}</p>')
    assert overflowing_text(html) == []
    # The check itself sees text that runs off the page when nothing lets it wrap.
    assert overflowing_text(_page(f'<p style="white-space: nowrap">{word}</p>')) != []
    assert page_count(pdf.html_to_pdf(html)) == 1
