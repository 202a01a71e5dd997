"""Kota Jambi's perangkat daerah and their service units.

Names follow the standard nomenclature of a city government (see
docs/demo.md). Every unit is created through `create_org_unit`, so each one
has its audit entry; units that already exist are left alone. (The Kanwil of
every province comes from the regions migrations, not from the demo.)
"""

from collections.abc import Iterable
from dataclasses import dataclass

from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.regions.models import OrgUnit, Region, ServiceKind, UnitKind
from peduliham.regions.services import create_org_unit

KOTA_JAMBI_CODE = "15.71"

KECAMATAN = (
    "Alam Barajo",
    "Danau Sipin",
    "Danau Teluk",
    "Jambi Selatan",
    "Jambi Timur",
    "Jelutung",
    "Kota Baru",
    "Paal Merah",
    "Pasar Jambi",
    "Pelayangan",
    "Telanaipura",
)

PUSKESMAS = (
    "Simpang Kawat",
    "Putri Ayu",
    "Olak Kemang",
    "Talang Banjar",
    "Paal X",
    "Kenali Besar",
    "Pakuan Baru",
    "Tahtul Yaman",
    "Rawasari",
    "Koni",
    "Aur Duri",
    "Paal V",
    "Kebun Kopi",
    "Tanjung Pinang",
    "Payo Selincah",
    "Simpang IV Sipin",
    "Talang Bakung",
    "Paal Merah I",
    "Paal Merah II",
    "Kenali Asam Atas",
    "Pasir Putih",
)

#: How many state primary and junior secondary schools the demo creates.
SD_NEGERI_COUNT = 60
SMP_NEGERI_COUNT = 25


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """One unit to create, with the units under it."""

    name: str
    short_name: str = ""
    kind: UnitKind = UnitKind.OPD
    service_kind: ServiceKind = ServiceKind.NONE
    public_facing: bool = False
    children: tuple["UnitSpec", ...] = ()


def opd(
    name: str,
    short_name: str = "",
    *children: UnitSpec,
    service_kind: ServiceKind = ServiceKind.NONE,
    public_facing: bool = False,
) -> UnitSpec:
    return UnitSpec(
        name=name,
        short_name=short_name,
        service_kind=service_kind,
        public_facing=public_facing,
        children=children,
    )


def service_unit(name: str, service_kind: ServiceKind, short_name: str = "") -> UnitSpec:
    """A public-facing UPT/UPTD: a puskesmas, a school, a service office."""
    return UnitSpec(
        name=name,
        short_name=short_name,
        kind=UnitKind.SERVICE_UNIT,
        service_kind=service_kind,
        public_facing=True,
    )


def bagian(name: str) -> UnitSpec:
    """A section inside the regional secretariat (an internal part of an OPD)."""
    return UnitSpec(name=f"Bagian {name}")


def kota_jambi_units() -> tuple[UnitSpec, ...]:
    """The organisation of the Pemerintah Kota Jambi used by the demo."""
    schools = tuple(
        service_unit(f"SD Negeri {n}/IV Kota Jambi", ServiceKind.SCHOOL, f"SDN {n}/IV")
        for n in range(1, SD_NEGERI_COUNT + 1)
    ) + tuple(
        service_unit(f"SMP Negeri {n} Kota Jambi", ServiceKind.SCHOOL, f"SMPN {n}")
        for n in range(1, SMP_NEGERI_COUNT + 1)
    )
    puskesmas = tuple(
        service_unit(f"Puskesmas {name}", ServiceKind.PUSKESMAS) for name in PUSKESMAS
    )
    kecamatan = tuple(
        opd(
            f"Kecamatan {name}",
            f"Kec. {name}",
            service_kind=ServiceKind.KECAMATAN,
            public_facing=True,
        )
        for name in KECAMATAN
    )
    return (
        opd(
            "Sekretariat Daerah",
            "Setda",
            bagian("Hukum"),
            bagian("Organisasi"),
            bagian("Tata Pemerintahan"),
            bagian("Kesejahteraan Rakyat"),
            bagian("Perekonomian dan Sumber Daya Alam"),
            bagian("Administrasi Pembangunan"),
            bagian("Pengadaan Barang dan Jasa"),
            bagian("Umum"),
            bagian("Protokol dan Komunikasi Pimpinan"),
        ),
        opd("Sekretariat DPRD", "Setwan"),
        opd("Inspektorat", "Inspektorat"),
        opd("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        opd("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
        opd("Badan Pengelolaan Keuangan dan Pendapatan Daerah", "BPKPD"),
        opd("Badan Penanggulangan Bencana Daerah", "BPBD"),
        opd("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
        opd("Dinas Pendidikan", "Disdik", *schools),
        opd(
            "Dinas Kesehatan",
            "Dinkes",
            *puskesmas,
            service_unit("UPTD Laboratorium Kesehatan Daerah", ServiceKind.OTHER, "Labkesda"),
        ),
        opd(
            "Rumah Sakit Umum Daerah H. Abdul Manap",
            "RSUD H. Abdul Manap",
            service_kind=ServiceKind.HOSPITAL,
            public_facing=True,
        ),
        opd(
            "Dinas Sosial",
            "Dinsos",
            service_unit("UPTD Rumah Singgah", ServiceKind.SERVICE_OFFICE),
        ),
        opd(
            "Dinas Kependudukan dan Pencatatan Sipil",
            "Disdukcapil",
            service_unit(
                "Layanan Dukcapil Mal Pelayanan Publik Kota Jambi",
                ServiceKind.SERVICE_OFFICE,
                "Dukcapil MPP",
            ),
            public_facing=True,
        ),
        opd(
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
            "DP3A",
            service_unit(
                "UPTD Perlindungan Perempuan dan Anak", ServiceKind.SERVICE_OFFICE, "UPTD PPA"
            ),
        ),
        opd("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
        opd("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
        opd("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
        opd("Dinas Perhubungan", "Dishub"),
        opd("Dinas Lingkungan Hidup", "DLH"),
        opd("Satuan Polisi Pamong Praja", "Satpol PP"),
        opd("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar"),
        opd(
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "DPMPTSP",
            service_unit("Mal Pelayanan Publik Kota Jambi", ServiceKind.SERVICE_OFFICE, "MPP"),
            public_facing=True,
        ),
        opd("Dinas Komunikasi dan Informatika", "Diskominfo"),
        opd("Dinas Tenaga Kerja", "Disnaker"),
        opd("Dinas Koperasi dan Usaha Mikro, Kecil dan Menengah", "Diskop UKM"),
        opd("Dinas Perindustrian dan Perdagangan", "Disperindag"),
        opd("Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
        opd("Dinas Pemuda dan Olahraga", "Dispora"),
        opd("Dinas Ketahanan Pangan dan Pertanian", "DKPP"),
        opd("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
        *kecamatan,
    )


class _UnitTree:
    """The units of one region that already exist, so a step creates only what is missing."""

    def __init__(self, region: Region) -> None:
        self.region = region
        self.known = {
            (unit.parent_id, unit.name): unit for unit in OrgUnit.objects.filter(region=region)
        }
        self.created = 0

    def ensure(self, spec: UnitSpec, parent: OrgUnit | None = None) -> OrgUnit:
        unit = self.known.get((parent.pk if parent else None, spec.name))
        if unit is None:
            unit = create_org_unit(
                None,
                region=self.region,
                parent=parent,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                service_kind=spec.service_kind,
                is_public_facing=spec.public_facing,
            )
            self.created += 1
        for child in spec.children:
            self.ensure(child, unit)
        return unit

    def ensure_all(self, specs: Iterable[UnitSpec]) -> None:
        for spec in specs:
            self.ensure(spec)


def current_region(code: str) -> Region:
    return Region.objects.current().get(code=code)


@demo_step("regions.kota_jambi_units", order=100)
def load_kota_jambi_units() -> StepReport:
    """Perangkat daerah Kota Jambi with their puskesmas, schools and service offices."""
    tree = _UnitTree(current_region(KOTA_JAMBI_CODE))
    tree.ensure_all(kota_jambi_units())
    return StepReport(created=tree.created)
