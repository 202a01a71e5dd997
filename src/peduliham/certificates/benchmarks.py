"""The certificate benchmarks `peduliham bench` runs (set-up in bench_certificates.py)."""

from peduliham.certificates.bench_certificates import (
    per_core_measurements,
    province_measurements,
)
from peduliham.core.bench import Measurement, benchmark


@benchmark(
    "certificates.render_per_core",
    "issue 500 certificates to the completers of a closed event and render their PDFs "
    "(QR of the verification URL, Typst, storage, recorded in bulk) in one process, "
    "end to end (target at least 100 PDFs per second per core).",
)
def render_per_core() -> list[Measurement]:
    return per_core_measurements()


@benchmark(
    "certificates.province_20000",
    "issue and render the 20,000 certificates of a province-sized program with the "
    "render task's process pool of 2 workers (target under 3 minutes on 2 cores). "
    "PEDULIHAM_BENCH_CERT_COUNT=2000 runs a smaller count.",
)
def province_20000() -> list[Measurement]:
    return province_measurements(workers=2)
