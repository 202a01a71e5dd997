import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import PermissionDenied
from peduliham.people.models import ASN
from peduliham.people.selectors import (
    asn_for,
    filter_regions_for,
    import_jobs_for,
    import_regions_for,
    units_for_filter,
)
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, Event, Outcome
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> None:
    make_asn(dinkes_jambi, 1, name="Andi Saputra")
    make_asn(puskesmas_simpang_kawat, 2, name="Siti Rahma", sex="P", rank="III/b")
    make_asn(disdik_jambi, 3, name="Budi Hartono", employment_kind="PPPK", rank="IX")
    make_asn(dinkes_pekanbaru, 4, name="Rina Melati", sex="P")
    make_asn(disdik_jambi, 5, name="Tono Pensiun", is_active=False)


def names(user: User, **filters: object) -> list[str]:
    return [asn.name for asn in asn_for(user, **filters)]  # type: ignore[arg-type]


def test_the_national_admin_sees_every_active_asn(admin_pusat: User, registry: None) -> None:
    assert names(admin_pusat) == ["Andi Saputra", "Budi Hartono", "Rina Melati", "Siti Rahma"]


def test_a_pemda_admin_sees_only_their_kota(admin_pemkot_jambi: User, registry: None) -> None:
    assert names(admin_pemkot_jambi) == ["Andi Saputra", "Budi Hartono", "Siti Rahma"]


def test_a_kanwil_operator_does_not_see_another_province(
    operator_kanwil_riau: User, registry: None
) -> None:
    assert names(operator_kanwil_riau) == ["Rina Melati"]


def test_an_opd_admin_sees_only_their_opd_subtree(admin_dinkes_jambi: User, registry: None) -> None:
    assert names(admin_dinkes_jambi) == ["Andi Saputra", "Siti Rahma"]


def test_a_participant_may_not_read_the_registry(peserta_budi: User, registry: None) -> None:
    with pytest.raises(PermissionDenied) as caught:
        asn_for(peserta_budi)
    assert caught.value.code == "permission_denied"


@pytest.mark.parametrize(
    "search", ["19860926 201505 2 002", "19860926.201505.2.002", "198609262015052002", "2015052002"]
)
def test_it_finds_an_asn_by_nip_written_any_way(
    admin_pemkot_jambi: User, registry: None, search: str
) -> None:
    assert names(admin_pemkot_jambi, search=search) == ["Siti Rahma"]


def test_it_finds_an_asn_by_part_of_the_name_in_any_case(
    admin_pemkot_jambi: User, registry: None
) -> None:
    assert names(admin_pemkot_jambi, search="  rahMA ") == ["Siti Rahma"]


def test_a_unit_filter_includes_the_units_below_it(
    admin_pemkot_jambi: User, registry: None, dinkes_jambi: OrgUnit
) -> None:
    assert names(admin_pemkot_jambi, unit=dinkes_jambi) == ["Andi Saputra", "Siti Rahma"]


def test_it_filters_by_rank_kind_and_activity(admin_pemkot_jambi: User, registry: None) -> None:
    assert names(admin_pemkot_jambi, rank="III/b") == ["Siti Rahma"]
    assert names(admin_pemkot_jambi, employment_kind="PPPK") == ["Budi Hartono"]
    assert names(admin_pemkot_jambi, active=False) == ["Tono Pensiun"]
    assert len(names(admin_pemkot_jambi, active=None)) == 4


def test_an_opd_admin_filtering_by_a_unit_outside_their_scope_gets_nothing(
    admin_dinkes_jambi: User, registry: None, disdik_jambi: OrgUnit
) -> None:
    assert names(admin_dinkes_jambi, unit=disdik_jambi) == []


def test_only_national_and_pemda_admins_may_import(
    admin_pusat: User, admin_pemkot_jambi: User, operator_kanwil_jambi: User
) -> None:
    assert list(import_regions_for(admin_pemkot_jambi).values_list("code", flat=True)) == ["15.71"]
    assert import_regions_for(admin_pusat).filter(code="14.71").exists()
    assert not import_regions_for(operator_kanwil_jambi).exists()
    with pytest.raises(PermissionDenied):
        import_jobs_for(operator_kanwil_jambi)


def test_a_region_filter_includes_the_regions_below_it(
    admin_pusat: User, registry: None, jambi: Region
) -> None:
    assert names(admin_pusat, region=jambi) == ["Andi Saputra", "Budi Hartono", "Siti Rahma"]


def test_units_to_filter_by_are_offered_per_region_to_wider_scopes(
    admin_pusat: User, admin_pemkot_jambi: User, registry: None, kota_jambi: Region
) -> None:
    assert not units_for_filter(admin_pusat).exists()
    assert set(units_for_filter(admin_pusat, region=kota_jambi)) == set(
        units_for_filter(admin_pemkot_jambi)
    )
    assert not filter_regions_for(admin_pemkot_jambi).exists()


def _complete_training(asn_name: str, admin_pusat: User, kota_jambi: Region) -> None:
    asn = ASN.objects.get(name=asn_name)
    program = make_program(admin_pusat)
    event = Event.objects.create(
        program=program, title="Angkatan 1", host_region=kota_jambi, venue="Aula", capacity=5
    )
    Enrollment.objects.create(
        event=event,
        program=program,
        asn=asn,
        opd=asn.org_unit,
        region=kota_jambi,
        outcome=Outcome.COMPLETED,
    )


def test_it_filters_by_whether_the_asn_completed_a_training(
    admin_pemkot_jambi: User, admin_pusat: User, kota_jambi: Region, registry: None
) -> None:
    _complete_training("Andi Saputra", admin_pusat, kota_jambi)

    assert names(admin_pemkot_jambi, trained=True) == ["Andi Saputra"]
    assert names(admin_pemkot_jambi, trained=False) == ["Budi Hartono", "Siti Rahma"]
