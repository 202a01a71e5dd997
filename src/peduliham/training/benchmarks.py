"""The training benchmarks `peduliham bench` runs (their set-up lives beside them)."""

from django.db import connection

from peduliham.core.bench import Measurement, benchmark, measure_on_postgresql
from peduliham.training.bench_coverage import national_coverage_benchmark
from peduliham.training.bench_selection import selection_benchmark


@benchmark(
    "training.national_coverage_postgresql",
    "generate 5,600,000 ASN in 25,700 OPDs (50 per kabupaten/kota), their headcounts, 1,000 "
    "two-day events with 1,000,000 enrollments and the coverage counters the services keep, "
    "set-based in SQL inside a transaction that is rolled back; then time the national "
    "coverage dashboard (`coverage_for`, warm median) against a plain SELECT COUNT(*) over the "
    "enrollments in the same run (target under 100 ms; a run on SQLite measures it in a "
    "child process on a throwaway PostgreSQL database). "
    "PEDULIHAM_BENCH_COVERAGE_SCALE=0.1 runs a tenth of the size.",
)
def national_coverage_postgresql() -> list[Measurement]:
    if connection.vendor != "postgresql":
        return measure_on_postgresql("training.national_coverage_postgresql")
    return national_coverage_benchmark()


@benchmark(
    "training.select_participants",
    "bulk-insert 100,000 active ASN in 330 OPDs across the 11 kabupaten/kota of Jambi with OPD "
    "quotas adding up to 20,000, then time `select_participants` filling a province event of "
    "20,000 seats (eligibility query, proportional split, seeded draw, bulk insert, counters) "
    "inside a transaction that is rolled back (target under 2 s). "
    "PEDULIHAM_BENCH_SELECTION_SCALE=0.1 runs a tenth of the size.",
)
def select_participants_province() -> list[Measurement]:
    return selection_benchmark()


@benchmark(
    "training.select_participants_postgresql",
    "the same selection of 20,000 of 100,000 ASN on PostgreSQL (a throwaway database on "
    "PEDULIHAM_BENCH_POSTGRES when the run itself is on SQLite).",
)
def select_participants_province_postgresql() -> list[Measurement]:
    if connection.vendor != "postgresql":
        return measure_on_postgresql("training.select_participants")
    return selection_benchmark()
