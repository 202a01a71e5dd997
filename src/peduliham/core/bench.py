"""Benchmarks: a registry that apps fill, and the report `peduliham bench` writes.

An app adds a benchmark by defining a `benchmarks` module (for example
`peduliham/people/benchmarks.py`) with functions decorated by `benchmark`.
Each function does its own set-up, times the part that matters with
`stopwatch` and returns its measurements. The runner gives the benchmarks a
throwaway database (like the test runner does) unless told to use the
configured one.
"""

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.module_loading import autodiscover_modules

NO_BENCHMARKS = "no benchmarks yet"
#: The PostgreSQL server benchmarks that need one create their throwaway databases on.
POSTGRES_ENV = "PEDULIHAM_BENCH_POSTGRES"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"


@dataclass(frozen=True, slots=True)
class Measurement:
    label: str
    value: float
    unit: str


type BenchmarkFunction = Callable[[], list[Measurement]]


@dataclass(frozen=True, slots=True)
class Benchmark:
    name: str
    description: str
    run: BenchmarkFunction


@dataclass(frozen=True, slots=True)
class BenchmarkResult:
    benchmark: Benchmark
    measurements: list[Measurement]
    seconds: float
    error: str = ""


@dataclass(frozen=True, slots=True)
class Machine:
    cpu_model: str
    cores: int
    memory_gib: float
    python: str = field(default_factory=platform.python_version)


_benchmarks: dict[str, Benchmark] = {}


def benchmark(name: str, description: str) -> Callable[[BenchmarkFunction], BenchmarkFunction]:
    """Register a benchmark under a unique dotted name such as 'people.import_csv'."""

    def register(function: BenchmarkFunction) -> BenchmarkFunction:
        _benchmarks[name] = Benchmark(name=name, description=description, run=function)
        return function

    return register


def registered_benchmarks() -> list[Benchmark]:
    """Every benchmark of every installed app, by name."""
    autodiscover_modules("benchmarks")
    return sorted(_benchmarks.values(), key=lambda bench: bench.name)


class Stopwatch:
    seconds: float = 0.0


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    """Time the block: `with stopwatch() as timer: ...; timer.seconds`."""
    timer = Stopwatch()
    start = time.perf_counter()
    try:
        yield timer
    finally:
        timer.seconds = time.perf_counter() - start


def verdict(ok: bool) -> str:
    """The mark a measurement's label carries for its target: PASS or MISS."""
    return "PASS" if ok else "MISS"


def run_benchmark(bench: Benchmark) -> BenchmarkResult:
    """Run one benchmark; an exception becomes a failed result instead of stopping the run."""
    start = time.perf_counter()
    try:
        measurements = bench.run()
    except Exception as error:
        return BenchmarkResult(
            bench, [], time.perf_counter() - start, f"{type(error).__name__}: {error}"
        )
    return BenchmarkResult(bench, measurements, time.perf_counter() - start)


def _proc_fields(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return fields
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields.setdefault(key.strip(), value.strip())
    return fields


def this_machine(proc: Path = Path("/proc")) -> Machine:
    """CPU model, core count and memory, read from /proc where it exists."""
    cpu = _proc_fields(proc / "cpuinfo")
    memory_kib = _proc_fields(proc / "meminfo").get("MemTotal", "0 kB").split()[0]
    return Machine(
        cpu_model=cpu.get("model name") or platform.processor() or platform.machine(),
        cores=os.cpu_count() or 1,
        memory_gib=round(int(memory_kib) / 1024 / 1024, 1),
    )


def render_report(
    *,
    machine: Machine,
    when: datetime.datetime,
    database: str,
    results: list[BenchmarkResult],
) -> str:
    """The Markdown of docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`peduliham bench`); do not edit by hand.",
        "",
        f"- Date: {when:%Y-%m-%d %H:%M %Z}",
        f"- Machine: {machine.cpu_model}, {machine.cores} cores, {machine.memory_gib} GiB memory",
        f"- Python {machine.python}, database: {database}",
        "",
    ]
    if not results:
        lines += [f"There are {NO_BENCHMARKS}: no app has registered one.", ""]
        return "\n".join(lines)
    lines += ["| benchmark | measurement | value | unit |", "| --- | --- | ---: | --- |"]
    for result in results:
        name = result.benchmark.name
        if result.error:
            lines.append(f"| {name} | FAILED: {result.error} | | |")
        for measurement in result.measurements:
            lines.append(
                f"| {name} | {measurement.label} | {measurement.value:,.2f} | {measurement.unit} |"
            )
    lines += ["", "## What each benchmark does", ""]
    lines += [f"- `{r.benchmark.name}`: {r.benchmark.description}" for r in results]
    lines.append("")
    return "\n".join(lines)


def results_as_json(results: list[BenchmarkResult]) -> str:
    """The results in the form `measure_on_postgresql` reads back from a child run."""
    return json.dumps(
        [
            {
                "name": result.benchmark.name,
                "seconds": result.seconds,
                "error": result.error,
                "measurements": [
                    {"label": m.label, "value": m.value, "unit": m.unit}
                    for m in result.measurements
                ],
            }
            for result in results
        ]
    )


def measure_on_postgresql(name: str) -> list[Measurement]:
    """Run benchmark `name` in a child `peduliham bench` on a throwaway PostgreSQL database.

    For benchmarks whose target is a PostgreSQL figure while `make bench` runs
    on the default SQLite: the child creates and drops its own test database
    on the server named by PEDULIHAM_BENCH_POSTGRES.
    """
    server = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES
    env = {**os.environ, "DATABASE_URL": f"{server}/peduliham_bench"}
    with tempfile.TemporaryDirectory(prefix="peduliham-bench-") as folder:
        output = Path(folder) / "results.json"
        command = [
            sys.executable,
            "-m",
            "peduliham",
            "bench",
            "--only",
            name,
            "--json",
            str(output),
        ]
        done = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
        if not output.exists():
            raise RuntimeError(f"{name} on PostgreSQL failed: {done.stderr[-2000:]!r}")
        (result,) = json.loads(output.read_text(encoding="utf-8"))
    if result["error"]:
        raise RuntimeError(f"{name} on PostgreSQL failed: {result['error']}")
    return [Measurement(**measurement) for measurement in result["measurements"]]
