"""Reads for the planner: which regions a user may plan for and who is still untrained."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.core.errors import NotFound
from peduliham.people.models import ASN
from peduliham.regions.models import Region
from peduliham.training.models import SEATED_STATUSES, Enrollment, Outcome, Program

PLANNER_LEVELS = (ScopeLevel.NATIONAL, ScopeLevel.REGION)


@dataclass(frozen=True, slots=True)
class PlanningInputs:
    """What the planner starts from for one region and program."""

    program: Program
    region: Region
    active: int
    trained_or_seated: int

    @property
    def untrained(self) -> int:
        return self.active - self.trained_or_seated


def planner_regions(user: Any) -> list[Region]:
    """Current regions the user may plan for: their whole subtree (national: all)."""
    scope = scope_for(user)
    if scope.level not in PLANNER_LEVELS:
        return []
    regions = Region.objects.current()
    if scope.level is ScopeLevel.REGION:
        regions = regions.subtree(scope.region_code)
    return list(regions.order_by("code"))


def planner_region_for(user: Any, code: str | None) -> Region | None:
    """The region asked for (default: the user's own; None for a national user) (not_found)."""
    scope = scope_for(user)
    if scope.level not in PLANNER_LEVELS:
        raise NotFound(_("Wilayah tidak ditemukan"))
    code = code or scope.region_code
    if not code:
        return None
    region = Region.objects.current().filter(code=code).first()
    if region is None or not scope.contains_region(region):
        raise NotFound(_("Wilayah tidak ditemukan"))
    return region


def _done_in_program(program: Program) -> Exists:
    """An enrollment in the program that already trained the person or holds their seat."""
    live = Q(status__in=SEATED_STATUSES) & ~Q(outcome=Outcome.NOT_COMPLETED)
    return Exists(
        Enrollment.objects.filter(program=program, asn=OuterRef("pk")).filter(
            live | Q(outcome=Outcome.COMPLETED)
        )
    )


def planning_inputs(user: Any, *, program: Program, region: Region) -> PlanningInputs:
    """Active ASN of the region (and below) and how many are trained or seated (not_found)."""
    scope = scope_for(user)
    if scope.level not in PLANNER_LEVELS or not scope.contains_region(region):
        raise NotFound(_("Wilayah tidak ditemukan"))
    codes = Q(org_unit__region__code=region.code) | Q(
        org_unit__region__code__startswith=f"{region.code}."
    )
    active = ASN.objects.filter(codes, is_active=True)
    return PlanningInputs(
        program=program,
        region=region,
        active=active.count(),
        trained_or_seated=active.filter(_done_in_program(program)).count(),
    )
