"""allocate_opd_share: the one-click "10% of each OPD's active ASN"."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Program, Quota
from peduliham.training.services import allocate_opd_share, set_quota
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program, province_quota

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region, kota_jambi: Region
) -> Program:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=3)
    return program


@pytest.fixture
def staffed(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinkes: 10 in the office and 5 at the puskesmas (one inactive); Disdik: 14."""
    for number in range(10):
        make_asn(dinkes_jambi, number)
    for number in range(10, 15):
        make_asn(puskesmas_simpang_kawat, number, is_active=number != 14)
    for number in range(20, 34):
        make_asn(disdik_jambi, number)


@pytest.mark.usefixtures("staffed")
def test_each_opd_gets_ten_percent_of_its_whole_subtree(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    saved = allocate_opd_share(admin_pemkot_jambi, program=program, region=kota_jambi)
    amounts = {quota.org_unit: quota.amount for quota in saved}
    assert amounts == {dinkes_jambi: 1, disdik_jambi: 1}
    entry = AuditEntry.objects.get(action="peduliham.training.quotas.opd_share_allocated")
    assert entry.region_code == "15.71"
    assert entry.changes[dinkes_jambi.path] == [None, 1]


@pytest.mark.usefixtures("staffed")
def test_a_larger_percentage_that_exceeds_the_kota_quota_is_refused(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    with pytest.raises(DomainError) as caught:
        allocate_opd_share(admin_pemkot_jambi, program=program, region=kota_jambi, percent=20)
    assert caught.value.code == "quota_exceeds_parent"
    assert not Quota.objects.filter(org_unit__isnull=False).exists()


@pytest.mark.usefixtures("staffed")
def test_running_it_again_replaces_the_opd_quotas(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    set_quota(admin_pemkot_jambi, program=program, org_unit=dinkes_jambi, amount=2)
    allocate_opd_share(admin_pemkot_jambi, program=program, region=kota_jambi)
    assert Quota.objects.get(org_unit=dinkes_jambi).amount == 1


def test_the_pemda_admin_of_another_city_is_refused(
    admin_pemkot_pekanbaru: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(PermissionDenied):
        allocate_opd_share(admin_pemkot_pekanbaru, program=program, region=kota_jambi)


def test_a_kanwil_operator_cannot_allocate_opd_quotas(
    operator_kanwil_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    with pytest.raises(PermissionDenied):
        allocate_opd_share(operator_kanwil_jambi, program=program, region=kota_jambi)


@pytest.mark.parametrize("percent", [0, 101])
def test_it_refuses_a_percentage_outside_the_range(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, percent: int
) -> None:
    with pytest.raises(DomainError) as caught:
        allocate_opd_share(admin_pemkot_jambi, program=program, region=kota_jambi, percent=percent)
    assert caught.value.code == "quota_amount_invalid"


def test_a_kota_without_opds_is_refused(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    with pytest.raises(DomainError) as caught:
        allocate_opd_share(admin_pemkot_jambi, program=program, region=kota_jambi)
    assert caught.value.code == "quota_target_invalid"
