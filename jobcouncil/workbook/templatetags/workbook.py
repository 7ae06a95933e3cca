"""`{{ text|markdown }}`: user Markdown through the one sanitising path (lib/markdown.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from jobcouncil.lib.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)
