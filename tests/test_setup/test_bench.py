"""`peduliham bench`: a registry of benchmarks and the report it writes."""

import json
import subprocess
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from peduliham.core import bench
from peduliham.core.bench import Machine, Measurement, stopwatch, this_machine
from peduliham.regions.models import Region


@pytest.fixture
def no_benchmarks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bench.Benchmark]]:
    """An empty registry that the apps' real (slow) benchmarks cannot join."""
    monkeypatch.setattr(bench, "autodiscover_modules", lambda *names: None)
    saved = dict(bench._benchmarks)
    bench._benchmarks.clear()
    yield bench._benchmarks
    bench._benchmarks.clear()
    bench._benchmarks.update(saved)


def test_with_no_benchmarks_it_says_so_and_writes_the_machine_to_the_report(
    no_benchmarks: dict[str, bench.Benchmark], tmp_path: Path
) -> None:
    out = StringIO()
    report = tmp_path / "docs" / "benchmarks.md"

    call_command("bench", "--output", str(report), stdout=out)

    assert "no benchmarks yet" in out.getvalue()
    text = report.read_text(encoding="utf-8")
    assert "no benchmarks yet" in text
    assert f"{this_machine().cores} cores" in text
    assert f"- Date: {timezone.localdate():%Y-%m-%d}" in text


@pytest.mark.django_db
def test_it_runs_a_registered_benchmark_and_reports_its_measurements(
    no_benchmarks: dict[str, bench.Benchmark], tmp_path: Path
) -> None:
    @bench.benchmark("regions.count", "Menghitung wilayah")
    def count_regions() -> list[Measurement]:
        with stopwatch() as timer:
            count = Region.objects.count()
        return [Measurement("regions", count, "rows"), Measurement("time", timer.seconds, "s")]

    report = tmp_path / "benchmarks.md"
    call_command("bench", "--in-place", "--output", str(report), stdout=StringIO())

    text = report.read_text(encoding="utf-8")
    assert f"| regions.count | regions | {Region.objects.count():,.2f} | rows |" in text
    assert "- `regions.count`: Menghitung wilayah" in text


def test_a_failing_benchmark_is_reported_and_fails_the_command(
    no_benchmarks: dict[str, bench.Benchmark], tmp_path: Path
) -> None:
    @bench.benchmark("broken", "Selalu gagal")
    def broken() -> list[Measurement]:
        raise RuntimeError("boom")

    report = tmp_path / "benchmarks.md"
    with pytest.raises(CommandError, match="broken"):
        call_command("bench", "--in-place", "--output", str(report), stdout=StringIO())

    assert "| broken | FAILED: RuntimeError: boom | | |" in report.read_text(encoding="utf-8")


def test_asking_for_an_unknown_benchmark_is_an_error(
    no_benchmarks: dict[str, bench.Benchmark], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="nope"):
        call_command("bench", "--only", "nope", "--output", str(tmp_path / "b.md"))


def test_it_reads_the_machine_from_proc(tmp_path: Path) -> None:
    (tmp_path / "cpuinfo").write_text(
        "processor\t: 0\nmodel name\t: Contoh CPU 3000\n\nprocessor\t: 1\n"
        "model name\t: Contoh CPU 3000\n",
        encoding="utf-8",
    )
    (tmp_path / "meminfo").write_text(
        "MemTotal:       8388608 kB\nMemFree: 1 kB\n", encoding="utf-8"
    )

    machine = this_machine(tmp_path)

    assert machine.cpu_model == "Contoh CPU 3000"
    assert machine.memory_gib == 8.0
    assert machine.cores >= 1
    assert isinstance(machine, Machine)


@pytest.mark.django_db
def test_it_writes_the_results_as_json_for_a_parent_run(
    no_benchmarks: dict[str, bench.Benchmark], tmp_path: Path
) -> None:
    @bench.benchmark("regions.count", "Menghitung wilayah")
    def count_regions() -> list[Measurement]:
        return [Measurement("regions", Region.objects.count(), "rows")]

    results = tmp_path / "results.json"
    call_command("bench", "--in-place", "--json", str(results), stdout=StringIO())

    [result] = json.loads(results.read_text(encoding="utf-8"))
    assert result["name"] == "regions.count"
    assert result["error"] == ""
    assert result["measurements"] == [
        {"label": "regions", "value": Region.objects.count(), "unit": "rows"}
    ]


def test_a_child_run_on_postgresql_hands_back_its_measurements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def child(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        output = Path(command[command.index("--json") + 1])
        assert kwargs["env"]["DATABASE_URL"].startswith("postgres://")  # type: ignore[index]
        payload = [
            {
                "name": "x",
                "seconds": 1.0,
                "error": "",
                "measurements": [{"label": "time", "value": 2.5, "unit": "s"}],
            }
        ]
        output.write_text(json.dumps(payload), encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(subprocess, "run", child)

    assert bench.measure_on_postgresql("x") == [Measurement("time", 2.5, "s")]


def test_a_failed_child_run_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        subprocess,
        "run",
        lambda command, **kwargs: subprocess.CompletedProcess(command, 1, b"", b"no server"),
    )

    with pytest.raises(RuntimeError, match="no server"):
        bench.measure_on_postgresql("x")
