"""The one way user text becomes HTML: CommonMark (markdown-it-py, raw HTML off), then nh3.

markdown-it-py already refuses raw HTML and `javascript:` links; nh3 is the second wall, so
a parser bug or a future option cannot let a script, an event handler, an SVG or a data URL
through. Everything else users write is plain text, auto-escaped by the templates."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Images are left out on purpose: an image URL is a tracking pixel in a shared draft.
_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Markdown as safe HTML; links open nothing on their own and tell no referrer."""
    html = _PARSER.render(text or "")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 (nh3 made it safe)
