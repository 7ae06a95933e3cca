"""The person's own notices: the list, mark one read, mark all read."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobcouncil.notifications.models import Notice

if TYPE_CHECKING:
    from jobcouncil.accounts.models import User

PER_PAGE = 20


def _me(request: HttpRequest) -> User:
    """The person signed in (every view here is behind login_required)."""
    return cast("User", request.user)


def get_notice_for_owner(user_id: int, notice_id: int) -> Notice:
    """Only ever the person's own notice: anyone else's is 404, as if it did not exist."""
    notice = Notice.objects.filter(pk=notice_id, user_id=user_id).first()
    if notice is None:
        raise Http404
    return notice


def _back(request: HttpRequest) -> str:
    page = request.POST.get("page", "")
    url = reverse("notices:list")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(user_id=_me(request).pk).only(
        "kind", "text", "url", "created_at", "read_at"
    )
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/notice_list.html", {"page": page})


@login_required
@require_POST
def notice_read(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = get_notice_for_owner(_me(request).pk, notice_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    messages.success(request, _("Marked as read."))
    return redirect(_back(request))


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    count = Notice.objects.filter(user_id=_me(request).pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        messages.success(request, _("All your notices are marked as read."))
    else:
        messages.info(request, _("You had no unread notices."))
    return redirect("notices:list")
