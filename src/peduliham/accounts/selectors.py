"""Reads for accounts: each role's home overview. Everything goes through `scope_for`."""

from base64 import b32encode
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from peduliham.accounts.models import User
from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.regions.models import OrgUnit, Region
from peduliham.regions.selectors import UnitNode, nest_units


@dataclass(slots=True)
class HomeOverview:
    """What a user's home page shows: the region or unit their role covers."""

    level: ScopeLevel
    anchor_region: Region | None = None
    anchor_unit: OrgUnit | None = None
    regions: list[Region] = field(default_factory=list)
    kabupaten_kota_count: int = 0
    units: list[UnitNode] = field(default_factory=list)
    unit_count: int = 0


def home_overview(user: User) -> HomeOverview:
    """The scope of `user` as their home page shows it."""
    scope = scope_for(user)
    overview = HomeOverview(level=scope.level)
    if scope.level is ScopeLevel.NATIONAL:
        overview.regions = list(
            Region.objects.current()
            .provinces()
            .annotate(
                kabupaten_kota_count=Count("children", filter=Q(children__valid_until__isnull=True))
            )
            .order_by("code")
        )
        overview.kabupaten_kota_count = Region.objects.current().kabupaten_kota().count()
    elif scope.level is ScopeLevel.REGION and user.region is not None:
        overview.anchor_region = user.region
        if user.region.is_province:
            overview.regions = list(
                Region.objects.subtree(user.region.code).current().kabupaten_kota().order_by("code")
            )
            overview.kabupaten_kota_count = len(overview.regions)
        else:
            _add_units(overview, scope.units())
    elif scope.level is ScopeLevel.UNIT:
        overview.anchor_unit = user.org_unit
        overview.anchor_region = user.org_unit.region if user.org_unit else None
        _add_units(overview, scope.units())
    return overview


def _add_units(overview: HomeOverview, units: Any) -> None:
    """The active units in scope as a tree; a province's Kanwil shows here too."""
    rows = list(units.filter(is_active=True).select_related("region").order_by("path"))
    overview.unit_count = len(rows)
    overview.units = nest_units(rows)


def base32_secret(device: Any) -> str:
    """A TOTP device's secret as people type it into an authenticator app."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")
