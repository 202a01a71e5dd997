"""Demo data: about 10,000 synthetic ASN for Kota Jambi, loaded through the importer.

The rows come from `synthetic.generate_rows`, are written to a CSV shaped like
a BKPSDM export and go through `import_asn`, the same path a clerk's file
takes. Teachers fill the schools under Dinas Pendidikan, health workers the
puskesmas and the RSUD, office staff the dinas and badan, and the kecamatan
have their own staff.
"""

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from peduliham.core.demo.kota_jambi import KOTA_JAMBI_CODE, UnitSpec, kota_jambi_units
from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.people.importing import import_asn
from peduliham.people.models import ASN
from peduliham.people.synthetic import UnitProfile, Workforce, generate_rows, write_csv
from peduliham.regions.models import Region, ServiceKind

DEMO_ASN_COUNT: Final = 10_000
DEMO_SEED: Final = 1571

# Relative head counts: a state primary school has about 25 ASN, a puskesmas 40.
_SERVICE_WEIGHTS: Final = {
    ServiceKind.PUSKESMAS: (Workforce.HEALTH, 40.0),
    ServiceKind.HOSPITAL: (Workforce.HOSPITAL, 650.0),
    ServiceKind.KECAMATAN: (Workforce.KECAMATAN, 30.0),
}
_SCHOOL_WEIGHTS: Final = {"SD": 25.0, "SMP": 45.0}
_OFFICE_WEIGHT: Final = 45.0
_SECTION_WEIGHT: Final = 12.0
_SERVICE_OFFICE_WEIGHT: Final = 15.0
_HEALTH_OPD_WEIGHT: Final = 90.0
_EDUCATION_OPD_WEIGHT: Final = 110.0


def _profile(spec: UnitSpec, parent: UnitSpec | None) -> UnitProfile:
    if spec.service_kind == ServiceKind.SCHOOL:
        weight = _SCHOOL_WEIGHTS["SMP" if spec.name.startswith("SMP") else "SD"]
        return UnitProfile(spec.name, Workforce.SCHOOL, weight)
    if spec.service_kind in _SERVICE_WEIGHTS:
        workforce, weight = _SERVICE_WEIGHTS[ServiceKind(spec.service_kind)]
        return UnitProfile(spec.name, workforce, weight)
    if parent is not None and parent.name == "Dinas Kesehatan":
        return UnitProfile(spec.name, Workforce.HEALTH, _SERVICE_OFFICE_WEIGHT)
    if spec.name == "Dinas Kesehatan":
        return UnitProfile(spec.name, Workforce.OFFICE, _HEALTH_OPD_WEIGHT)
    if spec.name == "Dinas Pendidikan":
        return UnitProfile(spec.name, Workforce.OFFICE, _EDUCATION_OPD_WEIGHT)
    if spec.name.startswith("Bagian "):
        return UnitProfile(spec.name, Workforce.OFFICE, _SECTION_WEIGHT)
    if parent is not None:
        return UnitProfile(spec.name, Workforce.OFFICE, _SERVICE_OFFICE_WEIGHT)
    return UnitProfile(spec.name, Workforce.OFFICE, _OFFICE_WEIGHT)


def _walk(specs: Iterable[UnitSpec], parent: UnitSpec | None = None) -> Iterator[UnitProfile]:
    for spec in specs:
        yield _profile(spec, parent)
        yield from _walk(spec.children, spec)


def kota_jambi_profiles() -> list[UnitProfile]:
    """Every demo unit of Kota Jambi with the staff it mostly employs and its relative size."""
    return list(_walk(kota_jambi_units()))


@demo_step("people.kota_jambi_asn", order=300)
def load_kota_jambi_asn() -> StepReport:
    """About 10,000 synthetic ASN for Kota Jambi, imported like a BKPSDM export."""
    region = Region.objects.current().get(code=KOTA_JAMBI_CODE)
    if ASN.objects.filter(region=region).exists():
        return StepReport(created=0, notes=["ASN Kota Jambi sudah ada"])
    with tempfile.TemporaryDirectory(prefix="peduliham-demo-") as folder:
        path = Path(folder) / "asn-kota-jambi.csv"
        rows = generate_rows(units=kota_jambi_profiles(), count=DEMO_ASN_COUNT, seed=DEMO_SEED)
        write_csv(path, rows)
        summary = import_asn(None, path=path, region=region)
    notes = [
        f"ASN Kota Jambi: {summary.created} baru, {summary.updated} diperbarui, "
        f"{summary.unchanged} tidak berubah, {summary.rejected} ditolak"
    ]
    return StepReport(created=summary.created, notes=notes)
