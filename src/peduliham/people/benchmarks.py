"""The ASN import benchmarks `peduliham bench` runs (helpers in `people/bench.py`).

PEDULIHAM_BENCH_ROWS sets the row count for a quick run (default 1,000,000);
PEDULIHAM_BENCH_POSTGRES the PostgreSQL server the benchmark creates its
database on (default postgres://postgres@127.0.0.1:5432).
"""

import os

from peduliham.core.bench import DEFAULT_POSTGRES, POSTGRES_ENV, Measurement, benchmark
from peduliham.people.bench import bench_rows, postgres_benchmark, sqlite_benchmark


@benchmark(
    "people.import_asn_postgresql",
    "import N synthetic SIASN rows (scripts/generate_asn.py, cached in bench-data/) with "
    "`peduliham import_asn --json` into a fresh PostgreSQL database, then re-import the "
    "unchanged file; wall time, rows/s and the child's peak memory, against a raw COPY of "
    "the same CSV into a bare table measured in the same run.",
)
def import_asn_postgresql() -> list[Measurement]:
    server = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES
    return postgres_benchmark(bench_rows(), server=server)


@benchmark(
    "people.import_asn_sqlite",
    "the same import and re-import into a fresh SQLite file.",
)
def import_asn_sqlite() -> list[Measurement]:
    return sqlite_benchmark(bench_rows())
