"""The planner over real calendars: days off, untrained ASN, and plan → draft events."""

import datetime

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.holidays import holidays_between
from peduliham.training.models import (
    Enrollment,
    EnrollmentStatus,
    Event,
    EventStatus,
    Outcome,
    Program,
)
from peduliham.training.planner import Pace
from peduliham.training.selectors.planning import planning_inputs
from peduliham.training.services.events import DaySpec, create_event
from peduliham.training.services.planning import (
    PlanRequest,
    build_plan,
    create_planned_events,
)
from tests.people.asn_factory import make_asn
from tests.training.helpers import make_program

D = datetime.date
NYEPI_WEEK = PlanRequest(capacity=100, days_per_event=2, start=D(2026, 3, 16))


def test_holidays_include_public_holidays_and_cuti_bersama() -> None:
    days = holidays_between(D(2025, 12, 24), D(2026, 1, 2))
    assert list(days) == [D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1)]
    assert days[D(2025, 12, 26)] == "Cuti bersama Hari Raya Natal"


def test_a_plan_skips_weekends_holidays_and_cuti_bersama() -> None:
    result = build_plan(250, NYEPI_WEEK)
    days = [event.days for event in result.plan.events]
    # 18-24 March 2026: Nyepi, Idul Fitri and their cuti bersama, and a weekend.
    assert days == [
        (D(2026, 3, 16), D(2026, 3, 17)),
        (D(2026, 3, 25), D(2026, 3, 26)),
        (D(2026, 3, 27), D(2026, 3, 30)),
    ]
    assert [event.participants for event in result.plan.events] == [100, 100, 50]
    assert D(2026, 3, 20) in result.days_off


def test_a_deadline_that_cannot_be_met_reports_the_shortfall() -> None:
    request = PlanRequest(
        capacity=100, days_per_event=2, start=D(2026, 3, 16), deadline=D(2026, 3, 27)
    )
    plan = build_plan(250, request).plan
    assert plan.total_events == 3
    assert plan.shortfall == 50
    assert plan.events_after_deadline == 1


def test_a_pace_per_month_gives_the_finish_date() -> None:
    request = PlanRequest(
        capacity=100, days_per_event=2, start=D(2026, 1, 5), pace=Pace(events_per_month=1)
    )
    plan = build_plan(300, request).plan
    assert [event.start for event in plan.events] == [D(2026, 1, 5), D(2026, 2, 2), D(2026, 3, 2)]
    assert plan.finish_date == D(2026, 3, 3)


def test_a_plan_of_too_many_events_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        build_plan(1_000_000, NYEPI_WEEK)
    assert caught.value.code == "plan_too_large"


@pytest.fixture
def program(admin_pusat: User) -> Program:
    return make_program(admin_pusat)


def _event(actor: User, program: Program, region: Region) -> Event:
    day = DaySpec(D(2025, 10, 27), datetime.time(8), datetime.time(16))
    return create_event(
        actor,
        program=program,
        title="Pelatihan HAM",
        host_region=region,
        venue="Aula Grha Siginjai",
        capacity=10,
        days=[day],
    )


def _enrol(event: Event, asn: ASN, opd: OrgUnit, **fields: str) -> None:
    Enrollment.objects.create(
        event=event, program=event.program, asn=asn, opd=opd, region=asn.region, **fields
    )


@pytest.mark.django_db
def test_untrained_are_active_asn_without_a_completed_or_live_seat(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    people = [make_asn(dinkes_jambi, number) for number in range(6)]
    make_asn(dinkes_jambi, 9, is_active=False)
    event = _event(admin_pemkot_jambi, program, kota_jambi)
    _enrol(event, people[0], dinkes_jambi, outcome=Outcome.COMPLETED)
    _enrol(event, people[1], dinkes_jambi, status=EnrollmentStatus.CONFIRMED)
    _enrol(event, people[2], dinkes_jambi, outcome=Outcome.NOT_COMPLETED)
    _enrol(event, people[3], dinkes_jambi, status=EnrollmentStatus.WITHDRAWN)
    inputs = planning_inputs(admin_pemkot_jambi, program=program, region=kota_jambi)
    assert (inputs.active, inputs.trained_or_seated, inputs.untrained) == (6, 2, 4)


@pytest.mark.django_db
def test_the_province_counts_its_kabupaten_kota(
    operator_kanwil_jambi: User, program: Program, jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    make_asn(dinkes_jambi, 1)
    inputs = planning_inputs(operator_kanwil_jambi, program=program, region=jambi)
    assert inputs.untrained == 1


@pytest.mark.django_db
def test_another_province_may_not_read_the_inputs(
    operator_kanwil_riau: User, program: Program, kota_jambi: Region
) -> None:
    with pytest.raises(NotFound):
        planning_inputs(operator_kanwil_riau, program=program, region=kota_jambi)


@pytest.mark.django_db
def test_the_plan_becomes_draft_events_on_the_planned_dates(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    for number in range(250):
        make_asn(dinkes_jambi, number)
    events = create_planned_events(
        admin_pemkot_jambi, program=program, region=kota_jambi, request=NYEPI_WEEK, venue="Aula"
    )
    assert [event.status for event in events] == [EventStatus.DRAFT] * 3
    assert events[2].title == "Penguatan Kapasitas HAM bagi ASN 2025 — Angkatan 3"
    dates = [list(event.days.values_list("date", flat=True)) for event in events]
    assert dates == [
        [D(2026, 3, 16), D(2026, 3, 17)],
        [D(2026, 3, 25), D(2026, 3, 26)],
        [D(2026, 3, 27), D(2026, 3, 30)],
    ]
    day = events[0].days.first()
    assert day is not None
    assert (day.starts_at, day.ends_at) == (datetime.time(8), datetime.time(16))
    entry = AuditEntry.objects.get(action="peduliham.training.plan.events_created")
    assert entry.changes["events"] == [event.pk for event in events]
    assert AuditEntry.objects.filter(action="peduliham.training.event.created").count() == 3


@pytest.mark.django_db
def test_batches_are_numbered_after_existing_events(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    make_asn(dinkes_jambi, 1)
    _event(admin_pemkot_jambi, program, kota_jambi)
    events = create_planned_events(
        admin_pemkot_jambi, program=program, region=kota_jambi, request=NYEPI_WEEK, venue="Aula"
    )
    assert events[0].title.endswith("Angkatan 2")


@pytest.mark.django_db
def test_nothing_to_plan_when_everyone_is_trained(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    with pytest.raises(DomainError) as caught:
        create_planned_events(
            admin_pemkot_jambi, program=program, region=kota_jambi, request=NYEPI_WEEK, venue="A"
        )
    assert caught.value.code == "plan_empty"
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_another_city_may_not_create_events_here(
    admin_pemkot_pekanbaru: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    make_asn(dinkes_jambi, 1)
    with pytest.raises(PermissionDenied):
        create_planned_events(
            admin_pemkot_pekanbaru,
            program=program,
            region=kota_jambi,
            request=NYEPI_WEEK,
            venue="Aula",
        )
    assert not Event.objects.exists()
