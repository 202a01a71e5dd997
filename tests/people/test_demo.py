"""The Kota Jambi demo's ASN: realistic, loaded through the importer, loaded once."""

import pytest

from peduliham.core.demo.kota_jambi import load_kota_jambi_units
from peduliham.core.demo.registry import registered_steps
from peduliham.people import demo
from peduliham.people.importing.units import KnownUnit, UnitMatcher
from peduliham.people.models import ASN, ImportJob, ImportStatus
from peduliham.people.nip import parse_nip
from peduliham.people.synthetic import Workforce
from peduliham.regions.models import OrgUnit, Region, ServiceKind


@pytest.fixture
def kota_jambi_units(kota_jambi: Region) -> None:
    load_kota_jambi_units()


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch) -> int:
    """The demo step with 400 rows instead of 10,000, to keep the test quick."""
    monkeypatch.setattr(demo, "DEMO_ASN_COUNT", 400)
    return 400


def test_the_demo_asks_for_about_ten_thousand_asn_after_units_and_accounts() -> None:
    step = next(step for step in registered_steps() if step.name == "people.kota_jambi_asn")

    assert step.order == 300
    assert demo.DEMO_ASN_COUNT == 10_000


def test_every_demo_profile_names_a_unit_the_demo_creates(
    kota_jambi: Region, kota_jambi_units: None
) -> None:
    units = OrgUnit.objects.filter(region=kota_jambi).values_list(
        "id", "name", "short_name", "parent_id", "is_public_facing"
    )
    matcher = UnitMatcher((KnownUnit(*unit) for unit in units), kota_jambi.name)

    profiles = demo.kota_jambi_profiles()

    assert len(profiles) == OrgUnit.objects.filter(region=kota_jambi).count()
    assert all(matcher.match(profile.name).unit is not None for profile in profiles)
    kinds = {profile.name: profile.workforce for profile in profiles}
    assert kinds["SD Negeri 1/IV Kota Jambi"] is Workforce.SCHOOL
    assert kinds["Puskesmas Simpang Kawat"] is Workforce.HEALTH
    assert kinds["Rumah Sakit Umum Daerah H. Abdul Manap"] is Workforce.HOSPITAL
    assert kinds["Kecamatan Telanaipura"] is Workforce.KECAMATAN
    assert kinds["Badan Perencanaan Pembangunan Daerah"] is Workforce.OFFICE


def test_the_demo_step_imports_valid_asn_spread_over_schools_health_and_offices(
    kota_jambi: Region, kota_jambi_units: None, small_demo: int
) -> None:
    report = demo.load_kota_jambi_asn()

    assert report.created == small_demo
    assert ASN.objects.filter(region=kota_jambi).count() == small_demo
    job = ImportJob.objects.get()
    assert (job.status, job.rejected, job.actor) == (ImportStatus.DONE, 0, None)
    for asn in ASN.objects.all():
        nip = parse_nip(asn.nip, asn.employment_kind)
        assert nip.ok, (asn.nip, nip.message_en)
        assert nip.birth_date == asn.birth_date
        if asn.employment_kind == "PNS":
            assert nip.sex == asn.sex
    by_service = {
        kind: ASN.objects.filter(org_unit__service_kind=kind).count()
        for kind in (ServiceKind.SCHOOL, ServiceKind.PUSKESMAS, ServiceKind.HOSPITAL)
    }
    assert all(count > small_demo // 20 for count in by_service.values()), by_service
    assert ASN.objects.values("org_unit").distinct().count() > 50
    teachers = ASN.objects.filter(org_unit__service_kind=ServiceKind.SCHOOL)
    assert teachers.filter(position_name__startswith="Guru").count() > teachers.count() // 2


def test_running_the_demo_step_again_creates_nothing(
    kota_jambi: Region, kota_jambi_units: None, small_demo: int
) -> None:
    demo.load_kota_jambi_asn()
    before = list(ASN.objects.order_by("nip").values_list("nip", "updated_at"))

    again = demo.load_kota_jambi_asn()

    assert again.created == 0
    assert list(ASN.objects.order_by("nip").values_list("nip", "updated_at")) == before
    assert ImportJob.objects.count() == 1
