"""The national coverage benchmark: skipped on SQLite, runs and cleans up on PostgreSQL."""

import pytest
from django.db import connection

from peduliham.people.models import ASN
from peduliham.training.bench_coverage import SCALE_ENV, national_coverage_benchmark, sizes
from peduliham.training.models import Enrollment


def test_the_scale_setting_shrinks_the_data_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SCALE_ENV, "0.1")
    size = sizes()
    assert (size.asn, size.events, size.enrollments) == (560_000, 1_000, 100_000)


@pytest.mark.django_db
def test_on_sqlite_the_generator_itself_refuses() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite case")
    [measurement] = national_coverage_benchmark()
    assert measurement.label.startswith("skipped")


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_it_measures_a_tiny_national_data_set_and_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("generates with PostgreSQL SQL")
    monkeypatch.setenv(SCALE_ENV, "0.002")
    measurements = {m.label: m.value for m in national_coverage_benchmark()}
    assert measurements["queries per national page"] == 4
    assert measurements["coverage_for / COUNT(*)"] > 0
    assert not ASN.objects.exists()
    assert not Enrollment.objects.exists()
