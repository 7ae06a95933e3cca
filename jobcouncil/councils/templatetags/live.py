"""`{% livepart "id" %}…{% endlivepart %}`: a part of the live meeting page, wrapped with the
digest of its content so the page's poll can say what it holds (councils/meeting_page.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jobcouncil.councils.meeting_page import live_digest

register = template.Library()


class LivePartNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, nodelist: template.NodeList):
        self.name, self.nodelist = name, nodelist

    def render(self, context: template.Context) -> SafeString:
        inner = self.nodelist.render(context)
        # Sent by the poll as an out-of-band swap, it replaces the part of the same id.
        oob = mark_safe(' hx-swap-oob="true"') if context.get("live_oob") else ""
        start = format_html(
            '<div id="{}" data-live-part data-digest="{}"{}>',
            self.name.resolve(context),
            live_digest(inner),
            oob,
        )
        return start + inner + mark_safe("</div>")


@register.tag("livepart")
def livepart(parser: Any, token: template.base.Token) -> LivePartNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("livepart takes the part's id")
    nodelist = parser.parse(("endlivepart",))
    parser.delete_first_token()
    return LivePartNode(parser.compile_filter(bits[1]), nodelist)
