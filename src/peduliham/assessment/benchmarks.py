"""The assessment benchmarks `peduliham bench` runs (their set-up lives beside them)."""

from django.db import connection

from peduliham.assessment.bench_hall import hall_benchmark
from peduliham.core.bench import Measurement, benchmark, measure_on_postgresql


@benchmark(
    "assessment.hall_postgresql",
    "the hall on exam day on PostgreSQL with the production server (gunicorn, DEBUG off, "
    "127.0.0.1) and locust: 1,000 participants seated in a running Kota Jambi event with "
    "sessions made directly (log-in is not measured); desks post 1,000 ticket check-ins; "
    "then all 1,000 start the 25-question post-test (20 a second), save each answer through "
    "the fetch endpoint 10-20 s apart (the hall compressed four- to sevenfold) and submit once. "
    "The server runs as docs/operations.md says production does: CONN_MAX_AGE=60 and sessions "
    "cached in the Redis on 127.0.0.1:6379 (CACHE_URL; without a Redis, in the database). Targets: "
    "no failed request, p99 under 300 ms, and the answer endpoint at saturation serving at "
    "least 40% of the requests per second of a bare view (/healthz/live) with the same locust "
    "settings in the same run. Afterwards the database must hold exactly 1,000 submissions, "
    "25,000 answers and 1,000 attendances (a run on SQLite measures it in a child process on "
    "a throwaway PostgreSQL database). PEDULIHAM_BENCH_HALL_SCALE=0.1 runs a tenth.",
)
def hall_postgresql() -> list[Measurement]:
    if connection.vendor != "postgresql":
        return measure_on_postgresql("assessment.hall_postgresql")
    return hall_benchmark()
