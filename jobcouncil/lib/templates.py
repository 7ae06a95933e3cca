"""Django's template backend, except that a rendered context is not left in a reference cycle.

`make_context` pushes the view's dict as a `ContextDict`, which points back at the context that
lists it, and nothing pops it. So the context, and every row and page the view passed, lived
until Python's cyclic collector ran: megabytes per request on a heavy staff page, and the
collector's long pauses landed on unrelated requests. Emptying the stack once rendering is
done lets reference counting free it all at the end of the request."""

from __future__ import annotations

from typing import Any

from django.template import TemplateDoesNotExist
from django.template.backends import django as django_backend
from django.template.context import make_context
from django.utils.safestring import SafeString


class Template(django_backend.Template):
    def render(self, context: dict[str, Any] | None = None, request: Any = None) -> SafeString:
        context_obj = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context_obj)
        except TemplateDoesNotExist as exc:
            django_backend.reraise(exc, self.backend)
        finally:
            context_obj.dicts.clear()


class DjangoTemplates(django_backend.DjangoTemplates):
    def from_string(self, template_code: str) -> Template:
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            django_backend.reraise(exc, self)
