"""The ASN import benchmark: what `make bench` measures (registered in `benchmarks.py`).

Every import runs as `peduliham import_asn --json` in a child process against a
database created for it, so the wall time and the peak memory (the child's
maximum resident set) are those a clerk's import would have. The baseline is
a raw PostgreSQL `COPY` of the same CSV into a bare table with no index,
measured in the same run.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import psycopg
from psycopg import sql

from peduliham.core.bench import Measurement, verdict
from peduliham.people.demo import kota_jambi_profiles
from peduliham.people.synthetic import GENERATOR_VERSION, HEADERS, generate_rows, write_csv

ROWS_ENV: Final = "PEDULIHAM_BENCH_ROWS"
DEFAULT_ROWS: Final = 1_000_000
DATA_DIR: Final = Path("bench-data")
SEED: Final = 2025
GNU_TIME: Final = "/usr/bin/time"
REGION_CODE: Final = "15.71"  # Kota Jambi, whose demo units the synthetic rows name

MEMORY_TARGET_MB: Final = 400.0
COPY_RATIO_TARGET: Final = 3.0
_LOAD_UNITS: Final = (
    "from peduliham.core.demo.kota_jambi import load_kota_jambi_units; load_kota_jambi_units()"
)


def bench_rows() -> int:
    """Rows to import: PEDULIHAM_BENCH_ROWS for a quick run, else a million."""
    value = os.environ.get(ROWS_ENV, "").strip()
    return int(value) if value else DEFAULT_ROWS


def generate_csv(path: Path, *, rows: int, seed: int = SEED) -> int:
    """Write `rows` synthetic Kota Jambi ASN to `path`; the same seed gives the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_csv(path, generate_rows(units=kota_jambi_profiles(), count=rows, seed=seed))


def dataset_name(rows: int, seed: int = SEED) -> str:
    return f"asn-{rows}-seed{seed}-v{GENERATOR_VERSION}.csv"


def dataset(rows: int, *, folder: Path = DATA_DIR, seed: int = SEED) -> Path:
    """The benchmark CSV of `rows` rows, generated once and kept under `folder`."""
    path = folder / dataset_name(rows, seed)
    if not path.exists():
        partial = path.with_suffix(".partial")
        generate_csv(partial, rows=rows, seed=seed)
        partial.replace(path)
    return path


@dataclass(frozen=True, slots=True)
class ImportRun:
    """One `import_asn` child process: its wall time, peak memory and JSON summary."""

    seconds: float
    peak_mb: float
    summary: Mapping[str, Any]

    @property
    def rows(self) -> int:
        return int(self.summary["rows"])

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "peduliham", *args]


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url}


def _check_call(database_url: str, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own command line, no shell
        _command(*args), env=_env(database_url), check=True, capture_output=True
    )


def prepare_database(database_url: str) -> None:
    """Migrate an empty database and give Kota Jambi its demo units."""
    _check_call(database_url, "migrate", "--no-input", "-v0")
    _check_call(database_url, "shell", "-c", _LOAD_UNITS)


def run_import(database_url: str, path: Path, *, region: str = REGION_CODE) -> ImportRun:
    """Run `peduliham import_asn PATH --json` in a child and measure it."""
    command = _command("import_asn", str(path), "--region", region, "--json")
    with tempfile.TemporaryDirectory(prefix="peduliham-bench-") as folder:
        memory = Path(folder) / "maxrss"
        # The child's own peak: a child forked straight from this process would inherit
        # this process's size as its starting maximum, so GNU time launches it.
        if Path(GNU_TIME).exists():
            command = [GNU_TIME, "-f", "%M", "-o", str(memory), *command]
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own command line, no shell
            command, env=_env(database_url), capture_output=True, check=False
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"import_asn failed ({done.returncode}): {done.stderr[-2000:]!r}")
        if memory.exists():
            peak_kib = int(memory.read_text().split()[-1])
        else:
            peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # an upper bound
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return ImportRun(seconds, peak_kib / 1024, summary)


@contextmanager
def sqlite_database() -> Iterator[str]:
    """A fresh migrated SQLite file with the Kota Jambi units, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="peduliham-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        prepare_database(url)
        yield url


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    """A fresh migrated PostgreSQL database with the Kota Jambi units, dropped afterwards."""
    name = f"peduliham_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = f"{server}/{name}"
        prepare_database(url)
        yield url
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def raw_copy_seconds(database_url: str, path: Path) -> float:
    """Time a plain COPY of the CSV into a new table of text columns with no index."""
    columns = sql.SQL(", ").join(
        sql.SQL("{} text").format(sql.Identifier(f"c{number}")) for number in range(len(HEADERS))
    )
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE TABLE bench_raw_copy ({})").format(columns))
        try:
            start = time.perf_counter()
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    "COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')"
                ) as copy,
                path.open("rb") as handle,
            ):
                while chunk := handle.read(1024 * 1024):
                    copy.write(chunk)
            return time.perf_counter() - start
        finally:
            connection.execute("DROP TABLE bench_raw_copy")


def _run_measurements(engine: str, first: ImportRun, again: ImportRun) -> list[Measurement]:
    return [
        Measurement(f"{engine} import: wall time", first.seconds, "s"),
        Measurement(f"{engine} import: throughput", first.rows_per_second, "rows/s"),
        Measurement(f"{engine} import: peak memory", first.peak_mb, "MB"),
        Measurement(f"{engine} re-import (unchanged): wall time", again.seconds, "s"),
        Measurement(f"{engine} re-import (unchanged): throughput", again.rows_per_second, "rows/s"),
        Measurement(f"{engine} re-import (unchanged): peak memory", again.peak_mb, "MB"),
    ]


def _check_counts(rows: int, first: ImportRun, again: ImportRun) -> None:
    """A benchmark of an import that lost rows would measure nothing: refuse it."""
    if (first.summary["created"], first.summary["rejected"]) != (rows, 0):
        raise RuntimeError(f"first import did not create every row: {dict(first.summary)}")
    if again.summary["unchanged"] != rows:
        raise RuntimeError(f"re-import did not find every row unchanged: {dict(again.summary)}")


def _targets(engine: str, first: ImportRun, again: ImportRun) -> list[Measurement]:
    peak = max(first.peak_mb, again.peak_mb)
    return [
        Measurement(
            f"{engine} target: peak memory < {MEMORY_TARGET_MB:.0f} MB "
            f"[{verdict(peak < MEMORY_TARGET_MB)}]",
            peak,
            "MB",
        ),
        Measurement(
            f"{engine} target: re-import at least as fast as import "
            f"[{verdict(again.seconds <= first.seconds)}]",
            again.seconds / first.seconds,
            "x import time",
        ),
    ]


def postgres_benchmark(rows: int, *, server: str, folder: Path = DATA_DIR) -> list[Measurement]:
    """Import `rows` synthetic rows into a fresh PostgreSQL database, then again; and
    COPY the same file raw, for the ratio."""
    path = dataset(rows, folder=folder)
    with postgres_database(server) as url:
        copy_seconds = raw_copy_seconds(url, path)
        first = run_import(url, path)
        again = run_import(url, path)
    _check_counts(rows, first, again)
    import_ratio = first.seconds / copy_seconds
    reimport_ratio = again.seconds / copy_seconds
    return [
        Measurement("rows", rows, "rows"),
        Measurement("PostgreSQL raw COPY of the CSV (bare table)", copy_seconds, "s"),
        *_run_measurements("PostgreSQL", first, again),
        Measurement("PostgreSQL import / raw COPY", import_ratio, "x"),
        Measurement("PostgreSQL re-import / raw COPY", reimport_ratio, "x"),
        *_targets("PostgreSQL", first, again),
        Measurement(
            f"PostgreSQL target: import within {COPY_RATIO_TARGET:.0f}x raw COPY "
            f"[{verdict(import_ratio <= COPY_RATIO_TARGET)}]",
            import_ratio,
            "x",
        ),
        Measurement(
            f"PostgreSQL target: re-import within {COPY_RATIO_TARGET:.0f}x raw COPY "
            f"[{verdict(reimport_ratio <= COPY_RATIO_TARGET)}]",
            reimport_ratio,
            "x",
        ),
    ]


def sqlite_benchmark(rows: int, *, folder: Path = DATA_DIR) -> list[Measurement]:
    """Import `rows` synthetic rows into a fresh SQLite file, then again."""
    path = dataset(rows, folder=folder)
    with sqlite_database() as url:
        first = run_import(url, path)
        again = run_import(url, path)
    _check_counts(rows, first, again)
    return [
        Measurement("rows", rows, "rows"),
        *_run_measurements("SQLite", first, again),
        *_targets("SQLite", first, again),
    ]
