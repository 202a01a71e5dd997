"""Pages for regions and organisation units. Thin: selectors read, services write."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.regions import selectors, services
from peduliham.regions.forms import UnitCreateForm, UnitDetailsForm, UnitMoveForm, unit_kind_choices
from peduliham.regions.models import OrgUnit, ServiceKind, UnitKind

REGIONS_PER_PAGE = 50


@login_required
@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    regions = selectors.regions_for(request.user, search=search)
    page = Paginator(regions, REGIONS_PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "regions/region_list.html", {"page": page, "search": search})


@login_required
@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = selectors.region_detail_for(request.user, code)
    context = {
        "region": region,
        "subregions": selectors.subregions_for(request.user, region),
        "tree": selectors.unit_tree_for(request.user, region),
        "history": selectors.region_history_for(request.user, region),
        "may_add_unit": services.may_add_units_in(request.user, region),
    }
    return render(request, "regions/region_detail.html", context)


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_detail_for(request.user, pk)
    context = {
        "unit": unit,
        "children": selectors.units_for(request.user, region=unit.region, include_inactive=True)
        .filter(parent=unit)
        .order_by("name"),
        "may_change": services.may_change_unit(request.user, unit),
        "may_add_child": unit.is_active
        and unit.region.is_open
        and services.may_add_unit(
            request.user, region=unit.region, parent=unit, kind=UnitKind.SERVICE_UNIT
        ),
    }
    return render(request, "regions/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, code: str) -> HttpResponse:
    region = selectors.region_detail_for(request.user, code)
    if not services.may_add_units_in(request.user, region):
        raise Forbidden
    service_units_only = scope_for(request.user).level is ScopeLevel.UNIT
    kinds = unit_kind_choices(
        may_add_kanwil=services.may_add_unit(
            request.user, region=region, parent=None, kind=UnitKind.KANWIL
        )
        and region.is_province,
        service_units_only=service_units_only,
    )
    form = UnitCreateForm(
        request.POST or None,
        initial={"parent": request.GET.get("induk")},
        kinds=kinds,
        parents=selectors.units_for(request.user, region=region),
        parent_required=service_units_only,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.create_org_unit(
                request.user,
                region=region,
                name=data["name"],
                short_name=data["short_name"],
                kind=UnitKind(data["kind"]),
                parent=data["parent"],
                service_kind=ServiceKind(data["service_kind"]),
                is_public_facing=data["is_public_facing"],
            )
        except PermissionDenied as error:
            raise Forbidden(str(error)) from error
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Unit %(name)s ditambahkan.") % {"name": unit.name})
            return redirect("regions:unit_detail", pk=unit.pk)
    return render(request, "regions/unit_form.html", {"form": form, "region": region})


def _changeable_unit(request: HttpRequest, pk: int) -> OrgUnit:
    """The unit if the user may change it; 404 outside the scope, 403 when only readable."""
    unit = selectors.unit_detail_for(request.user, pk)
    if not services.may_change_unit(request.user, unit):
        raise Forbidden
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _changeable_unit(request, pk)
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "service_kind": unit.service_kind,
        "is_public_facing": unit.is_public_facing,
    }
    form = UnitDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_org_unit(
                request.user,
                unit=unit,
                name=data["name"],
                short_name=data["short_name"],
                service_kind=ServiceKind(data["service_kind"]),
                is_public_facing=data["is_public_facing"],
            )
        except PermissionDenied as error:
            raise Forbidden(str(error)) from error
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("regions:unit_detail", pk=unit.pk)
    return render(request, "regions/unit_edit.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _changeable_unit(request, pk)
    parents = selectors.units_for(request.user, region=unit.region).exclude(
        path__startswith=unit.path
    )
    form = UnitMoveForm(
        request.POST or None,
        initial={"parent": unit.parent_id},
        parents=parents,
        parent_required=scope_for(request.user).level is ScopeLevel.UNIT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move_org_unit(
                request.user,
                unit=unit,
                new_parent=cast(OrgUnit | None, form.cleaned_data["parent"]),
            )
        except PermissionDenied as error:
            raise Forbidden(str(error)) from error
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Unit dipindahkan."))
            return redirect("regions:unit_detail", pk=unit.pk)
    return render(request, "regions/unit_move.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def unit_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _changeable_unit(request, pk)
    error_message = ""
    if request.method == "POST":
        try:
            count = services.deactivate_org_unit(request.user, unit=unit)
        except PermissionDenied as error:
            raise Forbidden(str(error)) from error
        except DomainError as error:
            error_message = str(error.message)
        else:
            message = ngettext(
                "%(count)d unit dinonaktifkan.", "%(count)d unit dinonaktifkan.", count
            )
            messages.success(request, message % {"count": count})
            return redirect("regions:unit_detail", pk=unit.pk)
    context = {"unit": unit, "error_message": error_message}
    return render(request, "regions/unit_deactivate.html", context)
