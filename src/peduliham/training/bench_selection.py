"""Set-up and timing of the selection benchmark: 20,000 seats from a province of 100,000 ASN.

Everything is made set-based (bulk inserts) inside one transaction that is rolled
back at the end, so the benchmark also runs safely against a configured database.
PEDULIHAM_BENCH_SELECTION_SCALE=0.1 runs a tenth of the size.
"""

import datetime
import os
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Sum

from peduliham.accounts.models import Role, User
from peduliham.core.bench import Measurement, stopwatch
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import Event, Program, Quota
from peduliham.training.quotas import largest_remainder
from peduliham.training.services.enrolment import select_participants

SCALE_ENV = "PEDULIHAM_BENCH_SELECTION_SCALE"
PROVINCE_CODE = "15"  # Jambi: 11 kabupaten/kota
ASN_COUNT = 100_000
SEATS = 20_000
OPDS_PER_REGION = 30
FRONTLINE_EVERY = 4  # a quarter of the staff serve the public directly
BATCH = 5_000


class _Rollback(Exception):
    """Raised to undo the benchmark's data once it is measured."""


@dataclass(frozen=True, slots=True)
class _Setup:
    admin: User
    event: Event


def _scale() -> float:
    return float(os.environ.get(SCALE_ENV) or 1)


def _opds(regions: list[Region]) -> list[OrgUnit]:
    units = OrgUnit.objects.bulk_create(
        OrgUnit(region=region, name=f"Bench OPD {number}", kind=UnitKind.OPD)
        for region in regions
        for number in range(OPDS_PER_REGION)
    )
    if any(unit.pk is None for unit in units):  # SQLite before RETURNING support
        units = list(OrgUnit.objects.filter(name__startswith="Bench OPD ", region__in=regions))
    for unit in units:
        unit.path = OrgUnit.path_segment(unit.pk)
    OrgUnit.objects.bulk_update(units, ["path"], batch_size=BATCH)
    return units


def _asn(units: list[OrgUnit], count: int) -> None:
    born = datetime.date(1986, 9, 26)
    ASN.objects.bulk_create(
        (
            ASN(
                nip=f"19860926{number:010d}",
                name=f"Pegawai {number}",
                sex="L" if number % 2 else "P",
                birth_date=born,
                rank="III/a",
                region_id=units[number % len(units)].region_id,
                org_unit=units[number % len(units)],
                is_frontline=number % FRONTLINE_EVERY == 0,
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )


def _quotas(program: Program, province: Region, units: list[OrgUnit], seats: int) -> None:
    per_opd = largest_remainder(seats, {str(unit.pk): 1 for unit in units})
    top = Quota.objects.create(program=program, region=province, amount=seats)
    by_region: dict[int, int] = {}
    for unit in units:
        by_region[unit.region_id] = by_region.get(unit.region_id, 0) + per_opd[str(unit.pk)]
    parents = {
        quota.region_id: quota
        for quota in Quota.objects.bulk_create(
            Quota(program=program, region_id=region_id, parent=top, amount=amount)
            for region_id, amount in by_region.items()
        )
    }
    if any(quota.pk is None for quota in parents.values()):
        parents = {q.region_id: q for q in Quota.objects.filter(program=program, parent=top)}
    Quota.objects.bulk_create(
        Quota(
            program=program,
            org_unit=unit,
            parent=parents[unit.region_id],
            amount=per_opd[str(unit.pk)],
        )
        for unit in units
    )


def _set_up(asn_count: int, seats: int) -> _Setup:
    province = Region.objects.get(code=PROVINCE_CODE, valid_until__isnull=True)
    regions = list(Region.objects.filter(parent=province, valid_until__isnull=True))
    units = _opds(regions)
    _asn(units, asn_count)
    admin = User.objects.create_user(username="bench_selection", role=Role.NATIONAL_ADMIN)
    program = Program.objects.create(year=2025, name="Bench seleksi", target=1_000_000)
    _quotas(program, province, units, seats)
    event = Event.objects.create(
        program=program, title="Bench", host_region=province, venue="Aula", capacity=seats
    )
    with connection.cursor() as cursor:
        # Fresh bulk-loaded tables have no planner statistics yet; a live database has
        # them from autovacuum (or from the import), so measure with them.
        cursor.execute("ANALYZE")
    return _Setup(admin=admin, event=event)


def selection_benchmark() -> list[Measurement]:
    """Time `select_participants` filling an event of 20,000 from 100,000 ASN."""
    asn_count, seats = round(ASN_COUNT * _scale()), round(SEATS * _scale())
    measurements: list[Measurement] = []
    try:
        with transaction.atomic():
            with stopwatch() as setup_timer:
                setup = _set_up(asn_count, seats)
            with stopwatch() as timer:
                report = select_participants(setup.admin, event=setup.event, seed=2025)
            seated = setup.event.enrollments.count()
            quota_total = Quota.objects.filter(
                program=setup.event.program, org_unit__isnull=False
            ).aggregate(total=Sum("amount"))["total"]
            if seated != report.selected or seated > min(seats, quota_total or 0):
                raise AssertionError(f"selected {seated}, reported {report.selected}")
            measurements = [
                Measurement(f"select {report.selected:,} of {asn_count:,} ASN", timer.seconds, "s"),
                Measurement("participants per second", report.selected / timer.seconds, "rows/s"),
                Measurement("set-up (bulk inserts, not timed above)", setup_timer.seconds, "s"),
            ]
            raise _Rollback
    except _Rollback:
        pass
    return measurements
