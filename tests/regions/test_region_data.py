"""The regions shipped by migration: Kemendagri codes, kinds, time zones, Kanwil offices."""

import pytest
from django.db.models import F

from peduliham.regions.models import OrgUnit, Region, RegionKind, TimeZone, UnitKind

pytestmark = pytest.mark.django_db

JAMBI_KEMENDAGRI = {
    "15.01": "Kabupaten Kerinci",
    "15.02": "Kabupaten Merangin",
    "15.03": "Kabupaten Sarolangun",
    "15.04": "Kabupaten Batanghari",
    "15.05": "Kabupaten Muaro Jambi",
    "15.06": "Kabupaten Tanjung Jabung Barat",
    "15.07": "Kabupaten Tanjung Jabung Timur",
    "15.08": "Kabupaten Bungo",
    "15.09": "Kabupaten Tebo",
    "15.71": "Kota Jambi",
    "15.72": "Kota Sungai Penuh",
}


def test_it_has_38_provinces() -> None:
    assert Region.objects.current().provinces().count() == 38


def test_it_has_514_kabupaten_kota() -> None:
    current = Region.objects.current()
    assert current.kabupaten_kota().count() == 514
    assert current.filter(kind=RegionKind.KABUPATEN).count() == 416
    assert current.filter(kind=RegionKind.KOTA).count() == 98


def test_code_15_is_jambi_province() -> None:
    jambi = Region.objects.current().get(code="15")
    assert (jambi.name, jambi.kind, jambi.parent) == ("Jambi", RegionKind.PROVINCE, None)


def test_code_15_71_is_kota_jambi_under_jambi() -> None:
    kota = Region.objects.current().get(code="15.71")
    assert (kota.name, kota.kind, kota.parent.code if kota.parent else "") == (
        "Kota Jambi",
        RegionKind.KOTA,
        "15",
    )


def test_jambi_has_its_eleven_kemendagri_codes_not_bps() -> None:
    rows = Region.objects.current().filter(parent__code="15").values_list("code", "name")
    assert dict(rows) == JAMBI_KEMENDAGRI


@pytest.mark.parametrize(
    ("code", "name", "zone"),
    [
        ("31", "Daerah Khusus Ibukota Jakarta", TimeZone.WIB),
        ("32.73", "Kota Bandung", TimeZone.WIB),
        ("15.71", "Kota Jambi", TimeZone.WIB),
        ("51", "Bali", TimeZone.WITA),
        ("73.71", "Kota Makassar", TimeZone.WITA),
        ("64", "Kalimantan Timur", TimeZone.WITA),
        ("91", "Papua", TimeZone.WIT),
        ("81.71", "Kota Ambon", TimeZone.WIT),
        ("91.71", "Kota Jayapura", TimeZone.WIT),
    ],
)
def test_regions_carry_their_time_zone(code: str, name: str, zone: TimeZone) -> None:
    region = Region.objects.current().get(code=code)
    assert (region.name, region.time_zone) == (name, zone)


def test_kalimantan_barat_and_tengah_are_wib_though_the_rest_of_kalimantan_is_wita() -> None:
    zones = dict(
        Region.objects.current()
        .filter(code__in=["61", "62", "63"])
        .values_list("code", "time_zone")
    )
    assert zones == {"61": TimeZone.WIB, "62": TimeZone.WIB, "63": TimeZone.WITA}


def test_every_kabupaten_kota_shares_its_provinces_time_zone() -> None:
    mismatched = Region.objects.current().kabupaten_kota().exclude(time_zone=F("parent__time_zone"))
    assert not mismatched.exists()


def test_every_region_cites_the_2025_kepmendagri() -> None:
    assert set(Region.objects.values_list("legal_basis", flat=True)) == {
        "Kepmendagri 300.2.2-2138/2025"
    }


def test_every_province_has_one_kanwil() -> None:
    kanwil = OrgUnit.objects.filter(kind=UnitKind.KANWIL)
    assert kanwil.count() == 38
    assert set(kanwil.values_list("region__kind", flat=True)) == {RegionKind.PROVINCE}
    assert kanwil.values("region").distinct().count() == 38


def test_kanwil_jambi_is_named_for_the_province_with_its_own_path() -> None:
    kanwil = OrgUnit.objects.get(kind=UnitKind.KANWIL, region__code="15")
    assert kanwil.name == "Kantor Wilayah Kementerian HAM Jambi"
    assert kanwil.parent is None
    assert kanwil.path == OrgUnit.path_segment(kanwil.pk)
    assert kanwil.is_active
