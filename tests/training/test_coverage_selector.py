"""coverage_for: current numbers at every level, sorted children, the monthly series, scoping."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import NotFound, PermissionDenied
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, Program
from peduliham.training.selectors.coverage import (
    CoverageLevel,
    MonthPoint,
    Numbers,
    SortOrder,
    coverage_for,
)
from tests.training.factories_coverage import count, make_event, make_opd, opd_quota, region_quota
from tests.training.factories_coverage import staff as add_staff
from tests.training.helpers import make_program

OCT_27 = datetime.date(2025, 10, 27)
OCT_28 = datetime.date(2025, 10, 28)


@dataclass
class World:
    program: Program
    two_days: Event
    november: Event


@pytest.fixture
def world(
    admin_pusat: User,
    jambi: Region,
    kota_jambi: Region,
    riau: Region,
    kota_pekanbaru: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> World:
    program = make_program(admin_pusat)
    region_quota(program, jambi, 20_000)
    region_quota(program, riau, 5_000)
    region_quota(program, kota_jambi, 1_000)
    opd_quota(program, dinkes_jambi, 100)
    opd_quota(program, disdik_jambi, 50)
    add_staff(dinkes_jambi, 10, inactive=2)
    add_staff(disdik_jambi, 5)
    add_staff(dinkes_pekanbaru, 4)
    two_days = make_event(program, kota_jambi, days=[OCT_27, OCT_28])
    count(two_days, dinkes_jambi, selected=8, attended=7, completed=6)
    count(two_days, disdik_jambi, selected=4, attended=4, completed=3)
    november = make_event(
        program, kota_jambi, title="Angkatan 2", days=[datetime.date(2025, 11, 10)]
    )
    count(november, dinkes_jambi, selected=2, attended=2, completed=2)
    pekanbaru = make_event(program, kota_pekanbaru, days=[datetime.date(2025, 10, 5)])
    count(pekanbaru, dinkes_pekanbaru, selected=5, attended=5, completed=5)
    return World(program, two_days, november)


def _row(coverage: Any, name: str) -> Any:
    return next(row for row in coverage.rows if row.name == name)


@pytest.mark.django_db
def test_the_national_level_sums_every_counter_and_headcount(
    admin_pusat: User, world: World
) -> None:
    coverage = coverage_for(admin_pusat, program=world.program)
    assert coverage.level is CoverageLevel.NATIONAL
    assert coverage.totals == Numbers(1_000_000, 19, 18, 16, 19)
    assert len(coverage.rows) == 38
    assert _row(coverage, "Jambi").numbers == Numbers(20_000, 14, 13, 11, 15)
    assert _row(coverage, "Riau").numbers == Numbers(5_000, 5, 5, 5, 4)
    assert _row(coverage, "Aceh").numbers == Numbers(None, 0, 0, 0, 0)


@pytest.mark.django_db
def test_the_share_trained_divides_completed_by_active_asn(admin_pusat: User, world: World) -> None:
    coverage = coverage_for(admin_pusat, program=world.program)
    assert coverage.totals.share_trained == pytest.approx(16 / 19)
    assert coverage.totals.progress_percent == 0.0
    assert _row(coverage, "Riau").numbers.progress_percent == 0.1


@pytest.mark.django_db
def test_the_series_counts_completions_by_the_month_of_each_events_last_day(
    admin_pusat: User, world: World
) -> None:
    coverage = coverage_for(admin_pusat, program=world.program)
    assert coverage.series == (
        MonthPoint(datetime.date(2025, 10, 1), 14, 14),
        MonthPoint(datetime.date(2025, 11, 1), 2, 16),
    )


@pytest.mark.django_db
def test_the_province_level_lists_its_kabupaten_kota(
    operator_kanwil_jambi: User, world: World, jambi: Region
) -> None:
    coverage = coverage_for(operator_kanwil_jambi, program=world.program)
    assert (coverage.level, coverage.region) == (CoverageLevel.PROVINCE, jambi)
    assert coverage.totals == Numbers(20_000, 14, 13, 11, 15)
    assert _row(coverage, "Kota Jambi").numbers == Numbers(1_000, 14, 13, 11, 15)
    assert _row(coverage, "Kota Jambi").region_code == "15.71"
    assert {row.level for row in coverage.rows} == {CoverageLevel.REGENCY}


@pytest.mark.django_db
def test_the_regency_level_lists_its_opds_with_their_quotas(
    admin_pemkot_jambi: User, world: World, dinkes_jambi: OrgUnit
) -> None:
    coverage = coverage_for(admin_pemkot_jambi, program=world.program)
    assert coverage.level is CoverageLevel.REGENCY
    assert coverage.totals == Numbers(1_000, 14, 13, 11, 15)
    dinkes = _row(coverage, "Dinas Kesehatan")
    assert (dinkes.numbers, dinkes.opd_id) == (Numbers(100, 10, 9, 8, 10), dinkes_jambi.pk)
    assert _row(coverage, "Dinas Pendidikan").numbers == Numbers(50, 4, 4, 3, 5)


@pytest.mark.django_db
def test_the_opd_level_lists_its_events_with_their_last_day(
    admin_dinkes_jambi: User, world: World
) -> None:
    coverage = coverage_for(admin_dinkes_jambi, program=world.program)
    assert coverage.level is CoverageLevel.OPD
    assert coverage.totals == Numbers(100, 10, 9, 8, 10)
    event = _row(coverage, "Angkatan 1")
    assert (event.event_id, event.last_day) == (world.two_days.pk, OCT_28)
    assert event.numbers.progress == pytest.approx(6 / 8)
    assert [point.completed for point in coverage.series] == [6, 2]


@pytest.mark.django_db
def test_children_sort_by_progress_in_either_direction(
    admin_pemkot_jambi: User, world: World, kota_jambi: Region
) -> None:
    rising = coverage_for(admin_pemkot_jambi, program=world.program, region=kota_jambi)
    falling = coverage_for(
        admin_pemkot_jambi, program=world.program, region=kota_jambi, order=SortOrder.DESCENDING
    )
    assert [row.name for row in rising.rows] == ["Dinas Pendidikan", "Dinas Kesehatan"]
    assert [row.name for row in falling.rows] == ["Dinas Kesehatan", "Dinas Pendidikan"]


@pytest.mark.django_db
def test_rows_without_a_quota_come_last_whichever_the_order(
    admin_pusat: User, world: World
) -> None:
    for order in SortOrder:
        rows = coverage_for(admin_pusat, program=world.program, order=order).rows
        assert {rows[0].name, rows[1].name} == {"Jambi", "Riau"}
        assert rows[-1].numbers.quota is None


@pytest.mark.django_db
def test_numbers_follow_the_counters_at_once(
    admin_pemkot_jambi: User, world: World, disdik_jambi: OrgUnit
) -> None:
    count(world.november, disdik_jambi, selected=1, attended=1, completed=1)
    coverage = coverage_for(admin_pemkot_jambi, program=world.program)
    assert coverage.totals.completed == 12


@pytest.mark.django_db
def test_the_trail_shows_only_levels_the_user_may_open(
    admin_pusat: User, admin_pemkot_jambi: User, world: World, dinkes_jambi: OrgUnit
) -> None:
    national = coverage_for(admin_pusat, program=world.program, opd=dinkes_jambi)
    local = coverage_for(admin_pemkot_jambi, program=world.program, opd=dinkes_jambi)
    assert [step.name for step in national.trail] == [
        "Nasional",
        "Jambi",
        "Kota Jambi",
        "Dinas Kesehatan",
    ]
    assert [step.name for step in local.trail] == ["Kota Jambi", "Dinas Kesehatan"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("operator_kanwil_riau", "jambi"),
        ("operator_kanwil_riau", "kota_jambi"),
        ("admin_pemkot_pekanbaru", "kota_jambi"),
        ("admin_pemkot_jambi", "jambi"),
        ("admin_dinkes_jambi", "kota_jambi"),
    ],
)
def test_a_region_outside_the_scope_is_not_found(
    request: pytest.FixtureRequest, world: World, persona: str, target: str
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(NotFound) as error:
        coverage_for(user, program=world.program, region=request.getfixturevalue(target))
    assert error.value.code == "not_found"


@pytest.mark.django_db
def test_an_opd_admin_cannot_open_another_opd(
    admin_dinkes_jambi: User, world: World, disdik_jambi: OrgUnit
) -> None:
    with pytest.raises(NotFound):
        coverage_for(admin_dinkes_jambi, program=world.program, opd=disdik_jambi)


@pytest.mark.django_db
def test_a_service_unit_is_not_an_opd_page(
    admin_pemkot_jambi: User, world: World, puskesmas_simpang_kawat: OrgUnit
) -> None:
    with pytest.raises(NotFound):
        coverage_for(admin_pemkot_jambi, program=world.program, opd=puskesmas_simpang_kawat)


@pytest.mark.django_db
def test_participants_see_no_coverage(peserta_budi: User, world: World) -> None:
    with pytest.raises(PermissionDenied) as error:
        coverage_for(peserta_budi, program=world.program)
    assert error.value.code == "permission_denied"


@pytest.mark.django_db
def test_the_national_page_costs_a_fixed_number_of_queries(
    admin_pusat: User, django_assert_max_num_queries: Any
) -> None:
    program = make_program(admin_pusat)
    regencies = list(Region.objects.current().kabupaten_kota().order_by("code")[::20])
    for region in regencies:
        unit = make_opd(region, "Dinas Kesehatan")
        region_quota(program, region, 10)
        event = make_event(program, region, days=[OCT_27])
        count(event, unit, selected=3, attended=2, completed=1)
    with django_assert_max_num_queries(4):
        coverage = coverage_for(admin_pusat, program=program)
    assert coverage.totals.completed == len(regencies)
    assert len([row for row in coverage.rows if row.numbers.completed]) > 10
