"""Reading regions and organisation units. Every selector takes the user and stays in scope."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import F, Q, QuerySet
from django.http import Http404

from peduliham.accounts.scoping import ScopeLevel, get_in_scope_or_404, scope_for
from peduliham.regions.models import OrgUnit, OrgUnitQuerySet, Region, RegionQuerySet


@dataclass(slots=True)
class UnitNode:
    """One unit in a region's tree, with the units directly under it."""

    unit: OrgUnit
    children: list["UnitNode"] = field(default_factory=list)


def _scoped_regions(user: Any) -> RegionQuerySet:
    # The scope narrows Region.objects, so the custom queryset methods are there.
    return cast(RegionQuerySet, scope_for(user).regions())


def _scoped_units(user: Any) -> OrgUnitQuerySet:
    return cast(OrgUnitQuerySet, scope_for(user).units())


def _in_force(queryset: RegionQuerySet, on: datetime.date | None) -> RegionQuerySet:
    return queryset.current() if on is None else queryset.active_on(on)


def regions_for(
    user: Any, *, search: str = "", on: datetime.date | None = None
) -> QuerySet[Region]:
    """Regions in force (today, or on `on`) that `user` may see, matching `search`.

    Without a search the national admin gets the provinces, to browse down from.
    """
    scope = scope_for(user)
    regions = _in_force(cast(RegionQuerySet, scope.regions()), on)
    search = search.strip()
    if search:
        regions = regions.filter(Q(name__icontains=search) | Q(code__startswith=search))
    elif scope.level is ScopeLevel.NATIONAL:
        regions = regions.provinces()
    return regions.select_related("parent").order_by("code")


def region_detail_for(user: Any, code: str) -> Region:
    """The region with `code` in `user`'s scope: the one in force, else the latest closed one.

    Raises Http404 outside the scope or for an unknown code.
    """
    rows = scope_for(user).regions().filter(code=code)
    region = (
        rows.select_related("parent")
        .order_by(F("valid_until").desc(nulls_first=True), "-valid_from")
        .first()
    )
    if region is None:
        raise Http404
    return region


def subregions_for(user: Any, region: Region) -> QuerySet[Region]:
    """The regions in force below `region` that `user` may see (kab/kota of a province)."""
    return (
        _scoped_regions(user).current().filter(code__startswith=f"{region.code}.").order_by("code")
    )


def region_history_for(user: Any, region: Region) -> dict[str, list[Region]]:
    """The regions `region` came from and the ones that replaced it, in `user`'s scope."""
    visible = scope_for(user).regions()
    return {
        "predecessors": list(visible.filter(successors=region).order_by("code")),
        "successors": list(visible.filter(predecessors=region).order_by("code")),
        "earlier": list(
            visible.filter(code=region.code, valid_until__isnull=False)
            .exclude(pk=region.pk)
            .order_by("-valid_from")
        ),
    }


def units_for(
    user: Any,
    *,
    region: Region | None = None,
    search: str = "",
    include_inactive: bool = False,
) -> QuerySet[OrgUnit]:
    """Organisation units that `user` may see, optionally in one region row, matching `search`."""
    units = _scoped_units(user).select_related("region", "parent")
    if region is not None:
        units = units.filter(region=region)
    if not include_inactive:
        units = units.active()
    search = search.strip()
    if search:
        units = units.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    return units.order_by("path")


def unit_detail_for(user: Any, pk: int) -> OrgUnit:
    """One unit in `user`'s scope (active or not); Http404 otherwise."""
    units = scope_for(user).units().select_related("region", "parent")
    return get_in_scope_or_404(units, pk=pk)


def unit_tree_for(user: Any, region: Region, *, include_inactive: bool = False) -> list[UnitNode]:
    """The units of `region` that `user` may see, nested; one query, ordered by path."""
    return nest_units(units_for(user, region=region, include_inactive=include_inactive))


def nest_units(units: Iterable[OrgUnit]) -> list[UnitNode]:
    """Nest units given in path order under their parents, each level sorted by name."""
    nodes: dict[int, UnitNode] = {}
    roots: list[UnitNode] = []
    for unit in units:
        node = nodes[unit.pk] = UnitNode(unit)
        # Paths sort parents before children; a parent outside the scope makes a root.
        parent = nodes.get(unit.parent_id) if unit.parent_id is not None else None
        (parent.children if parent is not None else roots).append(node)
    _sort_by_name(roots)
    return roots


def _sort_by_name(nodes: list[UnitNode]) -> None:
    nodes.sort(key=lambda node: node.unit.name.casefold())
    for node in nodes:
        _sort_by_name(node.children)
