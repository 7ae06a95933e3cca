"""Every email's HTML part is laid out for mail clients (inline CSS only, a readable column
on a phone or a wide screen), and its plain-text part reads on its own."""

import re

from django.conf import settings

BODIES = settings.BASE_DIR / "templates" / "emails"


def test_every_html_email_has_a_viewport_and_a_readable_column():
    bodies = sorted(BODIES.glob("*-body.html"))
    assert len(bodies) >= 10
    for body in bodies:
        html = body.read_text()
        assert 'name="viewport"' in html and '<meta charset="utf-8">' in html, body.name
        assert "max-width: 560px" in html, body.name
        assert "<style" not in html and "<link" not in html, body.name  # inline CSS only


def test_every_link_in_a_plain_text_email_says_what_it_is():
    """A bare address on a line of its own follows a line that names it ("Your council:")."""
    for body in sorted(BODIES.glob("*-body.txt")):
        lines = [line.strip() for line in body.read_text().splitlines()]
        for k, line in enumerate(lines):
            if re.fullmatch(r"\{\{ \w+ \}\}", line) and line.endswith("url }}"):
                label = r':("\s*%\}|\{% endblocktranslate %\})?$'  # "...:" or its tag
                assert k and re.search(label, lines[k - 1]), (body.name, line)
        assert not re.search(r"<(p|a|strong|br)\b", body.read_text()), body.name
