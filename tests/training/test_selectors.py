"""programs_for and quota_overview_for: what is allocated and left, within the user's scope."""

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import NotFound
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Program
from peduliham.training.selectors import programs_for, quota_overview_for
from peduliham.training.services import set_quota
from tests.training.helpers import make_program, province_quota

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(
    admin_pusat: User, operator_kanwil_jambi: User, jambi: Region, kota_jambi: Region
) -> Program:
    program = make_program(admin_pusat)
    province_quota(admin_pusat, program, jambi, 20_000)
    set_quota(operator_kanwil_jambi, program=program, region=kota_jambi, amount=1_000)
    return program


def test_staff_see_programs_and_participants_do_not(
    program: Program, admin_dinkes_jambi: User, peserta_budi: User
) -> None:
    assert list(programs_for(admin_dinkes_jambi)) == [program]
    assert not programs_for(peserta_budi).exists()


def test_the_national_overview_shows_the_target_and_every_province(
    admin_pusat: User, program: Program
) -> None:
    overview = quota_overview_for(admin_pusat, program)
    assert overview.region is None
    assert (overview.parent_amount, overview.allocated, overview.remaining) == (
        1_000_000,
        20_000,
        980_000,
    )
    amounts = {row.key: row.amount for row in overview.rows}
    assert amounts["15"] == 20_000
    assert amounts["14"] == 0
    assert len(overview.rows) == Region.objects.current().provinces().count()


def test_the_kanwil_operator_sees_its_province_by_default(
    operator_kanwil_jambi: User, program: Program
) -> None:
    overview = quota_overview_for(operator_kanwil_jambi, program)
    assert overview.region is not None
    assert overview.region.code == "15"
    assert (overview.parent_amount, overview.allocated, overview.remaining) == (
        20_000,
        1_000,
        19_000,
    )
    assert all(row.key.startswith("15.") for row in overview.rows)


def test_the_pemda_admin_sees_its_opds(
    admin_pemkot_jambi: User,
    program: Program,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    set_quota(admin_pemkot_jambi, program=program, org_unit=dinkes_jambi, amount=120)
    overview = quota_overview_for(admin_pemkot_jambi, program)
    assert [(row.name, row.amount) for row in overview.rows] == [
        ("Dinas Kesehatan", 120),
        ("Dinas Pendidikan", 0),
    ]
    assert overview.remaining == 880


def test_another_province_is_not_found(
    operator_kanwil_riau: User, program: Program, kota_jambi: Region
) -> None:
    with pytest.raises(NotFound):
        quota_overview_for(operator_kanwil_riau, program, kota_jambi)


def test_a_participant_sees_no_overview(peserta_budi: User, program: Program) -> None:
    with pytest.raises(NotFound):
        quota_overview_for(peserta_budi, program)


def test_a_region_without_a_quota_has_nothing_to_allocate(
    admin_pusat: User, program: Program, riau: Region
) -> None:
    overview = quota_overview_for(admin_pusat, program, riau)
    assert (overview.parent_amount, overview.allocated, overview.remaining) == (0, 0, 0)
