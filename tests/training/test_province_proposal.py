"""propose_province_quotas and apply_quotas: proportional province quotas, saved at once."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Quota
from peduliham.training.services import apply_quotas, propose_province_quotas, set_quota
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


def test_the_proposal_follows_active_asn_and_adds_up_exactly(
    admin_pusat: User, dinkes_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit
) -> None:
    program = make_program(admin_pusat, target=1_000)
    for number in range(2):
        make_asn(dinkes_jambi, number)
    make_asn(dinkes_pekanbaru, 2)
    make_asn(dinkes_pekanbaru, 3, is_active=False, inactive_reason="pensiun")
    proposal = propose_province_quotas(admin_pusat, program=program)
    amounts = {row.region.code: row.amount for row in proposal.rows}
    assert amounts["15"] == 667
    assert amounts["14"] == 333
    assert sum(amounts.values()) == 1_000
    assert {row.region.code: row.active_asn for row in proposal.rows}["14"] == 1
    assert not Quota.objects.exists()


def test_without_active_asn_there_is_nothing_to_propose(admin_pusat: User) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(DomainError) as caught:
        propose_province_quotas(admin_pusat, program=program)
    assert caught.value.code == "quota_no_asn"


def test_only_the_national_admin_proposes(admin_pusat: User, operator_kanwil_jambi: User) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(PermissionDenied):
        propose_province_quotas(operator_kanwil_jambi, program=program)


def test_applying_a_proposal_saves_every_province_with_one_audit_entry(
    admin_pusat: User, dinkes_jambi: OrgUnit, dinkes_pekanbaru: OrgUnit
) -> None:
    program = make_program(admin_pusat, target=1_000)
    make_asn(dinkes_jambi, 1)
    make_asn(dinkes_pekanbaru, 2)
    proposal = propose_province_quotas(admin_pusat, program=program)
    saved = apply_quotas(admin_pusat, program=program, amounts=proposal.amounts)
    assert len(saved) == Region.objects.current().provinces().count()
    assert Quota.objects.get(region__code="15").amount == 500
    entry = AuditEntry.objects.get(action="peduliham.training.quotas.applied")
    assert entry.changes["15"] == [None, 500]
    assert entry.object_id == str(program.pk)


def test_applying_may_move_quota_between_provinces_in_one_step(
    admin_pusat: User, jambi: Region, riau: Region
) -> None:
    program = make_program(admin_pusat, target=100)
    apply_quotas(admin_pusat, program=program, amounts={jambi: 60, riau: 40})
    apply_quotas(admin_pusat, program=program, amounts={jambi: 30, riau: 70})
    assert Quota.objects.get(region=riau).amount == 70


def test_applying_more_than_the_target_saves_nothing(
    admin_pusat: User, jambi: Region, riau: Region
) -> None:
    program = make_program(admin_pusat, target=100)
    set_quota(admin_pusat, program=program, region=jambi, amount=10)
    with pytest.raises(DomainError) as caught:
        apply_quotas(admin_pusat, program=program, amounts={jambi: 60, riau: 41})
    assert caught.value.code == "quota_exceeds_parent"
    assert Quota.objects.get(region=jambi).amount == 10
    assert not Quota.objects.filter(region=riau).exists()


def test_applying_regions_of_different_parents_is_refused(
    admin_pusat: User, jambi: Region, kota_jambi: Region
) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(PermissionDenied):
        apply_quotas(admin_pusat, program=program, amounts={jambi: 10, kota_jambi: 5})
    assert not Quota.objects.exists()


def test_applying_nothing_is_refused(admin_pusat: User) -> None:
    program = make_program(admin_pusat)
    with pytest.raises(DomainError) as caught:
        apply_quotas(admin_pusat, program=program, amounts={})
    assert caught.value.code == "quota_target_invalid"
