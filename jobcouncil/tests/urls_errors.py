"""The site's URLs plus two that fail on purpose, so tests can see the 400 and 500 pages."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from jobcouncil.urls import handler500
from jobcouncil.urls import urlpatterns as site_urlpatterns


def bad_request(request):
    raise SuspiciousOperation("a test asked for a 400")


def server_error(request):
    raise RuntimeError("a test asked for a 500")


urlpatterns = [
    path("test-errors/400/", bad_request),
    path("test-errors/500/", server_error),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
