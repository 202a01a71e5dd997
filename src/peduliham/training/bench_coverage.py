"""The national coverage benchmark: what `make bench` measures (registered in `benchmarks.py`).

A national data set is generated set-based in PostgreSQL (INSERT ... SELECT
over generate_series): 50 OPDs in each of the 514 kabupaten/kota, 5,600,000
ASN, their headcounts, 1,000 two-day events of 1,000 participants each drawn
from the host region's OPDs, and the coverage counters the services would
have left. Then the national `coverage_for` is timed warm against a plain
`SELECT COUNT(*)` over the enrollments in the same run. Everything runs in
one transaction that is rolled back, so even an `--in-place` run leaves no
trace (and deferred foreign-key checks are never paid for).
"""

import os
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from peduliham.accounts.models import Role, User
from peduliham.core.bench import Measurement, stopwatch
from peduliham.training.models import Program
from peduliham.training.selectors.coverage import coverage_for

SCALE_ENV: Final = "PEDULIHAM_BENCH_COVERAGE_SCALE"  # e.g. 0.1 for a quick run
ASN_TOTAL: Final = 5_600_000
ENROLLMENTS: Final = 1_000_000
EVENTS: Final = 1_000
OPDS_PER_REGION: Final = 50
RUNS: Final = 9
TARGET_MS: Final = 100.0
#: An event takes every tenth ASN of its region whose id ends in its rank there.
STRIDE: Final = 10


@dataclass(frozen=True, slots=True)
class Sizes:
    asn: int
    events: int
    seats: int  # per event

    @property
    def enrollments(self) -> int:
        return self.events * self.seats


def sizes() -> Sizes:
    """The national sizes, or a fraction of them from PEDULIHAM_BENCH_COVERAGE_SCALE."""
    text = os.environ.get(SCALE_ENV, "").strip()
    scale = float(text) if text else 1.0
    return Sizes(
        asn=round(ASN_TOTAL * scale),
        events=EVENTS,
        seats=max(1, round(ENROLLMENTS * scale / EVENTS)),
    )


def national_coverage_benchmark() -> list[Measurement]:
    if connection.vendor != "postgresql":
        return [Measurement("skipped: needs PostgreSQL (set DATABASE_URL)", 0, "")]
    size = sizes()
    with transaction.atomic():
        with stopwatch() as generation:
            program = _generate(size)
        measurements = _measure(program, size)
        transaction.set_rollback(True)
    return [Measurement("data generation (set-based SQL)", generation.seconds, "s"), *measurements]


# --- timing ----------------------------------------------------------------------------------


def _measure(program: Program, size: Sizes) -> list[Measurement]:
    admin = User.objects.create(username=f"bench-{uuid.uuid4().hex[:12]}", role=Role.NATIONAL_ADMIN)
    with CaptureQueriesContext(connection) as queries:
        coverage = coverage_for(admin, program=program)
    assert coverage.totals.selected == size.enrollments, coverage.totals  # noqa: S101
    page_ms = _median_ms(lambda: coverage_for(admin, program=program))
    count_ms = _median_ms(_count_enrollments)
    return [
        Measurement(f"national coverage_for, warm median of {RUNS}", page_ms, "ms"),
        Measurement(f"target under {TARGET_MS:.0f} ms", 1.0 if page_ms < TARGET_MS else 0.0, "met"),
        Measurement("queries per national page", len(queries), "queries"),
        Measurement(
            f"SELECT COUNT(*) over {size.enrollments:,} enrollments, warm median", count_ms, "ms"
        ),
        Measurement("coverage_for / COUNT(*)", page_ms / count_ms, "x"),
        Measurement("ASN generated", size.asn, "rows"),
    ]


def _median_ms(work: Callable[[], object]) -> float:
    work()  # warm: plans, caches and buffers
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _count_enrollments() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM training_enrollment")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


# --- the data set --------------------------------------------------------------------------


def _generate(size: Sizes) -> Program:
    program = Program.objects.create(
        year=2099, name=f"Benchmark cakupan {uuid.uuid4().hex[:8]}", target=ENROLLMENTS
    )
    params = {
        "program": program.pk,
        "asn": size.asn,
        "events": size.events,
        "seats": size.seats,
        "opds": OPDS_PER_REGION,
        "stride": STRIDE,
    }
    with connection.cursor() as cursor:
        for statement in STATEMENTS:
            cursor.execute(statement, params)
    return program


STATEMENTS: Final = (
    # 50 top-level OPDs per kabupaten/kota, then their materialised paths.
    "INSERT INTO regions_orgunit (path, name, short_name, kind, service_kind, is_public_facing,"
    " is_active, parent_id, region_id)"
    " SELECT '', 'OPD Uji ' || g, '', 'opd', '', false, true, NULL, r.id"
    " FROM regions_region r CROSS JOIN generate_series(1, %(opds)s) g"
    " WHERE r.kind IN ('kabupaten', 'kota') AND r.valid_until IS NULL",
    "UPDATE regions_orgunit SET path = lpad(id::text, 10, '0') || '/'"
    " WHERE path = '' AND name LIKE 'OPD Uji %%'",
    "CREATE TEMP TABLE bench_opd ON COMMIT DROP AS"
    " SELECT (row_number() OVER (ORDER BY region_id, id) - 1)::bigint AS idx, id, region_id"
    " FROM regions_orgunit WHERE name LIKE 'OPD Uji %%' AND parent_id IS NULL",
    "CREATE UNIQUE INDEX ON bench_opd (idx)",
    "ANALYZE bench_opd",
    # ASN in contiguous blocks per OPD (so each region's ASN ids are contiguous too).
    "INSERT INTO people_asn (nip, name, front_title, back_title, sex, birth_date,"
    " employment_kind, rank, position_name, position_kind, is_frontline, email, phone,"
    " is_active, inactive_reason, row_digest, created_at, updated_at, org_unit_id, region_id,"
    " user_id)"
    " SELECT '9' || lpad(g::text, 17, '0'), 'ASN Uji ' || g, '', '',"
    " CASE WHEN g %% 2 = 0 THEN 'L' ELSE 'P' END, DATE '1970-01-01' + (g %% 12000)::int,"
    " 'PNS', 'III/a', '', '', g %% 4 = 0, '', '', true, '', '', now(), now(), o.id,"
    " o.region_id, NULL"
    " FROM generate_series(0::bigint, %(asn)s - 1) g"
    " JOIN bench_opd o ON o.idx = g * (SELECT count(*) FROM bench_opd) / %(asn)s",
    # Headcounts as refresh_headcounts leaves them (every ASN sits in a top-level OPD here).
    "INSERT INTO people_headcount (region_id, opd_id, active, frontline)"
    " SELECT a.region_id, a.org_unit_id, count(*), count(*) FILTER (WHERE a.is_frontline)"
    " FROM people_asn a JOIN bench_opd o ON o.id = a.org_unit_id WHERE a.is_active"
    " GROUP BY a.region_id, a.org_unit_id",
    # Quotas: every province and kabupaten/kota.
    "INSERT INTO training_quota (amount, created_at, updated_at, org_unit_id, parent_id,"
    " program_id, region_id)"
    " SELECT 26000, now(), now(), NULL, NULL, %(program)s, id FROM regions_region"
    " WHERE kind = 'provinsi' AND valid_until IS NULL",
    "INSERT INTO training_quota (amount, created_at, updated_at, org_unit_id, parent_id,"
    " program_id, region_id)"
    " SELECT 1900, now(), now(), NULL, q.id, %(program)s, r.id FROM regions_region r"
    " JOIN training_quota q ON q.region_id = r.parent_id AND q.program_id = %(program)s"
    " WHERE r.kind IN ('kabupaten', 'kota') AND r.valid_until IS NULL",
    # Events spread round-robin over the kabupaten/kota, two days each through 2025.
    "CREATE TEMP TABLE bench_region ON COMMIT DROP AS"
    " SELECT (row_number() OVER (ORDER BY id) - 1)::bigint AS idx, id FROM regions_region"
    " WHERE kind IN ('kabupaten', 'kota') AND valid_until IS NULL",
    "INSERT INTO training_event (title, venue, capacity, attendance_rule, attendance_min_days,"
    " post_test_rule, status, selection_rule, selection_seed, selected_at, invitations_sent_at,"
    " closed_at, created_at, updated_at, created_by_id, host_region_id, program_id)"
    " SELECT 'Kegiatan uji ' || e, 'Aula', %(seats)s, 'all_days', NULL, 'none', 'closed', '', e,"
    " now(), now(), now(), now(), now(), NULL, r.id, %(program)s"
    " FROM generate_series(0::bigint, %(events)s - 1) e"
    " JOIN bench_region r ON r.idx = e %% (SELECT count(*) FROM bench_region)",
    "CREATE TEMP TABLE bench_event ON COMMIT DROP AS"
    " SELECT id, host_region_id,"
    " row_number() OVER (PARTITION BY host_region_id ORDER BY id) - 1 AS k,"
    " row_number() OVER (ORDER BY id) - 1 AS rn"
    " FROM training_event WHERE program_id = %(program)s",
    "INSERT INTO training_eventday (date, starts_at, ends_at, event_id)"
    " SELECT DATE '2025-01-06' + (e.rn * 340 / %(events)s)::int + d, TIME '08:00',"
    " TIME '16:00', e.id FROM bench_event e CROSS JOIN generate_series(0, 1) d",
    # Each event seats `seats` ASN of its own region, spread over all its OPDs.
    "INSERT INTO training_enrollment (status, is_frontline, sex, days_attended, outcome,"
    " outcome_reason, invited_at, completed_at, created_at, updated_at, asn_id, opd_id,"
    " program_id, region_id, replaced_by_id, event_id)"
    " SELECT 'confirmed', a.is_frontline, a.sex,"
    " CASE WHEN (a.id / %(stride)s) %% 10 < 9 THEN 2 ELSE 0 END,"
    " CASE WHEN (a.id / %(stride)s) %% 10 < 8 THEN 'completed' ELSE 'not_completed' END,"
    " '', now(), now(), now(), now(), a.id, a.org_unit_id, %(program)s, a.region_id, NULL, e.id"
    " FROM bench_event e CROSS JOIN LATERAL ("
    "  SELECT id, org_unit_id, region_id, is_frontline, sex FROM people_asn"
    "  WHERE region_id = e.host_region_id AND is_active AND id %% %(stride)s = e.k"
    "  ORDER BY id LIMIT %(seats)s) a",
    # The counters the services keep: one row per event and OPD.
    "INSERT INTO training_coveragecounter (selected, attended, completed, opd_id, program_id,"
    " region_id, event_id)"
    " SELECT count(*) FILTER (WHERE status IN ('nominated', 'confirmed')),"
    " count(*) FILTER (WHERE days_attended > 0), count(*) FILTER (WHERE outcome = 'completed'),"
    " opd_id, program_id, region_id, event_id FROM training_enrollment"
    " WHERE program_id = %(program)s GROUP BY event_id, opd_id, region_id, program_id",
    "ANALYZE regions_orgunit",
    "ANALYZE people_headcount",
    "ANALYZE training_quota",
    "ANALYZE training_event",
    "ANALYZE training_eventday",
    "ANALYZE training_enrollment",
    "ANALYZE training_coveragecounter",
)
