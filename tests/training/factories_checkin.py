"""Events, days and seats made directly with the ORM for the check-in and completion tests.

A seat bumps the `selected` counter exactly as a real selection would, so the
tests can assert the counters after check-in and completion.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from peduliham.accounts.models import User
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training import counters
from peduliham.training.models import (
    AttendanceRule,
    CoverageCounter,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventDay,
    EventStatus,
    Program,
)
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

OCT_27 = datetime.date(2025, 10, 27)
OCT_28 = datetime.date(2025, 10, 28)


def make_event(
    program: Program,
    host_region: Region,
    *,
    dates: Sequence[datetime.date] = (OCT_27, OCT_28),
    status: str = EventStatus.RUNNING,
    rule: str = AttendanceRule.ALL_DAYS,
    min_days: int | None = None,
    title: str = "Pelatihan HAM Kota Jambi Angkatan I",
) -> Event:
    event = Event.objects.create(
        program=program,
        title=title,
        host_region=host_region,
        venue="Aula Grha Siginjai",
        capacity=1_000,
        attendance_rule=rule,
        attendance_min_days=min_days,
        status=status,
    )
    for date in dates:
        EventDay.objects.create(
            event=event, date=date, starts_at=datetime.time(8), ends_at=datetime.time(16)
        )
    return event


def running_event(admin_pusat: User, host_region: Region, **options: Any) -> Event:
    """A running two-day event (27-28 Oct 2025) of a fresh program."""
    return make_event(make_program(admin_pusat), host_region, **options)


def seat(
    event: Event, asn: ASN, *, status: str = EnrollmentStatus.NOMINATED, **fields: Any
) -> Enrollment:
    """An enrollment of `asn`; a seated one counts as selected."""
    opd_id = asn.org_unit.top_id
    enrollment = Enrollment.objects.create(
        event=event,
        program=event.program,
        asn=asn,
        opd_id=opd_id,
        region=asn.region,
        status=status,
        is_frontline=asn.is_frontline,
        sex=asn.sex,
        **fields,
    )
    if status in (EnrollmentStatus.NOMINATED, EnrollmentStatus.CONFIRMED):
        counters.bump(
            counters.Delta(
                program_id=event.program_id,
                event_id=event.pk,
                region_id=asn.region_id,
                opd_id=opd_id,
                selected=1,
            )
        )
    return enrollment


def seat_new(event: Event, unit: OrgUnit, number: int, **fields: Any) -> Enrollment:
    """A new ASN of `unit` (NIP ending in `number`) seated in `event`."""
    return seat(event, make_asn(unit, number, name=fields.pop("name", "")), **fields)


def days_of(event: Event) -> list[EventDay]:
    return list(event.days.order_by("date"))


def counter_of(event: Event, opd: OrgUnit) -> tuple[int, int, int]:
    """(selected, attended, completed) of an OPD in an event."""
    row = CoverageCounter.objects.filter(event=event, opd=opd).first()
    return (row.selected, row.attended, row.completed) if row else (0, 0, 0)
