"""`peduliham bench`: run the registered benchmarks and write docs/benchmarks.md."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import setup_databases, teardown_databases
from django.utils import timezone

from peduliham.core.bench import (
    NO_BENCHMARKS,
    Benchmark,
    BenchmarkResult,
    registered_benchmarks,
    render_report,
    results_as_json,
    run_benchmark,
    this_machine,
)

DEFAULT_OUTPUT = Path("docs/benchmarks.md")


@contextmanager
def throwaway_database(verbosity: int) -> Iterator[None]:
    """A freshly migrated database for the run, dropped afterwards (as the test runner does)."""
    if connection.vendor == "sqlite":
        # Measure a file on disk, as deployments use, not SQLite's in-memory test default.
        connection.settings_dict["TEST"]["NAME"] = str(settings.VAR_DIR / "bench.sqlite3")
    old_config = setup_databases(verbosity=verbosity, interactive=False, keepdb=False)
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=verbosity)


class Command(BaseCommand):
    help = "Run the registered benchmarks and write the report (docs/benchmarks.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="NAME",
            help="Run only this benchmark (repeatable).",
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_only", help="List the benchmarks and exit."
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=DEFAULT_OUTPUT,
            help=f"Where to write the report (default {DEFAULT_OUTPUT}).",
        )
        parser.add_argument(
            "--json",
            type=Path,
            default=None,
            metavar="PATH",
            help="Write the results as JSON to PATH instead of the report.",
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="Use the configured database instead of a throwaway one.",
        )

    def handle(
        self,
        *args: Any,
        only: list[str],
        list_only: bool,
        output: Path,
        in_place: bool,
        verbosity: int,
        json: Path | None = None,
        **options: Any,
    ) -> None:
        benchmarks = self.select(registered_benchmarks(), only)
        if list_only:
            for bench in benchmarks:
                self.stdout.write(f"{bench.name}: {bench.description}")
            return
        if not benchmarks:
            self.stdout.write(NO_BENCHMARKS)
            results: list[BenchmarkResult] = []
        elif in_place:
            results = self.run_all(benchmarks)
        else:
            with throwaway_database(verbosity):
                results = self.run_all(benchmarks)
        if json is not None:
            Path(json).write_text(results_as_json(results), encoding="utf-8")
            return
        report = render_report(
            machine=this_machine(),
            when=timezone.localtime(),
            database=connection.vendor,
            results=results,
        )
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
        self.stdout.write(f"Report written to {output}")
        failed = [result.benchmark.name for result in results if result.error]
        if failed:
            raise CommandError(f"Benchmarks failed: {', '.join(failed)}")

    def select(self, benchmarks: list[Benchmark], only: list[str]) -> list[Benchmark]:
        if not only:
            return benchmarks
        known = {bench.name for bench in benchmarks}
        unknown = sorted(set(only) - known)
        if unknown:
            raise CommandError(f"Unknown benchmarks: {', '.join(unknown)}")
        return [bench for bench in benchmarks if bench.name in only]

    def run_all(self, benchmarks: list[Benchmark]) -> list[BenchmarkResult]:
        results = []
        for bench in benchmarks:
            self.stdout.write(f"{bench.name} …", ending="")
            self.stdout.flush()
            result = run_benchmark(bench)
            status = f"FAILED ({result.error})" if result.error else f"{result.seconds:.1f} s"
            self.stdout.write(f" {status}")
            for measurement in result.measurements:
                self.stdout.write(
                    f"    {measurement.label}: {measurement.value:,.2f} {measurement.unit}"
                )
            results.append(result)
        return results
