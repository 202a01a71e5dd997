"""Changes to regions and organisation units. Each writes an audit entry.

Regions are reference data from Kemendagri: only the national admin (or the
system, `actor=None`, in migrations and the demo) changes them, and never by
deleting a row. Organisation units are changed by whoever's scope holds them.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext_lazy as _

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.audit import diff, log_action, snapshot
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.regions.models import (
    OrgUnit,
    Region,
    RegionKind,
    ServiceKind,
    TimeZone,
    UnitKind,
)

CODE_SEGMENT = re.compile(r"\d{2}")
PATH_MAX_LENGTH = OrgUnit._meta.get_field("path").max_length or 255


class RegionError(DomainError):
    code = "region_error"


class RegionAlreadyClosedError(RegionError):
    code = "region_already_closed"


class RegionCodeInUseError(RegionError):
    code = "code_in_use"


class InvalidRegionCodeError(RegionError):
    code = "invalid_code"


class InvalidEffectiveDateError(RegionError):
    code = "invalid_effective_date"


class RegionHasOpenChildrenError(RegionError):
    code = "region_has_open_children"


class SplitTooSmallError(RegionError):
    code = "split_needs_two_regions"


class OrgUnitError(DomainError):
    code = "orgunit_error"


class UnitNameTakenError(OrgUnitError):
    code = "name_taken"


class UnitNameRequiredError(OrgUnitError):
    code = "name_required"


class InvalidParentError(OrgUnitError):
    code = "invalid_parent"


class KanwilMisplacedError(OrgUnitError):
    code = "kanwil_misplaced"


class KanwilExistsError(OrgUnitError):
    code = "kanwil_exists"


class UnitInactiveError(OrgUnitError):
    code = "unit_inactive"


class TreeTooDeepError(OrgUnitError):
    code = "tree_too_deep"


type RegionPart = tuple[str, str, RegionKind]


# --- who may change what ---------------------------------------------------------------


def _require_national(actor: Any) -> None:
    if actor is not None and scope_for(actor).level is not ScopeLevel.NATIONAL:
        raise PermissionDenied(_("Hanya admin nasional yang dapat mengubah data wilayah."))


def may_change_unit(actor: Any, unit: OrgUnit) -> bool:
    """Whether `actor` may edit, move or deactivate `unit` (None is the system)."""
    if actor is None:
        return True
    scope = scope_for(actor)
    if scope.level is ScopeLevel.UNIT:
        # An OPD admin looks after the service units under their OPD, not the OPD itself.
        return unit.kind == UnitKind.SERVICE_UNIT and unit.path.startswith(scope.unit_path)
    if scope.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION):
        return scope.contains_region(unit.region)
    return False


def may_add_unit(actor: Any, *, region: Region, parent: OrgUnit | None, kind: str) -> bool:
    """Whether `actor` may create a unit of `kind` in `region` under `parent`."""
    if actor is None:
        return True
    scope = scope_for(actor)
    if kind == UnitKind.KANWIL:
        return scope.level is ScopeLevel.NATIONAL
    if scope.level is ScopeLevel.UNIT:
        return (
            kind == UnitKind.SERVICE_UNIT
            and parent is not None
            and parent.path.startswith(scope.unit_path)
        )
    if scope.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION):
        return scope.contains_region(region)
    return False


def may_add_units_in(actor: Any, region: Region) -> bool:
    """Whether `actor` may add some kind of unit in `region` (to offer the form at all)."""
    if not region.is_open:
        return False
    if actor is None:
        return True
    scope = scope_for(actor)
    if scope.level is ScopeLevel.UNIT:
        return scope.regions().filter(pk=region.pk).exists()
    return scope.contains_region(region)


def _require_change(actor: Any, unit: OrgUnit) -> None:
    if not may_change_unit(actor, unit):
        raise PermissionDenied(_("Anda tidak berwenang mengubah unit ini."))


# --- regions ---------------------------------------------------------------------------


def _check_open(region: Region) -> None:
    if not region.is_open:
        raise RegionAlreadyClosedError(_("Wilayah %(code)s sudah ditutup.") % {"code": region.code})


def _check_still_open(region: Region) -> None:
    """Like _check_open, but asks the database: the caller's instance may be stale."""
    if not Region.objects.current().filter(pk=region.pk).exists():
        raise RegionAlreadyClosedError(_("Wilayah %(code)s sudah ditutup.") % {"code": region.code})


def _check_effective(region: Region, effective: datetime.date) -> None:
    if effective <= region.valid_from:
        raise InvalidEffectiveDateError(
            _("Tanggal berlaku harus sesudah %(date)s.") % {"date": region.valid_from.isoformat()}
        )


def _check_code_shape(code: str, kind: RegionKind, parent: Region | None) -> None:
    # Provinces are `NN`; kabupaten/kota are `NN.NN` under a province (kecamatan are not kept).
    if parent is None:
        valid = kind == RegionKind.PROVINCE and CODE_SEGMENT.fullmatch(code) is not None
    else:
        prefix, _dot, last = code.rpartition(".")
        valid = (
            kind != RegionKind.PROVINCE
            and parent.is_province
            and prefix == parent.code
            and CODE_SEGMENT.fullmatch(last) is not None
        )
    if not valid:
        raise InvalidRegionCodeError(
            _("Kode %(code)s tidak sesuai dengan jenis dan induk wilayahnya.") % {"code": code}
        )


def _check_code_free(code: str, *, except_region: Region | None = None) -> None:
    taken = Region.objects.current().filter(code=code)
    if except_region is not None:
        taken = taken.exclude(pk=except_region.pk)
    if taken.exists():
        raise RegionCodeInUseError(_("Kode %(code)s sudah dipakai wilayah lain.") % {"code": code})


def _close(region: Region, effective: datetime.date, legal_basis: str) -> None:
    region.valid_until = effective
    if legal_basis:
        region.legal_basis = legal_basis
    region.save(update_fields=["valid_until", "legal_basis"])


@transaction.atomic
def close_region(
    actor: Any,
    *,
    region: Region,
    effective: datetime.date,
    legal_basis: str,
    successors: Iterable[Region] = (),
) -> Region:
    """End a region's validity on `effective`; errors: permission_denied, region_already_closed,
    invalid_effective_date, region_has_open_children."""
    _require_national(actor)
    region.refresh_from_db(from_queryset=Region.objects.select_for_update())
    _check_open(region)
    _check_effective(region, effective)
    if region.children.current().exists():
        raise RegionHasOpenChildrenError(
            _("Wilayah ini masih memiliki wilayah bawahan yang berlaku.")
        )
    _close(region, effective, legal_basis)
    successor_list = list(successors)
    region.successors.add(*successor_list)
    log_action(
        actor,
        "peduliham.region.closed",
        region,
        region_code=region.code,
        changes={
            "valid_until": effective.isoformat(),
            "legal_basis": legal_basis,
            "successors": [s.code for s in successor_list],
        },
    )
    return region


def _open(
    *,
    code: str,
    name: str,
    kind: RegionKind,
    parent: Region | None,
    effective: datetime.date,
    legal_basis: str,
    time_zone: str,
) -> Region:
    return Region.objects.create(
        code=code,
        name=name.strip(),
        kind=kind,
        parent=parent,
        time_zone=time_zone,
        valid_from=effective,
        legal_basis=legal_basis,
    )


@transaction.atomic
def open_region(
    actor: Any,
    *,
    code: str,
    name: str,
    kind: RegionKind,
    parent: Region | None,
    effective: datetime.date,
    legal_basis: str,
    time_zone: str | None = None,
    predecessors: Iterable[Region] = (),
) -> Region:
    """Start a new region on `effective`; errors: permission_denied, invalid_code, code_in_use,
    invalid_time_zone, region_already_closed (for a closed parent)."""
    _require_national(actor)
    if parent is not None:
        _check_still_open(parent)
    _check_code_shape(code, kind, parent)
    _check_code_free(code)
    zone = time_zone or (parent.time_zone if parent is not None else "")
    if zone not in TimeZone.values:
        raise InvalidRegionCodeError(
            _("Pilih zona waktu WIB, WITA atau WIT."), code="invalid_time_zone"
        )
    region = _open(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        effective=effective,
        legal_basis=legal_basis,
        time_zone=zone,
    )
    predecessor_list = list(predecessors)
    region.predecessors.add(*predecessor_list)
    log_action(
        actor,
        "peduliham.region.opened",
        region,
        region_code=region.code,
        changes={
            "name": region.name,
            "kind": str(kind),
            "valid_from": effective.isoformat(),
            "legal_basis": legal_basis,
            "predecessors": [p.code for p in predecessor_list],
        },
    )
    return region


def _check_split_parts(region: Region, into: Sequence[RegionPart]) -> None:
    if len(into) < 2:
        raise SplitTooSmallError(_("Pemekaran menghasilkan sedikitnya dua wilayah."))
    codes = [code for code, _name, _kind in into]
    if len(set(codes)) != len(codes):
        raise RegionCodeInUseError(_("Kode wilayah hasil pemekaran tidak boleh berulang."))
    for code, _name, kind in into:
        _check_code_shape(code, kind, region.parent)
        # The region being split may hand its own code to the rump region.
        _check_code_free(code, except_region=region)
    if region.code not in codes and region.children.current().exists():
        raise RegionHasOpenChildrenError(
            _("Wilayah dengan wilayah bawahan yang berlaku harus mewariskan kodenya.")
        )


@transaction.atomic
def split_region(
    actor: Any,
    *,
    region: Region,
    into: Sequence[RegionPart],
    effective: datetime.date,
    legal_basis: str,
) -> list[Region]:
    """Pemekaran: close `region` and open its successors; errors: permission_denied,
    region_already_closed, invalid_effective_date, split_needs_two_regions, invalid_code,
    code_in_use, region_has_open_children."""
    _require_national(actor)
    region.refresh_from_db(from_queryset=Region.objects.select_for_update())
    _check_open(region)
    _check_effective(region, effective)
    _check_split_parts(region, into)
    # Close first: the partial unique index allows one open row per code.
    _close(region, effective, legal_basis)
    parts = [
        _open(
            code=code,
            name=name,
            kind=kind,
            parent=region.parent,
            effective=effective,
            legal_basis=legal_basis,
            time_zone=region.time_zone,
        )
        for code, name, kind in into
    ]
    region.successors.add(*parts)
    _reparent_open_children(region, parts)
    _log_split(actor, region, parts, effective, legal_basis)
    return parts


def _reparent_open_children(region: Region, parts: list[Region]) -> None:
    """Sub-regions still in force follow the region that keeps their code prefix."""
    for part in parts:
        if part.code == region.code:
            region.children.current().update(parent=part)


def _log_split(
    actor: Any,
    region: Region,
    parts: list[Region],
    effective: datetime.date,
    legal_basis: str,
) -> None:
    log_action(
        actor,
        "peduliham.region.split",
        region,
        region_code=region.code,
        changes={
            "valid_until": effective.isoformat(),
            "legal_basis": legal_basis,
            "into": [{"id": p.pk, "code": p.code, "name": p.name} for p in parts],
        },
    )
    for part in parts:
        log_action(
            actor,
            "peduliham.region.opened",
            part,
            region_code=part.code,
            changes={
                "name": part.name,
                "kind": part.kind,
                "valid_from": effective.isoformat(),
                "legal_basis": legal_basis,
                "predecessors": [region.code],
            },
        )


# --- organisation units ----------------------------------------------------------------


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UnitNameRequiredError(_("Nama unit wajib diisi."))
    return cleaned


def _check_name_free(
    region: Region, parent: OrgUnit | None, name: str, *, exclude: OrgUnit | None = None
) -> None:
    siblings = OrgUnit.objects.filter(region=region, parent=parent, name__iexact=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    if siblings.exists():
        raise UnitNameTakenError(
            _("Sudah ada unit bernama %(name)s di tempat yang sama.") % {"name": name}
        )


def _check_parent(region: Region, parent: OrgUnit | None, kind: str) -> None:
    if kind == UnitKind.KANWIL and (parent is not None or not region.is_province):
        raise KanwilMisplacedError(
            _("Kanwil hanya dapat dibuat di tingkat provinsi, tanpa unit induk.")
        )
    if kind == UnitKind.KANWIL and OrgUnit.objects.filter(region=region, kind=kind).exists():
        raise KanwilExistsError(_("Provinsi ini sudah memiliki Kanwil."))
    if parent is None:
        return
    if parent.region_id != region.pk:
        raise InvalidParentError(_("Unit induk harus berada di wilayah yang sama."))
    if not parent.is_active:
        raise UnitInactiveError(_("Unit induk sudah tidak aktif."))


@transaction.atomic
def create_org_unit(
    actor: Any,
    *,
    region: Region,
    name: str,
    kind: UnitKind,
    parent: OrgUnit | None = None,
    short_name: str = "",
    service_kind: ServiceKind = ServiceKind.NONE,
    is_public_facing: bool = False,
) -> OrgUnit:
    """Add an OPD, service unit or Kanwil to a region's tree; errors: permission_denied,
    name_required, name_taken, invalid_parent, unit_inactive, kanwil_misplaced,
    kanwil_exists, region_already_closed."""
    if not may_add_unit(actor, region=region, parent=parent, kind=kind):
        raise PermissionDenied(_("Anda tidak berwenang menambah unit di sini."))
    _check_still_open(region)
    name = _clean_name(name)
    _check_parent(region, parent, kind)
    _check_name_free(region, parent, name)
    unit = OrgUnit.objects.create(
        region=region,
        parent=parent,
        name=name,
        short_name=short_name.strip(),
        kind=kind,
        service_kind=service_kind,
        is_public_facing=is_public_facing,
    )
    # The path ends with the unit's own id, known only after the insert.
    unit.path = (parent.path if parent else "") + OrgUnit.path_segment(unit.pk)
    unit.save(update_fields=["path"])
    log_action(
        actor,
        "peduliham.orgunit.created",
        unit,
        region_code=region.code,
        unit_path=unit.path,
        changes={"name": name, "kind": str(kind), "parent": parent.pk if parent else None},
    )
    return unit


UNIT_EDITABLE_FIELDS = ("name", "short_name", "service_kind", "is_public_facing")


@transaction.atomic
def update_org_unit(
    actor: Any,
    *,
    unit: OrgUnit,
    name: str | None = None,
    short_name: str | None = None,
    service_kind: ServiceKind | None = None,
    is_public_facing: bool | None = None,
) -> OrgUnit:
    """Rename a unit or change its flags; errors: permission_denied, name_required, name_taken."""
    _require_change(actor, unit)
    before = snapshot(unit, UNIT_EDITABLE_FIELDS)
    if name is not None:
        unit.name = _clean_name(name)
        _check_name_free(unit.region, unit.parent, unit.name, exclude=unit)
    if short_name is not None:
        unit.short_name = short_name.strip()
    if service_kind is not None:
        unit.service_kind = service_kind
    if is_public_facing is not None:
        unit.is_public_facing = is_public_facing
    changes = diff(before, snapshot(unit, UNIT_EDITABLE_FIELDS))
    if changes:
        unit.save(update_fields=list(changes))
        log_action(
            actor,
            "peduliham.orgunit.updated",
            unit,
            region_code=unit.region.code,
            unit_path=unit.path,
            changes=changes,
        )
    return unit


def _check_move_target(unit: OrgUnit, new_parent: OrgUnit | None) -> None:
    if unit.kind == UnitKind.KANWIL and new_parent is not None:
        raise KanwilMisplacedError(_("Kanwil tidak dapat dipindahkan ke bawah unit lain."))
    if new_parent is None:
        return
    if new_parent.region_id != unit.region_id:
        raise InvalidParentError(_("Unit hanya dapat dipindahkan di dalam wilayah yang sama."))
    if new_parent.path.startswith(unit.path):
        raise InvalidParentError(_("Unit tidak dapat dipindahkan ke bawah dirinya sendiri."))
    if not new_parent.is_active:
        raise UnitInactiveError(_("Unit induk sudah tidak aktif."))


def _check_depth(unit: OrgUnit, new_path: str) -> None:
    longest = OrgUnit.objects.subtree(unit.path).aggregate(longest=Max(Length("path")))["longest"]
    if (longest or len(unit.path)) - len(unit.path) + len(new_path) > PATH_MAX_LENGTH:
        raise TreeTooDeepError(_("Pohon unit terlalu dalam untuk dipindahkan ke sana."))


def _rewrite_subtree_paths(old_path: str, new_path: str) -> int:
    """Replace the `old_path` prefix by `new_path` in one UPDATE over the whole subtree."""
    return OrgUnit.objects.subtree(old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )


@transaction.atomic
def move_org_unit(actor: Any, *, unit: OrgUnit, new_parent: OrgUnit | None) -> OrgUnit:
    """Move a unit and its subtree under another parent in the same region; errors:
    permission_denied, invalid_parent, unit_inactive, kanwil_misplaced, name_taken,
    tree_too_deep."""
    _require_change(actor, unit)
    if (new_parent.pk if new_parent else None) == unit.parent_id:
        return unit
    if not may_add_unit(actor, region=unit.region, parent=new_parent, kind=unit.kind):
        raise PermissionDenied(_("Anda tidak berwenang memindahkan unit ke sana."))
    _check_move_target(unit, new_parent)
    _check_name_free(unit.region, new_parent, unit.name, exclude=unit)
    old_path, old_parent_id = unit.path, unit.parent_id
    new_path = (new_parent.path if new_parent else "") + OrgUnit.path_segment(unit.pk)
    _check_depth(unit, new_path)
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    moved = _rewrite_subtree_paths(old_path, new_path)
    unit.refresh_from_db()
    log_action(
        actor,
        "peduliham.orgunit.moved",
        unit,
        region_code=unit.region.code,
        unit_path=unit.path,
        changes={
            "parent": [old_parent_id, new_parent.pk if new_parent else None],
            "path": [old_path, new_path],
            "units_moved": moved,
        },
    )
    return unit


@transaction.atomic
def deactivate_org_unit(actor: Any, *, unit: OrgUnit) -> int:
    """Mark a unit and everything under it inactive (never deleted); returns how many changed.
    Errors: permission_denied, unit_inactive."""
    _require_change(actor, unit)
    if not unit.is_active:
        raise UnitInactiveError(_("Unit ini sudah tidak aktif."))
    count = OrgUnit.objects.subtree(unit.path).filter(is_active=True).update(is_active=False)
    unit.is_active = False
    log_action(
        actor,
        "peduliham.orgunit.deactivated",
        unit,
        region_code=unit.region.code,
        unit_path=unit.path,
        changes={"is_active": [True, False], "units_deactivated": count},
    )
    return count
