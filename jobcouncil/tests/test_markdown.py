"""The one sanitising path: hostile Markdown renders inert."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from jobcouncil.lib.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"><circle/></svg>',
    '<a href="https://x.example" onclick="alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "[x](vbscript:msgbox(1))",
    '<div style="background:url(javascript:alert(1))">x</div>',
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_inert(text):
    """What comes out is only harmless elements: text stays text, and no element carries a
    script, an event handler, a style or a link that is not http(s) or mailto."""
    for tag, attrs in elements(render_markdown(text)):
        assert tag in {"p", "a", "em", "strong", "code", "pre", "ul", "li"}, (text, tag)
        assert not any(name.startswith("on") or name == "style" for name in attrs), (text, attrs)
        if "href" in attrs:
            assert attrs["href"].split(":")[0].lower() in {"https", "http", "mailto"}, (text, attrs)


def test_ordinary_markdown_keeps_its_shape_and_links_tell_no_referrer():
    html = render_markdown("**Bold** and *soft*\n\n- one\n- two\n\n[site](https://example.org)")
    assert "<strong>Bold</strong>" in html and "<em>soft</em>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html and "noreferrer" in html
