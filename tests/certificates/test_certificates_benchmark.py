"""The certificate benchmarks run end to end at a tiny size and leave nothing behind."""

import pytest

from peduliham.certificates.bench_certificates import (
    COUNT_ENV,
    per_core_measurements,
    province_measurements,
)
from peduliham.certificates.models import Certificate, NumberSequence
from peduliham.people.models import ASN

pytestmark = pytest.mark.django_db


def test_both_benchmarks_measure_and_roll_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COUNT_ENV, "6")

    single = per_core_measurements()
    pool = province_measurements(workers=2)

    assert single[0].label == "issue + render 6 certificates, one process"
    assert pool[0].label == "issue + render 6 certificates, 2 worker processes"
    assert all(m.value > 0 for m in [*single, *pool])
    assert not Certificate.objects.exists()
    assert not NumberSequence.objects.exists()
    assert not ASN.objects.exists()
