"""record_checkin: genuine tickets in, forged or foreign ones out, repeats change nothing."""

import datetime

import pytest
import time_machine

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import (
    Attendance,
    CheckInMethod,
    EnrollmentStatus,
    Event,
    EventStatus,
)
from peduliham.training.services.checkin import record_checkin
from peduliham.training.tickets import ticket_code
from tests.training.factories_checkin import (
    counter_of,
    days_of,
    make_event,
    running_event,
    seat_new,
)

QR = CheckInMethod.QR
# 07:42 WIB on the first day of the event.
MORNING = datetime.datetime(2025, 10, 27, 0, 42, tzinfo=datetime.UTC)


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    return running_event(admin_pusat, kota_jambi)


def code_of(enrollment_event: Event, enrollment_id: int) -> str:
    return ticket_code(event_id=enrollment_event.pk, enrollment_id=enrollment_id)


def error_of(actor: User, event: Event, code: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        record_checkin(actor, event=event, day=days_of(event)[0], code=code, method=QR)
    return caught.value


@time_machine.travel(MORNING, tick=False)
def test_a_genuine_ticket_checks_the_participant_in_and_counts_them(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)

    result = record_checkin(
        admin_pemkot_jambi,
        event=event,
        day=days_of(event)[0],
        code=code_of(event, budi.pk),
        desk="Meja 1",
        method=QR,
    )

    assert not result.already
    assert result.local_time == "07:42"
    attendance = Attendance.objects.get(enrollment=budi)
    assert (attendance.desk, attendance.method, attendance.checked_in_by) == (
        "Meja 1",
        "qr",
        admin_pemkot_jambi,
    )
    budi.refresh_from_db()
    assert budi.days_attended == 1
    assert counter_of(event, dinkes_jambi) == (1, 1, 0)
    entry = AuditEntry.objects.get(action="peduliham.training.checkin.recorded")
    assert entry.object_id == str(attendance.pk)
    assert entry.region_code == "15.71"
    assert entry.unit_path == dinkes_jambi.path


def test_a_repeat_scan_the_same_day_says_the_first_time_and_changes_nothing(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    day = days_of(event)[0]
    with time_machine.travel(MORNING, tick=False):
        record_checkin(
            admin_pemkot_jambi, event=event, day=day, code=code_of(event, budi.pk), method=QR
        )

    with time_machine.travel(MORNING + datetime.timedelta(minutes=30), tick=False):
        again = record_checkin(
            admin_pemkot_jambi, event=event, day=day, code=code_of(event, budi.pk), method=QR
        )

    assert again.already
    assert again.message == "Sudah check-in pukul 07:42"
    assert Attendance.objects.filter(enrollment=budi).count() == 1
    budi.refresh_from_db()
    assert budi.days_attended == 1
    assert counter_of(event, dinkes_jambi) == (1, 1, 0)
    assert AuditEntry.objects.filter(action="peduliham.training.checkin.recorded").count() == 1


def test_a_search_check_in_on_the_second_day_adds_a_day_but_not_a_second_attendee(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    first, second = days_of(event)
    record_checkin(admin_pemkot_jambi, event=event, day=first, enrollment=budi, method="search")

    result = record_checkin(
        admin_pemkot_jambi, event=event, day=second, enrollment=budi, method="search"
    )

    assert not result.already
    budi.refresh_from_db()
    assert budi.days_attended == 2
    assert counter_of(event, dinkes_jambi) == (1, 1, 0)


def test_the_time_of_a_repeat_is_told_in_the_host_regions_time_zone(
    admin_pusat: User, dinkes_jambi: OrgUnit
) -> None:
    makassar = Region.objects.get(code="73.71", valid_until__isnull=True)
    event = running_event(admin_pusat, makassar)
    budi = seat_new(event, dinkes_jambi, 1)
    with time_machine.travel(MORNING, tick=False):
        result = record_checkin(
            admin_pusat, event=event, day=days_of(event)[0], enrollment=budi, method=QR
        )

    assert result.local_time == "08:42"  # WITA


def test_a_forged_ticket_is_refused(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    genuine = code_of(event, budi.pk)
    forged = genuine.replace(f".{budi.pk}.", f".{budi.pk + 1}.")

    assert error_of(admin_pemkot_jambi, event, forged).code == "ticket_invalid"
    assert error_of(admin_pemkot_jambi, event, "PH1.1.2.xyz").code == "ticket_invalid"
    assert error_of(admin_pemkot_jambi, event, "halo").code == "ticket_invalid"
    assert not Attendance.objects.exists()


def test_an_empty_code_asks_for_one(admin_pemkot_jambi: User, event: Event) -> None:
    assert error_of(admin_pemkot_jambi, event, "  ").code == "ticket_missing"


def test_a_ticket_for_another_event_is_refused(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, kota_jambi: Region
) -> None:
    other = make_event(event.program, kota_jambi, title="Angkatan II")
    budi = seat_new(other, dinkes_jambi, 1)

    error = error_of(admin_pemkot_jambi, event, code_of(other, budi.pk))

    assert error.code == "ticket_other_event"


@pytest.mark.parametrize("status", [EnrollmentStatus.REPLACED, EnrollmentStatus.WITHDRAWN])
def test_someone_no_longer_seated_is_not_on_the_list(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, status: str
) -> None:
    budi = seat_new(event, dinkes_jambi, 1, status=status)

    error = error_of(admin_pemkot_jambi, event, code_of(event, budi.pk))

    assert error.code == "not_on_list"
    assert error.message == "Tidak terdaftar sebagai peserta kegiatan ini"


def test_a_genuinely_signed_code_of_an_unknown_enrollment_is_not_on_the_list(
    admin_pemkot_jambi: User, event: Event
) -> None:
    assert error_of(admin_pemkot_jambi, event, code_of(event, 999_999)).code == "not_on_list"


def test_a_search_result_of_another_event_is_not_on_the_list(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, kota_jambi: Region
) -> None:
    other = make_event(event.program, kota_jambi, title="Angkatan II")
    budi = seat_new(other, dinkes_jambi, 1)

    with pytest.raises(DomainError) as caught:
        record_checkin(
            admin_pemkot_jambi, event=event, day=days_of(event)[0], enrollment=budi, method=QR
        )

    assert caught.value.code == "not_on_list"


@pytest.mark.parametrize(
    "user_fixture",
    ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "admin_dinkes_jambi", "peserta_budi"],
)
def test_staff_outside_the_host_region_may_not_check_in(
    request: pytest.FixtureRequest, event: Event, dinkes_jambi: OrgUnit, user_fixture: str
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    user = request.getfixturevalue(user_fixture)

    assert error_of(user, event, code_of(event, budi.pk)).code == "permission_denied"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("user_fixture", ["operator_kanwil_jambi", "admin_pusat"])
def test_the_kanwil_of_the_province_and_the_national_admin_may_check_in(
    request: pytest.FixtureRequest, event: Event, dinkes_jambi: OrgUnit, user_fixture: str
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    user = request.getfixturevalue(user_fixture)

    result = record_checkin(
        user, event=event, day=days_of(event)[0], code=code_of(event, budi.pk), method=QR
    )

    assert not result.already


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.FINISHED, EventStatus.CLOSED])
def test_the_desk_is_shut_unless_the_event_is_open_or_running(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, status: str
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()

    assert error_of(admin_pemkot_jambi, event, code_of(event, budi.pk)).code == "checkin_closed"


def test_a_day_of_another_event_is_refused(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit, kota_jambi: Region
) -> None:
    other = make_event(event.program, kota_jambi, title="Angkatan II")
    budi = seat_new(event, dinkes_jambi, 1)

    with pytest.raises(DomainError) as caught:
        record_checkin(
            admin_pemkot_jambi, event=event, day=days_of(other)[0], enrollment=budi, method=QR
        )

    assert caught.value.code == "day_invalid"


def test_an_unknown_method_is_refused(
    admin_pemkot_jambi: User, event: Event, dinkes_jambi: OrgUnit
) -> None:
    budi = seat_new(event, dinkes_jambi, 1)

    with pytest.raises(DomainError) as caught:
        record_checkin(
            admin_pemkot_jambi, event=event, day=days_of(event)[0], enrollment=budi, method="x"
        )

    assert caught.value.code == "method_invalid"


def test_counters_count_each_attendee_once_per_opd(
    admin_pemkot_jambi: User,
    event: Event,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> None:
    people = [
        seat_new(event, dinkes_jambi, 1),
        seat_new(event, puskesmas_simpang_kawat, 2),
        seat_new(event, disdik_jambi, 3),
        seat_new(event, disdik_jambi, 4),
    ]
    first, second = days_of(event)
    for person in people[:3]:
        for day in (first, second, first):
            record_checkin(admin_pemkot_jambi, event=event, day=day, enrollment=person, method=QR)

    assert counter_of(event, dinkes_jambi) == (2, 2, 0)
    assert counter_of(event, disdik_jambi) == (2, 1, 0)
    assert Attendance.objects.count() == 6
