"""Coverage of a program at one level (national, province, kabupaten/kota, OPD) and its children.

Every figure is summed at request time from the few CoverageCounter rows (one
per event and OPD, kept current by the services) and the Headcount rows (one
per OPD, kept current by the registry). Each page costs a fixed handful of
grouped queries, however many provinces, OPDs or participants there are: the
totals are the sums of the children's groups, never a second scan.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import (
    Expression,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from peduliham.accounts.scoping import Scope, ScopeLevel, scope_for
from peduliham.core.errors import NotFound, PermissionDenied
from peduliham.people.models import Headcount
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import CoverageCounter, Event, EventDay, Program, Quota


class CoverageLevel(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    REGENCY = "regency"
    OPD = "opd"
    EVENT = "event"  # only as a child row of an OPD


class SortOrder(StrEnum):
    ASCENDING = "asc"
    DESCENDING = "desc"


type Sums = tuple[int, int, int]
ZERO: Sums = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class _Grouped:
    sums: dict[int, Sums]  # (selected, attended, completed) per key
    done_by_event: dict[int, int]  # completed per event, for the series


@dataclass(frozen=True, slots=True)
class Numbers:
    """Quota, the three counters and the active ASN of one level or child."""

    quota: int | None  # None: no quota set, or none applies (an event)
    selected: int
    attended: int
    completed: int
    active: int | None  # None: not applicable (an event)
    per_selected: bool = False  # an event: progress is completed over selected

    @property
    def target(self) -> int | None:
        """What progress is measured against: the quota (an event: its selected participants)."""
        return self.selected if self.per_selected else self.quota

    @property
    def progress(self) -> float | None:
        return self.completed / self.target if self.target else None

    @property
    def share_trained(self) -> float | None:
        return self.completed / self.active if self.active else None

    @property
    def progress_percent(self) -> float | None:
        progress = self.progress
        return None if progress is None else round(progress * 100, 1)

    @property
    def share_percent(self) -> float | None:
        share = self.share_trained
        return None if share is None else round(share * 100, 1)

    @property
    def bar_value(self) -> int:
        """Completed capped at the target, for a <progress max=target> element."""
        return min(self.completed, self.target or 0)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One child: a province, kabupaten/kota, OPD or (under an OPD) an event."""

    name: str
    level: CoverageLevel
    numbers: Numbers
    region_code: str = ""  # drill-down parameter ?wilayah=
    opd_id: int | None = None  # drill-down parameter ?opd=
    event_id: int | None = None
    last_day: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: datetime.date  # the first day of the month
    completed: int
    cumulative: int


@dataclass(frozen=True, slots=True)
class TrailStep:
    """One level above (or at) the page, for the breadcrumb: only levels the user may open."""

    name: str
    level: CoverageLevel
    region_code: str = ""
    opd_id: int | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    program: Program
    level: CoverageLevel
    name: str
    region: Region | None
    opd: OrgUnit | None
    totals: Numbers
    rows: tuple[CoverageRow, ...]
    series: tuple[MonthPoint, ...]
    trail: tuple[TrailStep, ...]
    order: SortOrder


# --- entry point ---------------------------------------------------------------------------


def coverage_for(
    user: Any,
    *,
    program: Program,
    region: Region | None = None,
    opd: OrgUnit | None = None,
    order: SortOrder = SortOrder.ASCENDING,
) -> Coverage:
    """Coverage at the asked level (default: the user's own); errors: permission_denied,
    not_found."""
    scope = scope_for(user)
    if scope.level not in (ScopeLevel.NATIONAL, ScopeLevel.REGION, ScopeLevel.UNIT):
        raise PermissionDenied(_("Anda tidak berhak melihat cakupan pelatihan."))
    if opd is None and region is None:
        if scope.level is ScopeLevel.NATIONAL:
            return _national_coverage(program, order)
        region, opd = _own_level(scope, user)
    if opd is not None:
        _check_opd(scope, opd)
        return _opd_coverage(scope, program, opd, order)
    if region is None or not scope.contains_region(region):
        raise NotFound(_("Wilayah tidak ditemukan."))
    if region.is_province:
        return _province_coverage(scope, program, region, order)
    return _regency_coverage(scope, program, region, order)


def _national_coverage(program: Program, order: SortOrder) -> Coverage:
    counters = CoverageCounter.objects.filter(program=program)
    headcounts = Headcount.objects.all()
    # A kabupaten/kota counts under its parent province; a province's own OPDs under itself.
    key = Coalesce(F("region__parent_id"), F("region_id"))
    grouped = _counter_sums(counters, key)
    sums = grouped.sums
    active = _headcount_sums(headcounts, key)
    # The provinces with their quotas in one read.
    quota = Quota.objects.filter(program=program, region=OuterRef("pk")).values("amount")[:1]
    provinces = (
        Region.objects.current()
        .provinces()
        .annotate(quota=Subquery(quota))
        .order_by("code")
        .values_list("pk", "code", "name", "quota")
    )
    rows = [
        CoverageRow(
            name,
            CoverageLevel.PROVINCE,
            Numbers(amount, *sums.get(pk, ZERO), active.get(pk, 0)),
            region_code=code,
        )
        for pk, code, name, amount in provinces
    ]
    totals = _numbers(program.target, sums.values(), sum(active.values()))
    return Coverage(
        program=program,
        level=CoverageLevel.NATIONAL,
        name=_("Nasional"),
        region=None,
        opd=None,
        totals=totals,
        rows=_sorted(rows, order),
        series=_series(grouped.done_by_event),
        trail=(_national_step(),),
        order=order,
    )


# --- scoping ---------------------------------------------------------------------------------


def _own_level(scope: Scope, user: Any) -> tuple[Region | None, OrgUnit | None]:
    if scope.level is ScopeLevel.UNIT:
        return None, user.org_unit
    if scope.level is ScopeLevel.REGION:
        return user.region, None
    return None, None


def _check_opd(scope: Scope, opd: OrgUnit) -> None:
    if opd.parent_id is not None or opd.kind != UnitKind.OPD or not scope.contains_unit(opd):
        raise NotFound(_("OPD tidak ditemukan."))


# --- levels ----------------------------------------------------------------------------------


def _province_coverage(
    scope: Scope, program: Program, province: Region, order: SortOrder
) -> Coverage:
    inside = Q(region_id=province.pk) | Q(region__parent_id=province.pk)
    counters = CoverageCounter.objects.filter(inside, program=program)
    grouped = _counter_sums(counters, F("region_id"))
    sums = grouped.sums
    active = _headcount_sums(Headcount.objects.filter(inside), F("region_id"))
    children = list(Region.objects.current().filter(parent=province).order_by("code"))
    quotas = _region_quotas(program, [province, *children])
    rows = [
        _region_row(r, quotas.get(r.pk), sums.get(r.pk, ZERO), active.get(r.pk, 0))
        for r in children
    ]
    totals = _numbers(quotas.get(province.pk), sums.values(), sum(active.values()))
    return _region_page(scope, program, province, totals, rows, grouped, order)


def _regency_coverage(
    scope: Scope, program: Program, regency: Region, order: SortOrder
) -> Coverage:
    counters = CoverageCounter.objects.filter(program=program, region=regency)
    grouped = _counter_sums(counters, F("opd_id"))
    sums = grouped.sums
    active = _headcount_sums(Headcount.objects.filter(region=regency), F("opd_id"))
    units = [
        unit
        for unit in OrgUnit.objects.filter(
            region=regency, parent__isnull=True, kind=UnitKind.OPD
        ).order_by("name")
        if unit.is_active or unit.pk in sums or unit.pk in active
    ]
    quotas = _unit_quotas(program, units)
    own_quota = Quota.objects.filter(program=program, region=regency).first()
    rows = [_opd_row(u, quotas.get(u.pk), sums.get(u.pk, ZERO), active.get(u.pk, 0)) for u in units]
    totals = _numbers(own_quota.amount if own_quota else None, sums.values(), sum(active.values()))
    return _region_page(scope, program, regency, totals, rows, grouped, order)


def _opd_coverage(scope: Scope, program: Program, opd: OrgUnit, order: SortOrder) -> Coverage:
    counters = CoverageCounter.objects.filter(program=program, opd=opd)
    grouped = _counter_sums(counters, F("event_id"))
    sums = grouped.sums
    events = Event.objects.filter(pk__in=list(sums)).annotate(last_day=Max("days__date"))
    rows = [_event_row(event, sums[event.pk]) for event in events]
    quota = Quota.objects.filter(program=program, org_unit=opd).first()
    active = Headcount.objects.filter(opd=opd).values_list("active", flat=True).first()
    totals = _numbers(quota.amount if quota else None, sums.values(), active or 0)
    region = opd.region
    return Coverage(
        program=program,
        level=CoverageLevel.OPD,
        name=opd.name,
        region=region,
        opd=opd,
        totals=totals,
        rows=_sorted(rows, order),
        series=_series(grouped.done_by_event),
        trail=(
            *_region_trail(scope, region),
            TrailStep(opd.name, CoverageLevel.OPD, opd_id=opd.pk),
        ),
        order=order,
    )


def _region_page(
    scope: Scope,
    program: Program,
    region: Region,
    totals: Numbers,
    rows: list[CoverageRow],
    grouped: _Grouped,
    order: SortOrder,
) -> Coverage:
    return Coverage(
        program=program,
        level=CoverageLevel.PROVINCE if region.is_province else CoverageLevel.REGENCY,
        name=region.name,
        region=region,
        opd=None,
        totals=totals,
        rows=_sorted(rows, order),
        series=_series(grouped.done_by_event),
        trail=_region_trail(scope, region),
        order=order,
    )


# --- the grouped queries ---------------------------------------------------------------------


def _counter_sums(counters: QuerySet[CoverageCounter], key: Expression | F) -> _Grouped:
    """Sums per key and completions per event, from one scan of the counters.

    Grouped by key and event together: an event draws from one region, so this
    returns about one row per event, folded here both ways.
    """
    rows = (
        counters.order_by()
        .values("event_id", group=key)
        .annotate(s=Sum("selected"), a=Sum("attended"), c=Sum("completed"))
        .values_list("group", "event_id", "s", "a", "c")
    )
    sums: dict[int, Sums] = {}
    done: dict[int, int] = {}
    for group, event_id, s, a, c in rows:
        old = sums.get(group, ZERO)
        sums[group] = (old[0] + s, old[1] + a, old[2] + c)
        if c:
            done[event_id] = done.get(event_id, 0) + c
    return _Grouped(sums, done)


def _headcount_sums(headcounts: QuerySet[Headcount], key: Expression | F) -> dict[int, int]:
    rows = (
        headcounts.order_by()
        .values(group=key)
        .annotate(active_sum=Sum("active"))
        .values_list("group", "active_sum")
    )
    return {group: total or 0 for group, total in rows}


def _region_quotas(program: Program, regions: list[Region]) -> dict[int, int]:
    quotas = Quota.objects.filter(program=program, region__in=regions)
    return dict(quotas.values_list("region_id", "amount"))


def _unit_quotas(program: Program, units: list[OrgUnit]) -> dict[int, int]:
    quotas = Quota.objects.filter(program=program, org_unit__in=units)
    return dict(quotas.values_list("org_unit_id", "amount"))


def _series(done: dict[int, int]) -> tuple[MonthPoint, ...]:
    """Completed per month of each event's last day (one grouped read of those events' days)."""
    if not done:
        return ()
    last_days = (
        EventDay.objects.filter(event_id__in=list(done))
        .order_by()
        .values("event_id")
        .annotate(last=Max("date"))
        .values_list("event_id", "last")
    )
    months: dict[datetime.date, int] = {}
    for event_id, last in last_days:
        month = last.replace(day=1)
        months[month] = months.get(month, 0) + done[event_id]
    points: list[MonthPoint] = []
    total = 0
    for month, completed in sorted(months.items()):
        total += completed
        points.append(MonthPoint(month, completed, total))
    return tuple(points)


# --- rows and totals -------------------------------------------------------------------------


def _numbers(quota: int | None, sums: Iterable[Sums], active: int | None) -> Numbers:
    selected = attended = completed = 0
    for s, a, c in sums:
        selected, attended, completed = selected + s, attended + a, completed + c
    return Numbers(quota, selected, attended, completed, active)


def _region_row(region: Region, quota: int | None, sums: Sums, active: int) -> CoverageRow:
    level = CoverageLevel.PROVINCE if region.is_province else CoverageLevel.REGENCY
    return CoverageRow(region.name, level, Numbers(quota, *sums, active), region_code=region.code)


def _opd_row(unit: OrgUnit, quota: int | None, sums: Sums, active: int) -> CoverageRow:
    return CoverageRow(unit.name, CoverageLevel.OPD, Numbers(quota, *sums, active), opd_id=unit.pk)


def _event_row(event: Any, sums: Sums) -> CoverageRow:
    # An event has no quota of its own; its progress is completed over selected.
    return CoverageRow(
        event.title,
        CoverageLevel.EVENT,
        Numbers(None, *sums, None, per_selected=True),
        event_id=event.pk,
        last_day=event.last_day,
    )


def _sorted(rows: list[CoverageRow], order: SortOrder) -> tuple[CoverageRow, ...]:
    """By progress, ties by name; rows without a quota always last."""
    known = [row for row in rows if row.numbers.progress is not None]
    unknown = [row for row in rows if row.numbers.progress is None]
    descending = order is SortOrder.DESCENDING
    known.sort(key=lambda row: row.name)
    known.sort(key=lambda row: row.numbers.progress or 0.0, reverse=descending)
    return (*known, *sorted(unknown, key=lambda row: row.name))


# --- breadcrumb ------------------------------------------------------------------------------


def _national_step() -> TrailStep:
    return TrailStep(_("Nasional"), CoverageLevel.NATIONAL)


def _region_trail(scope: Scope, region: Region) -> tuple[TrailStep, ...]:
    chain = [region]
    if region.parent_id is not None:
        parent = Region.objects.filter(pk=region.parent_id).first()
        chain = [parent, region] if parent is not None else chain
    steps = [_national_step()] if scope.level is ScopeLevel.NATIONAL else []
    steps += [
        TrailStep(
            r.name,
            CoverageLevel.PROVINCE if r.is_province else CoverageLevel.REGENCY,
            region_code=r.code,
        )
        for r in chain
        if scope.contains_region(r)
    ]
    return tuple(steps)
