"""Training pages: coverage dashboards (national → province → kabupaten/kota → OPD) and export."""

import tempfile
from typing import Final
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.errors import NotFound, PermissionDenied
from peduliham.regions.models import OrgUnit, Region
from peduliham.training import exporting
from peduliham.training.charts import bar_chart
from peduliham.training.selectors.coverage import (
    Coverage,
    CoverageRow,
    SortOrder,
    coverage_for,
)
from peduliham.training.selectors.quotas import programs_for

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: ?urut= words in the address, and the order each asks for.
ORDERS: Final = {"naik": SortOrder.ASCENDING, "turun": SortOrder.DESCENDING}
MAX_ID: Final = 2**31 - 1


@login_required
@require_GET
def coverage_index(request: HttpRequest) -> HttpResponse:
    if scope_for(request.user).level not in (
        ScopeLevel.NATIONAL,
        ScopeLevel.REGION,
        ScopeLevel.UNIT,
    ):
        raise Forbidden(_("Anda tidak berhak melihat cakupan pelatihan."))
    programs = programs_for(request.user)
    return render(request, "training/coverage/index.html", {"programs": programs})


@login_required
@require_GET
def coverage(request: HttpRequest, program_pk: int) -> HttpResponse:
    coverage = _coverage(request, program_pk)
    order_word = "turun" if coverage.order is SortOrder.DESCENDING else "naik"
    context = {
        "coverage": coverage,
        "order_word": order_word,
        "other_order_word": "naik" if order_word == "turun" else "turun",
        "here": _here(coverage),
        "chart": bar_chart([(date_format(p.month, "M Y"), p.completed) for p in coverage.series]),
        "rows": _linked_rows(coverage, order_word),
    }
    return render(request, "training/coverage/dashboard.html", context)


@login_required
@require_GET
def coverage_export(request: HttpRequest, program_pk: int) -> FileResponse:
    """The children table of the page with the same address, as XLSX."""
    coverage = _coverage(request, program_pk)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    exporting.write_coverage_xlsx(coverage, handle)
    handle.seek(0)
    name = f"cakupan-{coverage.program.pk}-{_here(coverage) or 'nasional'}"
    name = f"{name.replace('=', '-').replace('.', '-')}-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_TYPE)


def _coverage(request: HttpRequest, program_pk: int) -> Coverage:
    """The selector's answer for this address: 404 outside the scope or on a bad parameter."""
    program = programs_for(request.user).filter(pk=program_pk).first()
    if program is None:
        raise Http404
    region, opd = _region_param(request), _opd_param(request)
    order = ORDERS.get(request.GET.get("urut", ""), SortOrder.ASCENDING)
    try:
        return coverage_for(request.user, program=program, region=region, opd=opd, order=order)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error


def _region_param(request: HttpRequest) -> Region | None:
    code = request.GET.get("wilayah", "").strip()
    if not code:
        return None
    region = Region.objects.current().filter(code=code[:20]).first()
    if region is None:
        raise Http404(_("Wilayah tidak ditemukan."))
    return region


def _opd_param(request: HttpRequest) -> OrgUnit | None:
    text = request.GET.get("opd", "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) > MAX_ID:
        raise Http404(_("OPD tidak ditemukan."))
    unit = OrgUnit.objects.select_related("region").filter(pk=int(text)).first()
    if unit is None:
        raise Http404(_("OPD tidak ditemukan."))
    return unit


def _here(coverage: Coverage) -> str:
    """The query parameter naming this page's level ("" for national)."""
    if coverage.opd is not None:
        return f"opd={coverage.opd.pk}"
    if coverage.region is not None:
        return f"wilayah={coverage.region.code}"
    return ""


def _linked_rows(coverage: Coverage, order_word: str) -> list[tuple[CoverageRow, str]]:
    """Each child with the address to drill into it ("" where there is no page)."""
    base = reverse("training:coverage", args=[coverage.program.pk])
    return [(row, _row_link(base, row, order_word)) for row in coverage.rows]


def _row_link(base: str, row: CoverageRow, order_word: str) -> str:
    if row.region_code:
        return f"{base}?{urlencode({'wilayah': row.region_code, 'urut': order_word})}"
    if row.opd_id is not None:
        return f"{base}?{urlencode({'opd': row.opd_id, 'urut': order_word})}"
    if row.event_id is not None:
        return reverse("training:event_detail", kwargs={"pk": row.event_id})
    return ""


urlpatterns: list[URLPattern] = [
    path("cakupan/", coverage_index, name="coverage_index"),
    path("cakupan/<int:program_pk>/", coverage, name="coverage"),
    path("cakupan/<int:program_pk>/xlsx/", coverage_export, name="coverage_export"),
]
