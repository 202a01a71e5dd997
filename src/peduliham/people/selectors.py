"""Reading the ASN registry and its imports. Every selector takes the user and stays in scope."""

from typing import Any, Final

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import ScopeLevel, get_in_scope_or_404, scope_for
from peduliham.core.errors import PermissionDenied
from peduliham.people.models import ASN, ImportJob, Transfer
from peduliham.people.nip import normalise_nip_text
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, Outcome

NIP_LENGTH: Final = 18
#: Roles that may upload a registry file (the importer checks the same).
IMPORT_ROLES: Final = frozenset({Role.NATIONAL_ADMIN, Role.PEMDA_ADMIN})


def _readable_asn(user: Any) -> QuerySet[ASN]:
    scope = scope_for(user)
    if not scope.is_staff:  # participants and anonymous users may not read the registry
        raise PermissionDenied(_("Anda tidak berhak membaca registri ASN."))
    return scope.filter(ASN.objects.all(), unit="org_unit")


def asn_for(
    user: Any,
    *,
    search: str = "",
    unit: OrgUnit | None = None,
    region: Region | None = None,
    rank: str = "",
    employment_kind: str = "",
    position_kind: str = "",
    active: bool | None = True,
    trained: bool | None = None,
) -> QuerySet[ASN]:
    """ASN in the user's scope matching the filters, by name; errors: permission_denied.

    `search` is a NIP written any way (spaces, dots, dashes; a part is enough)
    or part of a name. `unit` includes the units below it, `region` the regions
    below it. `active=None` means active and inactive alike; `trained` keeps those who
    completed any training event (True) or none (False).
    """
    records = _readable_asn(user)
    records = _search(records, search)
    if unit is not None:
        records = records.filter(org_unit__path__startswith=unit.path)
    if region is not None:
        records = records.filter(
            Q(region__code=region.code) | Q(region__code__startswith=f"{region.code}.")
        )
    if rank:
        records = records.filter(rank=rank)
    if employment_kind:
        records = records.filter(employment_kind=employment_kind)
    if position_kind:
        records = records.filter(position_kind=position_kind)
    if active is not None:
        records = records.filter(is_active=active)
    if trained is not None:
        completed = Enrollment.objects.filter(asn=OuterRef("pk"), outcome=Outcome.COMPLETED)
        records = records.filter(Exists(completed) if trained else ~Exists(completed))
    return records.select_related("org_unit", "org_unit__parent", "region").order_by("name", "nip")


def _search(records: QuerySet[ASN], search: str) -> QuerySet[ASN]:
    search = " ".join(search.split())
    if not search:
        return records
    digits = normalise_nip_text(search)
    if digits.isascii() and digits.isdigit():
        # A whole NIP uses the unique index; a part of one has to scan.
        if len(digits) == NIP_LENGTH:
            return records.filter(nip=digits)
        return records.filter(nip__contains=digits)
    return records.filter(Q(name__icontains=search) | Q(front_title__icontains=search))


def asn_detail_for(user: Any, pk: int) -> ASN:
    """One ASN in the user's scope; Http404 outside it; errors: permission_denied."""
    records = _readable_asn(user).select_related("org_unit", "org_unit__parent", "region")
    return get_in_scope_or_404(records, pk=pk)


def transfers_of(asn: ASN) -> QuerySet[Transfer]:
    """The transfer history of an ASN already read through `asn_detail_for`, newest first."""
    return asn.transfers.select_related("from_unit", "to_unit", "source").order_by(
        "-effective_date", "-id"
    )


def filter_regions_for(user: Any) -> QuerySet[Region]:
    """The regions in force a user may narrow the registry to: none for a single kabupaten/
    kota or OPD scope, the province's kabupaten/kota for a Kanwil, every region nationally."""
    scope = scope_for(user)
    regions = scope.regions().filter(valid_until__isnull=True)
    if scope.level is ScopeLevel.NATIONAL:
        return regions.order_by("code")
    if scope.level is ScopeLevel.REGION and "." not in scope.region_code:
        return regions.exclude(code=scope.region_code).order_by("code")
    return Region.objects.none()


def units_for_filter(user: Any, *, region: Region | None = None) -> QuerySet[OrgUnit]:
    """The units a user may filter the registry by: those of their kabupaten/kota or OPD,
    or, for wider scopes (thousands of units), those of the region they picked."""
    units = scope_for(user).units().filter(is_active=True)
    if filter_regions_for(user).exists():
        units = units.filter(region=region) if region is not None else units.none()
    return units.select_related("parent").order_by("path")


def may_import(user: Any) -> bool:
    """Whether the user may upload registry files (national and Pemda admins)."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in IMPORT_ROLES


def import_regions_for(user: Any) -> QuerySet[Region]:
    """The regions in force a user may import into: their own kabupaten/kota, or any (national)."""
    if not may_import(user):
        return Region.objects.none()
    regions = scope_for(user).regions().filter(valid_until__isnull=True)
    if user.role == Role.PEMDA_ADMIN:
        regions = regions.filter(pk=user.region_id)
    return regions.order_by("code")


def import_jobs_for(user: Any) -> QuerySet[ImportJob]:
    """Registry imports in the user's region scope, newest first; errors: permission_denied."""
    scope = scope_for(user)
    if scope.level not in (ScopeLevel.NATIONAL, ScopeLevel.REGION) or not may_import(user):
        raise PermissionDenied(_("Anda tidak berhak mengimpor registri ASN."))
    jobs = scope.filter(ImportJob.objects.all(), region="region")
    return jobs.select_related("region", "actor").order_by("-started_at", "-id")


def import_job_for(user: Any, pk: int) -> ImportJob:
    """One import in the user's scope; Http404 outside it; errors: permission_denied."""
    return get_in_scope_or_404(import_jobs_for(user), pk=pk)


def registry_of(region: Region, *, include_inactive: bool = False) -> QuerySet[ASN]:
    """A region's active ASN (and its inactive ones too, when asked) for system commands
    that act without a user (export_asn)."""
    records = ASN.objects.filter(region=region)
    if not include_inactive:
        records = records.filter(is_active=True)
    return records.order_by("name", "nip")
