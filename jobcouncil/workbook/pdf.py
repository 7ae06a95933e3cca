"""Render a template to PDF bytes with WeasyPrint (the Job Mission one hands a hiring manager).

The HTML is a Django template, so everything the seeker typed is escaped as on any page. The
PDF may fetch nothing: no stylesheet, image or font from a URL or from the disk (a hostile
`<img src="file:///etc/passwd">` could only come from a template bug, and is refused too). The
styles are inline in the template; fonts come from the system (fontconfig), which is where
the Debian packages scripts/dev.sh installs put them, CJK included."""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string

# WeasyPrint tells each step of each PDF at INFO; the server's log needs none of that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class FetchRefused(Exception):
    """WeasyPrint asked for an outside resource; a Job Mission needs none."""


def _refuse_fetch(url: str) -> None:
    raise FetchRefused(url)


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango through cffi, which costs a second on first use;
    # only the pages that make a PDF should pay it.
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ModuleNotFoundError as missing:  # a virtualenv made before WeasyPrint was pinned
        raise ModuleNotFoundError(
            f"{missing}: install the pinned packages: .venv/bin/python -m pip install -e ."
        ) from missing

    class RefuseEverything(URLFetcher):
        """Every stylesheet, image or font URL is refused (WeasyPrint then leaves it out)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            _refuse_fetch(url)

    pdf = HTML(string=html, base_url=None, url_fetcher=RefuseEverything()).write_pdf()
    assert pdf is not None
    return pdf


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))
