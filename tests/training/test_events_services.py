"""create_event, update_event and the status transitions: rules, error codes and audit."""

import datetime
from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import AttendanceRule, Event, EventStatus, Program
from peduliham.training.services.events import (
    DaySpec,
    check_transition,
    create_event,
    finish_event,
    open_event,
    start_event,
    transition_event,
    update_event,
)
from tests.training.factories_events import new_event, two_days
from tests.training.helpers import make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(admin_pusat: User) -> Program:
    return make_program(admin_pusat)


@pytest.fixture
def kanwil_jambi_unit(jambi: Region) -> OrgUnit:
    return OrgUnit.objects.get(region=jambi, kind=UnitKind.KANWIL)


def create(actor: User, program: Program, region: Region, **changes: Any) -> Event:
    values: dict[str, Any] = {
        "title": "Angkatan 1",
        "host_region": region,
        "venue": "Aula Grha Siginjai",
        "capacity": 1_000,
        "days": two_days(),
    }
    values.update(changes)
    return create_event(actor, program=program, **values)


def code_of(error: pytest.ExceptionInfo[DomainError]) -> str:
    return error.value.code


def test_the_pemda_admin_creates_a_draft_event_with_the_kanwil_as_co_host(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, kanwil_jambi_unit: OrgUnit
) -> None:
    event = create(admin_pemkot_jambi, program, kota_jambi, co_hosts=[kanwil_jambi_unit])
    assert event.status == EventStatus.DRAFT
    assert [day.date for day in event.days.all()] == [
        datetime.date(2025, 10, 27),
        datetime.date(2025, 10, 28),
    ]
    assert list(event.co_hosts.all()) == [kanwil_jambi_unit]
    assert event.attendance_rule == AttendanceRule.ALL_DAYS  # the program's rule
    entry = AuditEntry.objects.get(action="peduliham.training.event.created")
    assert entry.region_code == "15.71"
    assert entry.changes["capacity"] == 1_000


def test_the_kanwil_operator_may_host_an_event_for_the_whole_province(
    operator_kanwil_jambi: User, program: Program, jambi: Region
) -> None:
    event = create(operator_kanwil_jambi, program, jambi)
    assert event.host_region == jambi


def test_the_attendance_rule_may_be_set_per_event(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    event = create(
        admin_pemkot_jambi,
        program,
        kota_jambi,
        attendance_rule=AttendanceRule.MIN_DAYS,
        attendance_min_days=1,
    )
    assert (event.attendance_rule, event.attendance_min_days) == ("min_days", 1)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"capacity": 0}, "capacity_invalid"),
        ({"title": "  "}, "event_invalid"),
        ({"days": []}, "days_missing"),
        ({"days": two_days()[:1] * 2}, "days_duplicate"),
        (
            {"days": [DaySpec(datetime.date(2025, 10, 27), datetime.time(16), datetime.time(8))]},
            "day_times_invalid",
        ),
        ({"attendance_rule": "min_days", "attendance_min_days": 3}, "attendance_rule_invalid"),
        ({"attendance_rule": "often"}, "attendance_rule_invalid"),
    ],
)
def test_bad_event_details_are_refused(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    changes: dict[str, Any],
    code: str,
) -> None:
    with pytest.raises(DomainError) as error:
        create(admin_pemkot_jambi, program, kota_jambi, **changes)
    assert code_of(error) == code
    assert not Event.objects.exists()


def test_a_pemda_admin_cannot_host_in_another_city_or_the_province(
    admin_pemkot_jambi: User, program: Program, kota_pekanbaru: Region, jambi: Region
) -> None:
    for region in (kota_pekanbaru, jambi):
        with pytest.raises(DomainError) as error:
            create(admin_pemkot_jambi, program, region)
        assert code_of(error) == "permission_denied"


def test_opd_admins_and_participants_cannot_create_events(
    admin_dinkes_jambi: User, peserta_budi: User, program: Program, kota_jambi: Region
) -> None:
    for actor in (admin_dinkes_jambi, peserta_budi):
        with pytest.raises(DomainError) as error:
            create(actor, program, kota_jambi)
        assert code_of(error) == "permission_denied"


def test_a_co_host_outside_scope_is_refused_but_the_province_kanwil_is_allowed(
    admin_pemkot_jambi: User,
    program: Program,
    kota_jambi: Region,
    dinkes_pekanbaru: OrgUnit,
    riau: Region,
) -> None:
    kanwil_riau = OrgUnit.objects.get(region=riau, kind=UnitKind.KANWIL)
    for unit in (dinkes_pekanbaru, kanwil_riau):
        with pytest.raises(DomainError) as error:
            create(admin_pemkot_jambi, program, kota_jambi, co_hosts=[unit])
        assert code_of(error) == "co_host_invalid"


def test_a_closed_program_takes_no_new_events(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    Program.objects.filter(pk=program.pk).update(status="closed")
    program.refresh_from_db()
    with pytest.raises(DomainError) as error:
        create(admin_pemkot_jambi, program, kota_jambi)
    assert code_of(error) == "program_closed"


def test_updating_replaces_the_days_and_is_audited(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    one_day = [DaySpec(datetime.date(2025, 11, 3), datetime.time(9), datetime.time(15))]
    update_event(
        admin_pemkot_jambi,
        event=event,
        title="Angkatan 2",
        host_region=kota_jambi,
        venue="Aula Kantor Walikota",
        capacity=50,
        days=one_day,
        co_hosts=[dinkes_jambi],
    )
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Angkatan 2", 50)
    assert [day.date for day in event.days.all()] == [datetime.date(2025, 11, 3)]
    assert list(event.co_hosts.all()) == [dinkes_jambi]
    assert AuditEntry.objects.filter(action="peduliham.training.event.updated").count() == 1


def test_a_running_event_cannot_be_edited(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.RUNNING)
    with pytest.raises(DomainError) as error:
        update_event(
            admin_pemkot_jambi,
            event=event,
            title="X",
            host_region=kota_jambi,
            venue="Y",
            capacity=10,
            days=two_days(),
        )
    assert code_of(error) == "event_not_editable"


def test_another_province_cannot_update_the_event(
    admin_pemkot_jambi: User, operator_kanwil_riau: User, program: Program, kota_jambi: Region
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    with pytest.raises(DomainError) as error:
        update_event(
            operator_kanwil_riau,
            event=event,
            title="X",
            host_region=kota_jambi,
            venue="Y",
            capacity=10,
            days=two_days(),
        )
    assert code_of(error) == "permission_denied"


def test_an_event_moves_from_draft_to_finished_with_an_audit_entry_each(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    event = open_event(admin_pemkot_jambi, event=event)
    event = start_event(admin_pemkot_jambi, event=event)
    event = finish_event(admin_pemkot_jambi, event=event)
    assert event.status == EventStatus.FINISHED
    actions = list(
        AuditEntry.objects.filter(action__startswith="peduliham.training.event.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[1:] == [
        "peduliham.training.event.opened",
        "peduliham.training.event.started",
        "peduliham.training.event.finished",
    ]


@pytest.mark.parametrize("to", ["running", "finished", "closed", "draft", "bogus"])
def test_a_draft_event_cannot_skip_a_step(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region, to: str
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    with pytest.raises(DomainError) as error:
        transition_event(admin_pemkot_jambi, event=event, to=to)
    assert code_of(error) == "transition_invalid"
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


def test_check_transition_allows_closing_only_a_finished_event(
    admin_pemkot_jambi: User, program: Program, kota_jambi: Region
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    with pytest.raises(DomainError):
        check_transition(event, EventStatus.CLOSED)
    event.status = EventStatus.FINISHED
    check_transition(event, EventStatus.CLOSED)


def test_another_city_cannot_move_the_event(
    admin_pemkot_jambi: User, admin_pemkot_pekanbaru: User, program: Program, kota_jambi: Region
) -> None:
    event = new_event(admin_pemkot_jambi, program, kota_jambi)
    with pytest.raises(DomainError) as error:
        open_event(admin_pemkot_pekanbaru, event=event)
    assert code_of(error) == "permission_denied"
