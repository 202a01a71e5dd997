from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from peduliham.accounts.scoping import get_in_scope_or_404
from peduliham.core import selectors
from peduliham.core.errors import PermissionDenied as DomainPermissionDenied
from peduliham.core.forms import AuditFilterForm

AUDIT_PAGE_SIZE = 50


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_GET
def healthz_live(request: HttpRequest) -> HttpResponse:
    """The process answers: no database, no session (also the load test's bare-view baseline)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def index(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    return redirect("accounts:login")


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail in the user's scope, filterable by action and date, 50 a page."""
    try:
        actions = selectors.audit_actions_for(request.user)
    except DomainPermissionDenied as error:
        raise PermissionDenied(error.message) from error
    form = AuditFilterForm(request.GET or None, actions=actions)
    if form.is_bound and not form.is_valid():
        return render(request, "core/audit_list.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    entries = selectors.audit_entries_for(
        request.user,
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "core/audit_list.html", context)


@login_required
@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One audit entry with what changed; entries outside the user's scope are not found."""
    try:
        entries = selectors.audit_entries_for(request.user)
    except DomainPermissionDenied as error:
        raise PermissionDenied(error.message) from error
    entry = get_in_scope_or_404(entries, pk=pk)
    context = {"entry": entry, "changes": _change_rows(entry.changes)}
    return render(request, "core/audit_detail.html", context)


def _change_rows(changes: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, before, after) rows: a [old, new] pair from a diff, else a value set once."""
    rows = []
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            rows.append((name, value[0], value[1]))
        else:
            rows.append((name, None, value))
    return rows
