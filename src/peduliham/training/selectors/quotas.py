"""Reads for programs and quotas, always through the user's scope."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from peduliham.accounts.scoping import Scope, ScopeLevel, scope_for
from peduliham.core.errors import NotFound
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import Program, Quota


@dataclass(frozen=True, slots=True)
class QuotaRow:
    """One child of the quota being viewed: a province, kabupaten/kota or OPD."""

    name: str
    key: str  # Kemendagri code or unit path
    region: Region | None
    org_unit: OrgUnit | None
    quota: Quota | None

    @property
    def amount(self) -> int:
        return self.quota.amount if self.quota is not None else 0


@dataclass(frozen=True, slots=True)
class QuotaOverview:
    """A quota, how much of it is handed down to the children, and what is left."""

    program: Program
    region: Region | None  # None: the national level (the program's target)
    parent_amount: int
    allocated: int
    rows: tuple[QuotaRow, ...]

    @property
    def remaining(self) -> int:
        return self.parent_amount - self.allocated


def programs_for(user: Any) -> QuerySet[Program]:
    """Programs are national: every staff account may read them, participants and guests none."""
    if not scope_for(user).is_staff:
        return Program.objects.none()
    return Program.objects.all()


def _default_region(scope: Scope) -> Region | None:
    if scope.level is ScopeLevel.NATIONAL:
        return None
    region = Region.objects.current().filter(code=scope.region_code).first()
    if scope.level is not ScopeLevel.REGION or region is None:
        raise NotFound(_("Wilayah tidak ditemukan"))
    return region


def _unit_rows(program: Program, region: Region) -> tuple[QuotaRow, ...]:
    units = list(
        OrgUnit.objects.filter(
            region=region, parent__isnull=True, kind=UnitKind.OPD, is_active=True
        ).order_by("name")
    )
    quotas = Quota.objects.filter(program=program, org_unit__in=units)
    by_unit = {quota.org_unit_id: quota for quota in quotas}
    return tuple(QuotaRow(u.name, u.path, None, u, by_unit.get(u.pk)) for u in units)


def _region_rows(program: Program, region: Region | None) -> tuple[QuotaRow, ...]:
    current = Region.objects.current()
    children = current.provinces() if region is None else current.filter(parent=region)
    regions = list(children.order_by("code"))
    by_region = {
        quota.region_id: quota
        for quota in Quota.objects.filter(program=program, region__in=regions)
    }
    return tuple(QuotaRow(r.name, r.code, r, None, by_region.get(r.pk)) for r in regions)


def quota_overview_for(user: Any, program: Program, region: Region | None = None) -> QuotaOverview:
    """The quota of `region` (default: the user's own level) and its children (not_found).

    `allocated` counts every child quota, also those of closed regions or inactive
    OPDs, so it always matches the rule the services enforce.
    """
    scope = scope_for(user)
    if not scope.is_staff:
        raise NotFound(_("Program tidak ditemukan"))
    if region is None:
        region = _default_region(scope)
    elif not scope.contains_region(region):
        raise NotFound(_("Wilayah tidak ditemukan"))
    if region is None:
        provinces = Quota.objects.filter(program=program, parent__isnull=True)
        return QuotaOverview(
            program, None, program.target, _total(provinces), _region_rows(program, None)
        )
    own = Quota.objects.filter(program=program, region=region).first()
    parent_amount = own.amount if own is not None else 0
    allocated = _total(own.children.all()) if own is not None else 0
    rows = _region_rows(program, region) if region.is_province else _unit_rows(program, region)
    return QuotaOverview(program, region, parent_amount, allocated, rows)


def _total(quotas: QuerySet[Quota]) -> int:
    total: int | None = quotas.aggregate(total=Sum("amount"))["total"]
    return total or 0
