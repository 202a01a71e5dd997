"""The import benchmark's helpers, on a tiny file (the real run is `make bench`)."""

import csv
from pathlib import Path

import pytest

from peduliham.people import bench
from peduliham.people.nip import parse_nip
from peduliham.people.synthetic import HEADERS


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_the_generated_file_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"

    assert bench.generate_csv(first, rows=50, seed=7) == 50
    bench.generate_csv(second, rows=50, seed=7)
    bench.generate_csv(other, rows=50, seed=8)

    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    rows = read_rows(first)
    assert tuple(rows[0]) == HEADERS
    assert len(rows) == 51
    assert all(parse_nip(row[0], row[6]).ok for row in rows[1:])
    assert len({row[0] for row in rows[1:]}) == 50


def test_the_dataset_is_generated_once_and_then_reused(tmp_path: Path) -> None:
    path = bench.dataset(20, folder=tmp_path)
    path.write_text("kept", encoding="utf-8")

    assert bench.dataset(20, folder=tmp_path) == path
    assert path.read_text(encoding="utf-8") == "kept"
    assert not list(tmp_path.glob("*.partial"))


def test_the_row_count_comes_from_the_environment_for_a_quick_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(bench.ROWS_ENV, raising=False)
    assert bench.bench_rows() == 1_000_000
    monkeypatch.setenv(bench.ROWS_ENV, "500")
    assert bench.bench_rows() == 500


def test_the_sqlite_benchmark_imports_then_finds_every_row_unchanged(tmp_path: Path) -> None:
    measurements = bench.sqlite_benchmark(500, folder=tmp_path)

    values = {measurement.label: measurement for measurement in measurements}
    assert values["rows"].value == 500
    assert values["SQLite import: throughput"].value > 0
    assert 0 < values["SQLite import: peak memory"].value < bench.MEMORY_TARGET_MB
    assert values["SQLite re-import (unchanged): wall time"].unit == "s"
    targets = [label for label in values if "target" in label]
    assert len(targets) == 2
    assert all(label.endswith(("[PASS]", "[MISS]")) for label in targets)
