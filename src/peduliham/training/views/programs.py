"""Training pages: programs and the quotas that flow down the region tree. Thin."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import ScopeLevel, get_in_scope_or_404, scope_for
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.regions.models import Region
from peduliham.training.forms import (
    OpdShareForm,
    ProgramForm,
    QuotaAllocationForm,
    amount_field_name,
)
from peduliham.training.models import Program, ProgramStatus
from peduliham.training.selectors.quotas import (
    QuotaOverview,
    QuotaRow,
    programs_for,
    quota_overview_for,
)
from peduliham.training.services.programs import (
    allocate_opd_share,
    apply_quotas,
    count_active_asn_per_opd,
    open_program,
    propose_province_quotas,
    set_opd_quotas,
)


def _program(request: HttpRequest, pk: int) -> Program:
    return get_in_scope_or_404(programs_for(request.user), pk=pk)


def _overview(request: HttpRequest, program: Program) -> QuotaOverview:
    """The quota level asked for by ?wilayah= (default: the user's own); 404 outside scope."""
    code = request.GET.get("wilayah", "")
    region = Region.objects.current().filter(code=code).first() if code else None
    if code and region is None:
        raise Http404
    try:
        return quota_overview_for(request.user, program, region)
    except NotFound as error:
        raise Http404 from error


def _editor_role(overview: QuotaOverview) -> Role:
    """Who hands out the quota of this level (the services enforce the same rule)."""
    if overview.region is None:
        return Role.NATIONAL_ADMIN
    return Role.KANWIL_OPERATOR if overview.region.is_province else Role.PEMDA_ADMIN


def _may_edit(user: Any, overview: QuotaOverview) -> bool:
    return overview.program.status == ProgramStatus.OPEN and user.role == _editor_role(overview)


def _quotas_url(program: Program, region: Region | None) -> str:
    url = reverse("training:quotas", args=[program.pk])
    return f"{url}?{urlencode({'wilayah': region.code})}" if region is not None else url


@login_required
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).is_staff:
        raise Forbidden(_("Halaman ini hanya untuk petugas."))
    context = {
        "programs": programs_for(request.user),
        "may_open": getattr(request.user, "role", None) == Role.NATIONAL_ADMIN,
    }
    return render(request, "training/programs/program_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role != Role.NATIONAL_ADMIN:
        raise Forbidden(_("Hanya admin pusat yang dapat membuka program."))
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = open_program(user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Program dibuka."))
            return redirect("training:program_detail", pk=program.pk)
    status = 400 if form.is_bound else 200
    return render(request, "training/programs/program_form.html", {"form": form}, status=status)


@login_required
@require_GET
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    level = scope_for(request.user).level
    context = {
        "program": program,
        "may_see_quotas": level is not ScopeLevel.UNIT,
        "may_plan": level in (ScopeLevel.NATIONAL, ScopeLevel.REGION),
    }
    return render(request, "training/programs/program_detail.html", context)


def _save_rows(user: Any, program: Program, form: QuotaAllocationForm) -> int:
    """Save every changed row in one service call: all rows or none (DomainError)."""
    changed = form.changed_rows()
    if not changed:
        return 0
    regions = {row.region: amount for row, amount in changed.items() if row.region is not None}
    units = {row.org_unit: amount for row, amount in changed.items() if row.org_unit is not None}
    if regions:
        apply_quotas(user, program=program, amounts=regions)
    else:
        set_opd_quotas(user, program=program, amounts=units)
    return len(changed)


def _reject_rows(form: QuotaAllocationForm, error: DomainError, remaining: int) -> None:
    """Show the service's message on top and, with what is left, beside each unsaved row."""
    form.add_error(None, str(error.message))
    note = _("Belum tersimpan; sisa untuk dialokasikan: %(left)s.") % {"left": remaining}
    for row in form.changed_rows():
        form.add_error(amount_field_name(row.key), note)


@login_required
@require_http_methods(["GET", "POST"])
def quotas(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    overview = _overview(request, program)
    editable = _may_edit(request.user, overview)
    form = QuotaAllocationForm(request.POST or None, rows=overview.rows)
    if request.method == "POST":
        if not editable:
            raise Forbidden(_("Anda tidak berwenang mengubah kuota tingkat ini."))
        if form.is_valid():
            try:
                saved = _save_rows(request.user, program, form)
            except DomainError as error:
                _reject_rows(form, error, overview.remaining)
            else:
                messages.success(request, _("%(count)s kuota disimpan.") % {"count": saved})
                return redirect(_quotas_url(program, overview.region))
    context = _quota_context(request, overview, form, editable)
    return render(
        request, "training/programs/quotas.html", context, status=400 if form.errors else 200
    )


def _quota_context(
    request: HttpRequest, overview: QuotaOverview, form: QuotaAllocationForm, editable: bool
) -> dict[str, Any]:
    region = overview.region
    opd_level = region is not None and not region.is_province
    active = count_active_asn_per_opd(region) if region is not None and opd_level else {}
    return {
        "program": overview.program,
        "overview": overview,
        "form": form,
        "rows": [_row(row, field, overview.program, active) for row, field in form.bound_rows()],
        "editable": editable,
        "opd_level": opd_level,
        "up_url": _up_url(request.user, overview),
        "self_url": _quotas_url(overview.program, region),
        "may_propose": editable and region is None,
        "may_share": editable and opd_level,
        "share_form": OpdShareForm(),
    }


def _up_url(user: Any, overview: QuotaOverview) -> str | None:
    """The level above, if the user may see it."""
    region = overview.region
    if region is None:
        return None
    scope = scope_for(user)
    parent = region.parent
    if parent is None:
        return _quotas_url(overview.program, None) if scope.level is ScopeLevel.NATIONAL else None
    return _quotas_url(overview.program, parent) if scope.contains_region(parent) else None


def _row(row: QuotaRow, field: Any, program: Program, active: dict[str, int]) -> dict[str, Any]:
    return {
        "row": row,
        "field": field,
        "active": active.get(row.key, 0),
        "drill_url": _quotas_url(program, row.region) if row.region is not None else None,
    }


@login_required
@require_GET
def quota_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    try:
        proposal = propose_province_quotas(request.user, program=program)
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("training:quotas", pk=program.pk)
    rows = [(row, amount_field_name(row.region.code)) for row in proposal.rows]
    context = {"program": program, "proposal": proposal, "rows": rows}
    return render(request, "training/programs/quota_proposal.html", context)


@login_required
@require_POST
def quota_opd_share(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    overview = _overview(request, program)
    back = _quotas_url(program, overview.region)
    form = OpdShareForm(request.POST)
    if overview.region is None or not form.is_valid():
        messages.error(request, _("Persentase harus antara 1 dan 100."))
        return redirect(back)
    try:
        saved = allocate_opd_share(
            request.user,
            program=program,
            region=overview.region,
            percent=form.cleaned_data["percent"],
        )
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Kuota %(count)s OPD dibagikan.") % {"count": len(saved)})
    return redirect(back)


urlpatterns: list[URLPattern] = [
    path("program/", program_list, name="program_list"),
    path("program/baru/", program_create, name="program_create"),
    path("program/<int:pk>/", program_detail, name="program_detail"),
    path("program/<int:pk>/kuota/", quotas, name="quotas"),
    path("program/<int:pk>/kuota/usulan/", quota_proposal, name="quota_proposal"),
    path("program/<int:pk>/kuota/persentase/", quota_opd_share, name="quota_opd_share"),
]
