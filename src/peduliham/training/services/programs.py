"""Writes for programs and quotas. Each service is atomic and leaves one audit entry.

Quotas flow down the tree: the program's target is the national quota, then
provinces (set by the national admin), kabupaten/kota (by the Kanwil operator
of the province) and OPDs (by the Pemda admin of the kabupaten/kota). The
children of a quota never add up to more than it; the parent row is locked
with SELECT ... FOR UPDATE before the children are summed, so two admins
allocating at once cannot both squeeze past the limit.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import scope_for
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people.headcounts import count_active_per_top_unit
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training import quotas
from peduliham.training.models import AttendanceRule, Program, ProgramStatus, Quota

type Holder = Region | OrgUnit


@dataclass(frozen=True, slots=True)
class ProposedQuota:
    region: Region
    active_asn: int
    amount: int


@dataclass(frozen=True, slots=True)
class QuotaProposal:
    """Province quotas in proportion to active ASN; nothing is saved until applied."""

    program: Program
    rows: tuple[ProposedQuota, ...]

    @property
    def amounts(self) -> dict[Region, int]:
        return {row.region: row.amount for row in self.rows}


def _require_role(actor: Any, role: Role) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_active or actor.role != role:
        raise PermissionDenied(_("Anda tidak berwenang melakukan ini."))


def open_program(
    actor: Any,
    *,
    year: int,
    name: str,
    target: int,
    curriculum: str = "",
    attendance_rule: AttendanceRule = AttendanceRule.ALL_DAYS,
    attendance_min_days: int | None = None,
) -> Program:
    """Open a yearly program (permission_denied, program_invalid, program_exists)."""
    _require_role(actor, Role.NATIONAL_ADMIN)
    name = name.strip()
    if not name or not 2000 <= year <= 2100 or target <= 0:
        raise DomainError(
            _("Nama, tahun (2000 sampai 2100) dan target (lebih dari 0) wajib diisi dengan benar."),
            code="program_invalid",
        )
    if (attendance_rule == AttendanceRule.MIN_DAYS) != (attendance_min_days is not None) or (
        attendance_min_days is not None and attendance_min_days < 1
    ):
        raise DomainError(
            _("Jumlah hari minimal hanya diisi (dan lebih dari 0) untuk aturan hari minimal."),
            code="program_invalid",
        )
    try:
        with transaction.atomic():
            program = Program.objects.create(
                year=year,
                name=name,
                target=target,
                curriculum=curriculum,
                attendance_rule=attendance_rule,
                attendance_min_days=attendance_min_days,
                created_by=actor,
            )
            log_action(
                actor,
                "peduliham.training.program.opened",
                program,
                changes={"year": year, "name": name, "target": target},
            )
    except IntegrityError as exc:
        raise DomainError(
            _("Program dengan nama ini sudah ada untuk tahun tersebut."), code="program_exists"
        ) from exc
    return program


def _parent_region(holder: Holder) -> Region | None:
    """The region whose quota bounds `holder` (None: the program's target)."""
    if isinstance(holder, OrgUnit):
        return holder.region
    return holder.parent


def _authorise(actor: Any, holder: Holder) -> None:
    """Who may set a quota depends on its level, and the holder must lie in their scope."""
    if isinstance(holder, OrgUnit):
        if holder.parent_id is not None or holder.kind != UnitKind.OPD:
            raise DomainError(
                _("Kuota OPD hanya untuk OPD tingkat teratas."), code="quota_target_invalid"
            )
        role = Role.PEMDA_ADMIN
    elif holder.is_province:
        role = Role.NATIONAL_ADMIN
    else:
        role = Role.KANWIL_OPERATOR
    _require_role(actor, role)
    scope = scope_for(actor)
    inside = (
        scope.contains_unit(holder)
        if isinstance(holder, OrgUnit)
        else scope.contains_region(holder)
    )
    if not inside:
        raise PermissionDenied(_("Wilayah atau OPD ini di luar cakupan Anda."))
    region = holder.region if isinstance(holder, OrgUnit) else holder
    if not region.is_open:
        raise DomainError(_("Wilayah ini sudah tidak berlaku."), code="quota_target_invalid")


def _lock_parent(program: Program, parent_region: Region | None) -> tuple[Quota | None, int]:
    """Lock the parent (the program row for provinces) and return it with its amount."""
    if parent_region is None:
        locked = Program.objects.select_for_update().get(pk=program.pk)
        if locked.status != ProgramStatus.OPEN:
            raise DomainError(_("Program ini sudah ditutup."), code="program_closed")
        return None, locked.target
    parent = Quota.objects.select_for_update().filter(program=program, region=parent_region).first()
    if parent is None:
        raise DomainError(
            _("Kuota %(region)s belum ditetapkan.") % {"region": parent_region.name},
            code="parent_quota_missing",
        )
    return parent, parent.amount


def _holder_filter(holder: Holder) -> dict[str, Holder]:
    return {"org_unit": holder} if isinstance(holder, OrgUnit) else {"region": holder}


def _write_quotas(
    actor: Any, program: Program, amounts: Mapping[Holder, int], action: str
) -> list[Quota]:
    """Save sibling quotas under one locked parent, checking both limits; one audit entry."""
    holders = list(amounts)
    parent_region = _parent_region(holders[0])
    if any(_parent_region(holder) != parent_region for holder in holders):
        raise DomainError(
            _("Semua kuota harus berada di bawah induk yang sama."), code="quota_target_invalid"
        )
    if any(amount < 0 for amount in amounts.values()):
        raise DomainError(_("Jumlah kuota tidak boleh negatif."), code="quota_amount_invalid")
    if program.status != ProgramStatus.OPEN:
        raise DomainError(_("Program ini sudah ditutup."), code="program_closed")
    parent, parent_amount = _lock_parent(program, parent_region)
    existing = {
        holder: Quota.objects.select_for_update()
        .filter(program=program, **_holder_filter(holder))
        .first()
        for holder in holders
    }
    kept = Quota.objects.filter(program=program, parent=parent).exclude(
        pk__in=[quota.pk for quota in existing.values() if quota is not None]
    )
    kept_total = kept.aggregate(total=Sum("amount"))["total"] or 0
    left = quotas.remaining(parent_amount, [kept_total])
    if sum(amounts.values()) > left:
        raise DomainError(
            _("Kuota melebihi kuota induk; yang tersisa untuk dialokasikan: %(left)s.")
            % {"left": max(left, 0)},
            code="quota_exceeds_parent",
        )
    saved: list[Quota] = []
    changes: dict[str, list[int | None]] = {}
    for holder, amount in amounts.items():
        quota = existing[holder]
        if quota is not None:
            children = quota.children.aggregate(total=Sum("amount"))["total"] or 0
            if amount < children:
                raise DomainError(
                    _("Kuota %(holder)s tidak boleh di bawah %(held)s yang sudah dibagikan.")
                    % {"holder": holder, "held": children},
                    code="quota_below_children",
                )
            old: int | None = quota.amount
            quota.amount = amount
            quota.save(update_fields=["amount", "updated_at"])
        else:
            old = None
            quota = Quota.objects.create(
                program=program, parent=parent, amount=amount, **_holder_filter(holder)
            )
        if old != amount:
            changes[_holder_key(holder)] = [old, amount]
        saved.append(quota)
    _log_quotas(actor, action, program, saved, parent_region, changes)
    return saved


def _holder_key(holder: Holder) -> str:
    return holder.path if isinstance(holder, OrgUnit) else holder.code


def _log_quotas(
    actor: Any,
    action: str,
    program: Program,
    saved: list[Quota],
    parent_region: Region | None,
    changes: dict[str, list[int | None]],
) -> None:
    only = saved[0] if len(saved) == 1 else None
    if only is not None and only.org_unit is not None:
        region_code, unit_path = only.org_unit.region.code, only.org_unit.path
    elif only is not None and only.region is not None:
        region_code, unit_path = only.region.code, ""
    else:
        region_code = parent_region.code if parent_region is not None else ""
        unit_path = ""
    log_action(
        actor,
        action,
        only if only is not None else program,
        region_code=region_code,
        unit_path=unit_path,
        changes=changes,
    )


@transaction.atomic
def set_quota(
    actor: Any,
    *,
    program: Program,
    region: Region | None = None,
    org_unit: OrgUnit | None = None,
    amount: int,
) -> Quota:
    """Set one quota (permission_denied, quota_target_invalid, quota_amount_invalid,
    parent_quota_missing, quota_exceeds_parent, quota_below_children, program_closed)."""
    holder: Holder | None = org_unit if region is None else region
    if holder is None or (region is not None and org_unit is not None):
        raise DomainError(_("Pilih tepat satu: wilayah atau OPD."), code="quota_target_invalid")
    _authorise(actor, holder)
    return _write_quotas(actor, program, {holder: amount}, "peduliham.training.quota.set")[0]


def propose_province_quotas(actor: Any, *, program: Program) -> QuotaProposal:
    """Province quotas in proportion to active ASN, largest remainder (permission_denied,
    quota_no_asn)."""
    _require_role(actor, Role.NATIONAL_ADMIN)
    provinces = list(Region.objects.current().provinces().order_by("code"))
    by_region = (
        ASN.objects.filter(is_active=True)
        .values("region__code")
        .annotate(count=Count("pk"))
        .values_list("region__code", "count")
    )
    counts = dict.fromkeys((province.code for province in provinces), 0)
    for code, count in by_region:
        province_code = code.split(".")[0]
        if province_code in counts:
            counts[province_code] += count
    try:
        amounts = quotas.largest_remainder(program.target, counts)
    except ValueError as exc:
        raise DomainError(
            _("Belum ada ASN aktif untuk dasar pembagian."), code="quota_no_asn"
        ) from exc
    rows = tuple(
        ProposedQuota(
            region=province, active_asn=counts[province.code], amount=amounts[province.code]
        )
        for province in provinces
    )
    return QuotaProposal(program=program, rows=rows)


@transaction.atomic
def apply_quotas(actor: Any, *, program: Program, amounts: Mapping[Region, int]) -> list[Quota]:
    """Save several sibling region quotas at once, e.g. a proposal (same codes as set_quota)."""
    if not amounts:
        raise DomainError(_("Tidak ada kuota untuk disimpan."), code="quota_target_invalid")
    for region in amounts:
        _authorise(actor, region)
    holders: dict[Holder, int] = dict(amounts.items())
    return _write_quotas(actor, program, holders, "peduliham.training.quotas.applied")


def count_active_asn_per_opd(region: Region) -> dict[str, int]:
    """Active ASN per top-level OPD of `region`, keyed by the OPD's path (one grouped query)."""
    counts = count_active_per_top_unit([region.pk])
    return {OrgUnit.path_segment(top): active for top, (active, _frontline) in counts.items()}


@transaction.atomic
def allocate_opd_share(
    actor: Any, *, program: Program, region: Region, percent: int = 10
) -> list[Quota]:
    """Give each top-level OPD `percent`% of its active ASN as quota (permission_denied,
    quota_amount_invalid, quota_target_invalid, parent_quota_missing, quota_exceeds_parent)."""
    _require_role(actor, Role.PEMDA_ADMIN)
    if not 0 < percent <= 100:
        raise DomainError(_("Persentase harus antara 1 dan 100."), code="quota_amount_invalid")
    opds = list(
        OrgUnit.objects.filter(
            region=region, parent__isnull=True, kind=UnitKind.OPD, is_active=True
        )
    )
    if not opds:
        raise DomainError(_("Wilayah ini belum memiliki OPD."), code="quota_target_invalid")
    for opd in opds:
        _authorise(actor, opd)
    counts = count_active_asn_per_opd(region)
    shares: dict[Holder, int] = dict(
        quotas.share_of(percent, {opd: counts.get(opd.path, 0) for opd in opds})
    )
    return _write_quotas(actor, program, shares, "peduliham.training.quotas.opd_share_allocated")


@transaction.atomic
def set_opd_quotas(actor: Any, *, program: Program, amounts: Mapping[OrgUnit, int]) -> list[Quota]:
    """Save the quotas of several OPDs of one kabupaten/kota at once, all or nothing
    (same codes as set_quota)."""
    if not amounts:
        raise DomainError(_("Tidak ada kuota untuk disimpan."), code="quota_target_invalid")
    for unit in amounts:
        _authorise(actor, unit)
    holders: dict[Holder, int] = dict(amounts.items())
    return _write_quotas(actor, program, holders, "peduliham.training.quotas.opd_applied")
