"""Arrange steps for the coverage tests: rows made directly, as the services would leave them."""

import datetime
from collections.abc import Sequence

from peduliham.people.headcounts import refresh_headcounts
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.counters import Delta, bump
from peduliham.training.models import CoverageCounter, Event, EventDay, Program, Quota
from tests.people.asn_factory import make_asn


def make_event(
    program: Program,
    region: Region,
    *,
    title: str = "Angkatan 1",
    days: Sequence[datetime.date] = (),
) -> Event:
    event = Event.objects.create(
        program=program, title=title, host_region=region, venue="Aula", capacity=1000
    )
    for day in days:
        EventDay.objects.create(
            event=event, date=day, starts_at=datetime.time(8), ends_at=datetime.time(16)
        )
    return event


def count(
    event: Event, opd: OrgUnit, *, selected: int = 0, attended: int = 0, completed: int = 0
) -> CoverageCounter:
    bump(
        Delta(
            program_id=event.program_id,
            event_id=event.pk,
            region_id=opd.region_id,
            opd_id=opd.pk,
            selected=selected,
            attended=attended,
            completed=completed,
        )
    )
    return CoverageCounter.objects.get(event=event, opd=opd)


def region_quota(program: Program, region: Region, amount: int) -> Quota:
    parent = None
    if region.parent_id is not None:
        parent = Quota.objects.filter(program=program, region_id=region.parent_id).first()
    return Quota.objects.create(program=program, region=region, parent=parent, amount=amount)


def opd_quota(program: Program, unit: OrgUnit, amount: int) -> Quota:
    parent = Quota.objects.filter(program=program, region=unit.region).first()
    return Quota.objects.create(program=program, org_unit=unit, parent=parent, amount=amount)


def staff(unit: OrgUnit, active: int, *, inactive: int = 0) -> None:
    """`active` (and `inactive`) ASN in `unit`, then the region's headcounts rebuilt."""
    start = ASN.objects.count() + 1  # NIPs stay unique (and 18 digits) across one test
    for offset in range(active + inactive):
        make_asn(unit, start + offset, is_active=offset < active)
    refresh_headcounts([unit.region_id])


def make_opd(region: Region, name: str) -> OrgUnit:
    """A top-level OPD with its path, made directly (no audit: not what is tested)."""
    unit = OrgUnit.objects.create(region=region, name=name, kind=UnitKind.OPD)
    unit.path = OrgUnit.path_segment(unit.pk)
    unit.save(update_fields=["path"])
    return unit
