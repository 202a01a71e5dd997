"""Set-up and timing of the certificate benchmarks (registered in `benchmarks.py`).

A closed event with N completers is bulk-inserted inside a transaction that
is rolled back at the end; the PDFs go to a temporary media folder that is
removed afterwards. What is timed is what an administrator waits for:
`issue_certificates` (numbers, printed fields, rows) and the render task
(QR, Typst, storing the file, recording it), end to end.
PEDULIHAM_BENCH_CERT_COUNT shrinks the 20,000 of the province-sized run.
"""

import datetime
import os
import tempfile
import time
from dataclasses import dataclass

from django.db import transaction
from django.test import override_settings

from peduliham.accounts.models import Role, User
from peduliham.certificates.models import Certificate
from peduliham.certificates.services import issue_certificates
from peduliham.certificates.tasks import render_batch
from peduliham.core.bench import Measurement, stopwatch
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import (
    Enrollment,
    EnrollmentStatus,
    Event,
    EventDay,
    EventStatus,
    Outcome,
    Program,
)

COUNT_ENV = "PEDULIHAM_BENCH_CERT_COUNT"
PROVINCE_SIZE = 20_000
PER_CORE = 500
HOST_CODE = "15.71"  # Kota Jambi
BATCH = 5_000


class _Rollback(Exception):
    """Raised to undo the benchmark's data once it is measured."""


@dataclass(frozen=True, slots=True)
class Timing:
    count: int
    issue_seconds: float
    render_seconds: float
    #: CPU time of this process (the pool's workers excluded): immune to other load.
    cpu_seconds: float

    @property
    def total_seconds(self) -> float:
        return self.issue_seconds + self.render_seconds


def province_count() -> int:
    return int(os.environ.get(COUNT_ENV) or PROVINCE_SIZE)


def _event(host: Region, unit: OrgUnit) -> Event:
    program = Program.objects.create(year=2025, name="Bench sertifikat", target=1_000_000)
    event = Event.objects.create(
        program=program,
        title="Penguatan Kapasitas HAM bagi ASN — Bench",
        host_region=host,
        venue="Aula Grha Siginjai",
        capacity=PROVINCE_SIZE,
        status=EventStatus.CLOSED,
    )
    for day in (27, 28):
        EventDay.objects.create(
            event=event,
            date=datetime.date(2025, 10, day),
            starts_at=datetime.time(8),
            ends_at=datetime.time(16),
        )
    return event


def _completers(event: Event, unit: OrgUnit, count: int) -> None:
    born = datetime.date(1986, 9, 26)
    ASN.objects.bulk_create(
        (
            ASN(
                nip=f"19860926{number:010d}",
                name=f"Pegawai Bench {number}",
                front_title="Dr." if number % 7 == 0 else "",
                back_title="S.K.M., M.K.M." if number % 3 == 0 else "",
                sex="L" if number % 2 else "P",
                birth_date=born,
                rank="III/a",
                region=unit.region,
                org_unit=unit,
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )
    Enrollment.objects.bulk_create(
        (
            Enrollment(
                event=event,
                program=event.program,
                asn=asn,
                opd=unit,
                region=unit.region,
                status=EnrollmentStatus.CONFIRMED,
                sex=asn.sex,
                outcome=Outcome.COMPLETED,
            )
            for asn in ASN.objects.filter(org_unit=unit).iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )


def _set_up(count: int) -> tuple[User, Event]:
    host = Region.objects.get(code=HOST_CODE, valid_until__isnull=True)
    unit = OrgUnit.objects.create(region=host, name="Bench OPD sertifikat", kind=UnitKind.OPD)
    unit.path = OrgUnit.path_segment(unit.pk)
    unit.save(update_fields=["path"])
    admin = User.objects.create_user(username="bench_certificates", role=Role.NATIONAL_ADMIN)
    event = _event(host, unit)
    _completers(event, unit, count)
    return admin, event


def time_certificates(count: int, *, workers: int) -> Timing:
    """Issue and render `count` certificates with `workers` processes; nothing is kept."""
    timing = Timing(0, 0.0, 0.0, 0.0)
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                admin, event = _set_up(count)
                cpu_start = time.process_time()
                with stopwatch() as issue_timer:
                    batch = issue_certificates(admin, event=event)
                with stopwatch() as render_timer:
                    rendered = render_batch(batch.pk, workers=workers)
                cpu_seconds = time.process_time() - cpu_start
                stored = Certificate.objects.filter(event=event).exclude(pdf="").count()
                if rendered != count or stored != count:
                    raise AssertionError(f"rendered {rendered}, stored {stored} of {count}")
                timing = Timing(count, issue_timer.seconds, render_timer.seconds, cpu_seconds)
                raise _Rollback
        except _Rollback:
            pass
    return timing


def per_core_measurements() -> list[Measurement]:
    count = min(PER_CORE, province_count())
    timing = time_certificates(count, workers=1)
    return [
        Measurement(
            f"issue + render {count:,} certificates, one process", timing.total_seconds, "s"
        ),
        Measurement("certificates per second on one core", count / timing.total_seconds, "PDF/s"),
        Measurement(
            "certificates per CPU-second (process time; unaffected by other load)",
            count / timing.cpu_seconds,
            "PDF/s",
        ),
        Measurement("of which issuing (numbers, rows)", timing.issue_seconds, "s"),
    ]


def province_measurements(workers: int = 2) -> list[Measurement]:
    count = province_count()
    timing = time_certificates(count, workers=workers)
    return [
        Measurement(
            f"issue + render {count:,} certificates, {workers} worker processes",
            timing.total_seconds,
            "s",
        ),
        Measurement("certificates per second", count / timing.total_seconds, "PDF/s"),
        Measurement("of which issuing (numbers, rows)", timing.issue_seconds, "s"),
    ]
