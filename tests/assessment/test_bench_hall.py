"""The hall benchmark's pure helpers: reading locust's stats and marking the targets.

Locust itself never runs here (it is a child process of `peduliham bench`).
"""

import json
from pathlib import Path
from typing import Any

import pytest

from peduliham.assessment import bench_hall
from peduliham.assessment.bench_hall import AGGREGATED, parse_stats_json
from peduliham.core.bench import verdict


def entry(
    name: str, times: dict[int, int], *, failures: int = 0, span: float = 10.0
) -> dict[str, Any]:
    return {
        "name": name,
        "method": "POST",
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "start_time": 1_000.0,
        "last_request_timestamp": 1_000.0 + span,
        "response_times": {str(ms): n for ms, n in times.items()},
    }


def test_each_request_name_gets_its_count_failures_and_percentiles() -> None:
    text = json.dumps([entry("answer (fetch)", {10: 98, 200: 1, 400: 1}, failures=1)])

    stats = parse_stats_json(text)["answer (fetch)"]

    assert (stats.requests, stats.failures) == (100, 1)
    assert (stats.p50, stats.p95, stats.p99) == (10.0, 10.0, 400.0)
    assert stats.per_second == pytest.approx(10.0)


def test_the_aggregate_merges_every_name_over_the_whole_span() -> None:
    text = json.dumps(
        [entry("start page", {300: 10}, span=5.0), entry("answer (fetch)", {20: 90}, failures=2)]
    )

    total = parse_stats_json(text)[AGGREGATED]

    assert (total.requests, total.failures) == (100, 2)
    assert (total.p50, total.p99) == (20.0, 300.0)
    assert total.per_second == pytest.approx(10.0)


def test_a_run_without_requests_has_no_aggregate() -> None:
    assert parse_stats_json("[]") == {}


def test_verdict_marks_a_target_met_or_missed() -> None:
    assert (verdict(True), verdict(False)) == ("PASS", "MISS")


def test_the_answer_pace_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bench_hall.PACE_ENV, "0.5,1.5")
    assert bench_hall._answer_pace() == (0.5, 1.5)
    monkeypatch.delenv(bench_hall.PACE_ENV)
    assert bench_hall._answer_pace() == bench_hall.ANSWER_PACE


def test_the_locustfile_ships_beside_the_benchmark() -> None:
    source = Path(bench_hall.LOCUSTFILE).read_text(encoding="utf-8")
    for user_class in ("BareView", "Desk", "Participant", "Rehearsal"):
        assert f"class {user_class}(" in source


def test_the_server_gets_the_cache_production_would_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_URL", "redis://cache.example:6379/2")
    assert bench_hall.cache_url() == "redis://cache.example:6379/2"
    monkeypatch.delenv("CACHE_URL")
    monkeypatch.setenv(bench_hall.CACHE_ENV, "")
    assert bench_hall.cache_url() == ""  # explicitly without: sessions in the database
    monkeypatch.delenv(bench_hall.CACHE_ENV)
    monkeypatch.setattr(bench_hall, "_redis_answers", lambda: True)
    assert bench_hall.cache_url() == bench_hall.DEFAULT_CACHE_URL
    monkeypatch.setattr(bench_hall, "_redis_answers", lambda: False)
    assert bench_hall.cache_url() == ""


@pytest.mark.django_db
def test_a_run_where_nobody_started_the_test_misses_the_start_target() -> None:
    hall = bench_hall.set_up_hall(2)

    checks = {row.label.split(" (")[0]: row for row in bench_hall._checks(hall)}

    start = next(row for label, row in checks.items() if label.startswith("post-test: first"))
    assert "of 0 starts" in start.label
    assert start.label.endswith("[MISS]")
