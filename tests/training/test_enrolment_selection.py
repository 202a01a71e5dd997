"""select_participants: eligibility, quotas and capacity, reproducibility, re-runs, counters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.regions.services import create_org_unit
from peduliham.training.models import (
    CoverageCounter,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventStatus,
    Outcome,
    Program,
)
from peduliham.training.selection import RULE
from peduliham.training.services.enrolment import select_participants
from tests.people.asn_factory import make_asn
from tests.training.factories_events import allocate, new_event, staff
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(
    admin_pusat: User,
    operator_kanwil_jambi: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> Program:
    program = make_program(admin_pusat)
    allocate(
        admin_pusat=admin_pusat,
        kanwil=operator_kanwil_jambi,
        pemda=admin_pemkot_jambi,
        program=program,
        region=kota_jambi,
        opds={dinkes_jambi: 6, disdik_jambi: 3},
    )
    return program


@pytest.fixture
def event(admin_pemkot_jambi: User, program: Program, kota_jambi: Region) -> Event:
    return new_event(admin_pemkot_jambi, program, kota_jambi, capacity=100)


def seated(event: Event) -> list[Enrollment]:
    return list(event.enrollments.filter(status__in=["nominated", "confirmed"]))


def test_each_opd_gets_its_quota_and_the_choice_is_stored(
    admin_pemkot_jambi: User,
    event: Event,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    staff(dinkes_jambi, 5, start=1)
    staff(puskesmas_simpang_kawat, 5, start=101, sex="P")
    staff(disdik_jambi, 8, start=201)
    report = select_participants(admin_pemkot_jambi, event=event, seed=42)
    assert report.selected == 9
    shares = {row.name: (row.quota, row.available, row.seats, row.selected) for row in report.opds}
    assert shares == {"Dinas Kesehatan": (6, 10, 6, 6), "Dinas Pendidikan": (3, 8, 3, 3)}
    assert report.male + report.female == 9
    by_opd = {e.opd_id for e in seated(event)}
    assert by_opd == {dinkes_jambi.pk, disdik_jambi.pk}  # the puskesmas counts under Dinkes
    event.refresh_from_db()
    assert (event.selection_seed, event.selection_rule) == (42, RULE)
    assert event.selected_at is not None
    entry = AuditEntry.objects.get(action="peduliham.training.event.participants_selected")
    assert entry.changes["seed"] == 42
    assert entry.changes["selected"] == 9


def test_front_line_staff_come_first(
    admin_pemkot_jambi: User,
    event: Event,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
) -> None:
    staff(dinkes_jambi, 10, start=1)
    front = staff(puskesmas_simpang_kawat, 4, start=101, is_frontline=True)
    select_participants(admin_pemkot_jambi, event=event, seed=7)
    chosen = {e.asn_id for e in seated(event) if e.opd_id == dinkes_jambi.pk}
    assert {asn.pk for asn in front} <= chosen
    assert sum(e.is_frontline for e in seated(event)) == 4


def test_inactive_already_trained_and_other_region_asn_are_not_chosen(
    admin_pemkot_jambi: User,
    admin_pusat: User,
    event: Event,
    program: Program,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    dinkes_pekanbaru: OrgUnit,
) -> None:
    eligible = make_asn(dinkes_jambi, 1)
    make_asn(dinkes_jambi, 2, is_active=False)
    trained = make_asn(dinkes_jambi, 3)
    failed = make_asn(dinkes_jambi, 4)
    make_asn(dinkes_pekanbaru, 5)
    earlier = new_event(admin_pemkot_jambi, program, kota_jambi, title="Angkatan 0")
    for asn, outcome in ((trained, Outcome.COMPLETED), (failed, Outcome.NOT_COMPLETED)):
        Enrollment.objects.create(
            event=earlier,
            program=program,
            asn=asn,
            opd=dinkes_jambi,
            region=kota_jambi,
            outcome=outcome,
        )
    select_participants(admin_pemkot_jambi, event=event, seed=1)
    assert {e.asn_id for e in seated(event)} == {eligible.pk, failed.pk}


def test_capacity_is_never_exceeded_and_seats_split_by_quota(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    staff(dinkes_jambi, 20, start=1)
    staff(disdik_jambi, 20, start=101)
    event = new_event(admin_pemkot_jambi, program, kota_jambi, capacity=3)
    report = select_participants(admin_pemkot_jambi, event=event, seed=3)
    assert report.selected == 3
    assert {row.name: row.selected for row in report.opds} == {
        "Dinas Kesehatan": 2,
        "Dinas Pendidikan": 1,
    }


def test_quotas_hold_across_the_events_of_a_program(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    staff(dinkes_jambi, 20, start=1)
    staff(disdik_jambi, 20, start=101)
    first = new_event(admin_pemkot_jambi, program, kota_jambi, capacity=5)
    second = new_event(admin_pemkot_jambi, program, kota_jambi, capacity=100, title="Angkatan 2")
    select_participants(admin_pemkot_jambi, event=first, seed=1)
    report = select_participants(admin_pemkot_jambi, event=second, seed=1)
    assert report.selected == 4  # 9 seats of quota, 5 already taken
    per_opd = {
        opd: Enrollment.objects.filter(program=program, opd=opd).count()
        for opd in (dinkes_jambi, disdik_jambi)
    }
    assert per_opd == {dinkes_jambi: 6, disdik_jambi: 3}
    first_people = {e.asn_id for e in seated(first)}
    assert not first_people & {e.asn_id for e in seated(second)}


def test_an_opd_without_a_quota_gets_no_seats(
    admin_pemkot_jambi: User, event: Event, kota_jambi: Region
) -> None:
    dishub = create_org_unit(None, region=kota_jambi, name="Dinas Perhubungan", kind=UnitKind.OPD)
    staff(dishub, 5)
    report = select_participants(admin_pemkot_jambi, event=event, seed=1)
    assert report.selected == 0


def test_the_same_seed_gives_the_same_people(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    staff(dinkes_jambi, 30, start=1)
    staff(disdik_jambi, 30, start=101)
    select_participants(admin_pemkot_jambi, event=event, seed=2025)
    first = {e.asn_id for e in seated(event)}
    select_participants(admin_pemkot_jambi, event=event, seed=2025)
    assert {e.asn_id for e in seated(event)} == first
    select_participants(admin_pemkot_jambi, event=event, seed=2026)
    assert {e.asn_id for e in seated(event)} != first


def test_a_rerun_replaces_the_nominees_and_keeps_the_counters_right(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    staff(dinkes_jambi, 30, start=1)
    staff(disdik_jambi, 30, start=101)
    select_participants(admin_pemkot_jambi, event=event, seed=1)
    report = select_participants(admin_pemkot_jambi, event=event)
    assert report.removed == 9
    assert event.enrollments.count() == 9
    counters = dict(CoverageCounter.objects.filter(event=event).values_list("opd_id", "selected"))
    assert counters == {dinkes_jambi.pk: 6, disdik_jambi.pk: 3}
    event.refresh_from_db()
    assert event.selection_seed == report.seed


def test_selection_costs_the_same_queries_for_more_people(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, disdik_jambi: OrgUnit
) -> None:
    staff(dinkes_jambi, 3, start=1)
    with CaptureQueriesContext(connection) as small:
        select_participants(admin_pemkot_jambi, event=event, seed=1)
    staff(dinkes_jambi, 40, start=101)
    staff(disdik_jambi, 40, start=201)
    Enrollment.objects.all().delete()
    CoverageCounter.objects.all().delete()
    with CaptureQueriesContext(connection) as large:
        select_participants(admin_pemkot_jambi, event=event, seed=1)
    assert len(large.captured_queries) <= len(small.captured_queries) + 2


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": EventStatus.RUNNING}, "event_not_editable"),
        ({"invitations_sent_at": "2025-10-20T08:00:00+07:00"}, "invitations_sent"),
    ],
)
def test_selection_is_refused_once_the_event_moved_on(
    admin_pemkot_jambi: User, event: Event, change: dict[str, object], code: str
) -> None:
    Event.objects.filter(pk=event.pk).update(**change)
    with pytest.raises(DomainError) as error:
        select_participants(admin_pemkot_jambi, event=event)
    assert error.value.code == code


def test_another_province_and_opd_admins_cannot_select(
    operator_kanwil_riau: User, admin_dinkes_jambi: User, event: Event
) -> None:
    for actor in (operator_kanwil_riau, admin_dinkes_jambi):
        with pytest.raises(DomainError) as error:
            select_participants(actor, event=event)
        assert error.value.code == "permission_denied"
    assert not AuditEntry.objects.filter(action__endswith="participants_selected").exists()


def test_a_negative_seed_is_refused(admin_pemkot_jambi: User, event: Event) -> None:
    with pytest.raises(DomainError) as error:
        select_participants(admin_pemkot_jambi, event=event, seed=-1)
    assert error.value.code == "seed_invalid"


def test_a_province_event_draws_from_every_city_with_quotas(
    operator_kanwil_jambi: User,
    program: Program,
    jambi: Region,
    dinkes_jambi: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    staff(dinkes_jambi, 10, start=1)
    staff(disdik_jambi, 10, start=101)
    event = new_event(operator_kanwil_jambi, program, jambi, capacity=500)
    report = select_participants(operator_kanwil_jambi, event=event, seed=5)
    assert report.selected == 9
    assert {e.status for e in seated(event)} == {EnrollmentStatus.NOMINATED}
