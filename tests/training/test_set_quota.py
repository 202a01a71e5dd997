"""set_quota: each level is set by its own admin, children never exceed their parent."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Quota, QuotaLevel
from peduliham.training.services import set_quota
from tests.training.helpers import make_program, province_quota

pytestmark = pytest.mark.django_db


def test_the_national_admin_sets_a_province_quota(admin_pusat: User, jambi: Region) -> None:
    program = make_program(admin_pusat)
    quota = set_quota(admin_pusat, program=program, region=jambi, amount=20_000)
    assert quota.level == QuotaLevel.PROVINCE
    assert quota.parent is None
    entry = AuditEntry.objects.get(action="peduliham.training.quota.set")
    assert entry.region_code == "15"
    assert entry.object_id == str(quota.pk)
    assert entry.changes == {"15": [None, 20_000]}


def test_changing_a_quota_updates_it_and_records_old_and_new(
    admin_pusat: User, jambi: Region
) -> None:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    quota = set_quota(admin_pusat, program=program, region=jambi, amount=25_000)
    assert Quota.objects.get(pk=quota.pk).amount == 25_000
    latest = AuditEntry.objects.filter(action="peduliham.training.quota.set").latest("pk")
    assert latest.changes == {"15": [20_000, 25_000]}


def test_the_kanwil_operator_sets_a_kota_quota_in_its_province(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    parent = province_quota(admin_pusat, program, jambi, 20_000)
    quota = set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    assert quota.parent == parent
    assert quota.level == QuotaLevel.REGENCY
    entry = AuditEntry.objects.filter(action="peduliham.training.quota.set").latest("pk")
    assert entry.region_code == "15.71"
    assert entry.actor == operator_kanwil_jambi


def test_the_kanwil_operator_of_another_province_is_refused(
    admin_pusat: User, operator_kanwil_riau: User, jambi: Region, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    with pytest.raises(PermissionDenied):
        set_quota(operator_kanwil_riau, program=program, region=kota_jambi, amount=1_000)
    assert not Quota.objects.filter(region=kota_jambi).exists()


def test_a_kanwil_operator_cannot_set_its_own_province_quota(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region
) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(PermissionDenied):
        set_quota(operator_kanwil_jambi, program=program, region=jambi, amount=20_000)


def test_the_pemda_admin_sets_an_opd_quota(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    jambi: Region,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
) -> None:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    quota = set_quota(admin_pemkot_jambi, program=program, org_unit=dinkes_jambi, amount=120)
    assert quota.level == QuotaLevel.OPD
    entry = AuditEntry.objects.filter(action="peduliham.training.quota.set").latest("pk")
    assert entry.unit_path == dinkes_jambi.path
    assert entry.region_code == "15.71"


def test_the_pemda_admin_of_another_city_is_refused(
    admin_pusat: User, admin_pemkot_pekanbaru: User, dinkes_jambi: OrgUnit
) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(PermissionDenied):
        set_quota(admin_pemkot_pekanbaru, program=program, org_unit=dinkes_jambi, amount=10)


def test_a_service_unit_under_an_opd_gets_no_quota_of_its_own(
    admin_pusat: User, admin_pemkot_jambi: User, puskesmas_simpang_kawat: OrgUnit
) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(DomainError) as caught:
        set_quota(admin_pemkot_jambi, program=program, org_unit=puskesmas_simpang_kawat, amount=5)
    assert caught.value.code == "quota_target_invalid"


def test_a_kota_quota_needs_its_province_quota_first(
    admin_pusat: User, operator_kanwil_jambi: User, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(DomainError) as caught:
        set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    assert caught.value.code == "parent_quota_missing"


def test_it_refuses_a_negative_amount(admin_pusat: User, jambi: Region) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(DomainError) as caught:
        set_quota(admin_pusat, program=program, region=jambi, amount=-1)
    assert caught.value.code == "quota_amount_invalid"


def test_it_wants_exactly_one_of_region_and_unit(
    admin_pusat: User, jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    program = make_program(admin_pusat)
    for target in ({}, {"region": jambi, "org_unit": dinkes_jambi}):
        with pytest.raises(DomainError) as caught:
            set_quota(admin_pusat, program=program, amount=1, **target)  # type: ignore[arg-type]
        assert caught.value.code == "quota_target_invalid"


def test_provinces_never_add_up_to_more_than_the_target(
    admin_pusat: User, jambi: Region, riau: Region
) -> None:
    program = make_program(admin_pusat, target=30_000)
    province_quota(admin_pusat, program, jambi, 20_000)
    with pytest.raises(DomainError) as caught:
        set_quota(admin_pusat, program=program, region=riau, amount=10_001)
    assert caught.value.code == "quota_exceeds_parent"
    assert "10000" in str(caught.value.message)
    assert set_quota(admin_pusat, program=program, region=riau, amount=10_000).amount == 10_000


def test_raising_an_existing_quota_counts_only_its_siblings(
    admin_pusat: User, jambi: Region
) -> None:
    program = make_program(admin_pusat, target=30_000)
    province_quota(admin_pusat, program, jambi, 20_000)
    assert province_quota(admin_pusat, program, jambi, 30_000).amount == 30_000


def test_kota_quotas_never_exceed_the_province_quota(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 2_000)
    kerinci = Region.objects.get(code="15.01", valid_until__isnull=True)
    set_quota(operator_kanwil_jambi, program=program, region=kerinci, amount=1_500)
    with pytest.raises(DomainError) as caught:
        set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=501)
    assert caught.value.code == "quota_exceeds_parent"
    assert "500" in str(caught.value.message)


def test_lowering_a_parent_below_its_children_is_refused(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    with pytest.raises(DomainError) as caught:
        set_quota(admin_pusat, program=program, region=jambi, amount=999)
    assert caught.value.code == "quota_below_children"
    assert Quota.objects.get(region=jambi).amount == 20_000
