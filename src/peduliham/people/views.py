"""Pages of the ASN registry: browse, export, and import from an uploaded file. Thin."""

import tempfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from peduliham.accounts.models import Role
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people import exporting, selectors, uploads
from peduliham.people.forms import ASNFilterForm, ASNImportForm
from peduliham.people.importing.report import ErrorReportWriter, job_read_sheets, job_rejections
from peduliham.people.models import ImportJob, ImportStatus

ASN_PER_PAGE = 50
JOBS_PER_PAGE = 50
EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _filtered_asn(request: HttpRequest) -> tuple[ASNFilterForm, Any]:
    """The filter form and the ASN it selects; 403 for users who may not read the registry."""
    try:
        regions = selectors.filter_regions_for(request.user)
        region = regions.filter(code=request.GET.get("region", "")).first()
        units = selectors.units_for_filter(request.user, region=region)
        form = ASNFilterForm(request.GET or None, regions=regions, units=units)
        filters = form.filters() if form.is_valid() else {}
        return form, selectors.asn_for(request.user, **filters)
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error


@login_required
@require_GET
def asn_list(request: HttpRequest) -> HttpResponse:
    form, records = _filtered_asn(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    page = Paginator(records, ASN_PER_PAGE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_import": selectors.may_import(request.user),
    }
    return render(request, "people/asn_list.html", context, status=status)


@login_required
@require_GET
def asn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        asn = selectors.asn_detail_for(request.user, pk)
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    context = {"asn": asn, "transfers": selectors.transfers_of(asn)}
    return render(request, "people/asn_detail.html", context)


@login_required
@require_GET
def asn_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The filtered list as CSV (streamed) or XLSX, in the columns the importer reads."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form, records = _filtered_asn(request)
    if form.is_bound and not form.is_valid():
        return render(request, "people/asn_list.html", {"form": form, "page": None}, status=400)
    _audit_export(request, fmt, form)
    rows = exporting.export_rows(records)
    name = f"asn-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            (piece.encode() for piece in exporting.iter_csv(rows)), content_type=CSV_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # Write-only mode keeps memory flat; the temporary file disappears when the response closes.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    exporting.write_xlsx(rows, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_TYPE)


def _audit_export(request: HttpRequest, fmt: str, form: ASNFilterForm) -> None:
    """Exports carry personal data (contacts): who took which list is kept in the trail."""
    user: Any = request.user
    unit = getattr(user, "org_unit", None)
    region = getattr(user, "region", None) or (unit.region if unit is not None else None)
    filters = {key: value for key, value in request.GET.items() if key in form.fields and value}
    log_action(
        user,
        "peduliham.asn.exported",
        region_code=region.code if region is not None else "",
        unit_path=unit.path if unit is not None else "",
        changes={"format": fmt, "filters": filters},
    )


def _importer(request: HttpRequest) -> None:
    if not selectors.may_import(request.user):
        raise Forbidden(_("Anda tidak berhak mengimpor registri ASN."))


@login_required
@require_http_methods(["GET", "POST"])
def import_create(request: HttpRequest) -> HttpResponse:
    _importer(request)
    user: Any = request.user
    regions = selectors.import_regions_for(user)
    national = user.role == Role.NATIONAL_ADMIN
    fixed = None if national else regions.first()
    if fixed is None and not national:
        raise Forbidden(_("Akun Anda tidak terhubung dengan kabupaten/kota yang berlaku."))
    posted = request.method == "POST"
    form = ASNImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        regions=regions,
        fixed=fixed,
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        stored, sha256 = uploads.store_upload(upload.chunks(), PurePath(upload.name).suffix)
        try:
            job = uploads.queue_asn_import(
                user,
                region=form.region(),
                file_name=upload.name,
                stored_name=stored,
                sha256=sha256,
                dry_run=form.cleaned_data["dry_run"],
                create_units=form.cleaned_data["create_units"],
            )
        except DomainError as error:
            uploads.upload_path(stored).unlink(missing_ok=True)
            form.add_domain_error(error)
        else:
            messages.success(request, _("Berkas diterima; impor berjalan di latar belakang."))
            return redirect("people:import_detail", pk=job.pk)
    status = 400 if form.is_bound else 200
    return render(request, "people/import_form.html", {"form": form, "fixed": fixed}, status=status)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    try:
        return selectors.import_job_for(request.user, pk)
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    try:
        jobs = selectors.import_jobs_for(request.user)
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "people/import_list.html", {"page": page})


def _job_context(job: ImportJob) -> dict[str, Any]:
    running = job.status == ImportStatus.RUNNING
    percent = job.rows_done * 100 // job.total_rows if job.total_rows else 0
    return {"job": job, "running": running, "percent": percent}


@login_required
@require_GET
@never_cache
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "people/import_detail.html", _job_context(_job(request, pk)))


@login_required
@require_GET
@never_cache
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's status block alone, polled by the job page while the import runs."""
    return render(request, "people/import_detail.html#job-status", _job_context(_job(request, pk)))


@login_required
@require_GET
def import_errors(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """The error report of a finished import: refused rows with reasons, ready to fix."""
    job = _job(request, pk)
    name = f"{PurePath(job.file_name).stem or 'impor'}-ditolak.csv"
    if job.dry_run:
        report = uploads.dry_run_report_path(job)
        if not report.exists():
            raise Http404
        return FileResponse(
            report.open("rb"), as_attachment=True, filename=name, content_type=CSV_TYPE
        )
    response = StreamingHttpResponse(_report_pieces(job), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}"'
    return response


def _report_pieces(job: ImportJob) -> Iterator[bytes]:
    buffer = exporting.ChunkBuffer()
    writer = ErrorReportWriter(buffer, job.headers, sheets=job_read_sheets(job))
    yield ("\ufeff" + buffer.drain()).encode()
    for count, rejection in enumerate(job_rejections(job), start=1):
        writer.write(rejection)
        if count % exporting.CHUNK_ROWS == 0:
            yield buffer.drain().encode()
    yield buffer.drain().encode()


def _ascii(name: str) -> str:
    return name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
