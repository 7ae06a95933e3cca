"""Hostile text in every workbook field renders inert: Markdown through nh3, the rest
escaped. Checked on the pages that show it, owner's and council's alike."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from jobcouncil.workbook.models import Share

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNCk+)",
    '<svg onload="alert(5)"></svg>',
    "[x](data:text/html,<script>alert(6)</script>)",
    '"><a href="javascript:alert(7)">x</a>',
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("svg", "iframe", "img", "object", "embed"):
            self.bad.append(tag)
        if tag == "script" and "src" not in attrs:
            self.bad.append("inline script")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}")
            if name in ("href", "src") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.bad.append(f"{tag} {name}={value}")


def inert(html: str) -> bool:
    parser = _Elements()
    parser.feed(html)
    assert parser.bad == []
    return True


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_renders_inert(text, council, seeker, fellow, as_user):
    owner = as_user(seeker)
    owner.post(
        "/workbook/two-pager/", {"side": "want", "topic": "role", "text": text[:200], "why": text}
    )
    fit = {"role": text, "company_stage": text, "industry": text, "location_culture": text}
    owner.post("/workbook/fit/", {**fit, "linkedin_text": text})
    owner.post("/workbook/contacts/", {"name": text, "company": text, "position": text})
    owner.post(
        "/workbook/tour/new/",
        {
            "new_name": text,
            "new_company": text,
            "relation": "friend",
            "notes": text,
            "learned": text,
        },
    )
    owner.post("/workbook/updates/new/", {"subject": text, "body": text})
    owner.post("/workbook/share/two-pager/", {"action": "share"})
    owner.post("/workbook/share/fit/", {"action": "share"})
    share = Share.objects.filter(content_type__model="twopager").get()
    as_user(fellow).post(f"/workbook/shared/{share.pk}/", {"body": text})
    pages = ["/workbook/", "/workbook/two-pager/", "/workbook/fit/", "/workbook/tour/",
             "/workbook/contacts/", "/workbook/updates/", "/workbook/two-pager/versions/",
             f"/workbook/shared/{share.pk}/"]  # fmt: skip
    for url in pages:
        response = as_user(seeker).get(url)
        assert response.status_code == 200 and inert(response.content.decode()), url
    from jobcouncil.workbook.models import TourConversation

    talk = TourConversation.objects.get(owner=seeker)
    response = as_user(seeker).get(f"/workbook/tour/{talk.pk}/")
    assert response.status_code == 200 and inert(response.content.decode())
    council_page = as_user(fellow).get(f"/councils/{council.pk}/").content.decode()
    assert inert(council_page)
