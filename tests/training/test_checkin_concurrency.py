"""Several desks at once: the same ticket scanned on four desks at the same moment counts once."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from peduliham.accounts.models import User
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Attendance, CheckInMethod, Enrollment, Event, EventDay
from peduliham.training.services.checkin import record_checkin
from peduliham.training.tickets import ticket_code
from tests.training.factories_checkin import counter_of, days_of, running_event, seat_new

DESKS = 4


def at_once(work: Callable[[int], str]) -> list[str]:
    """Runs work(desk number) on DESKS threads released together; their answers."""
    start = threading.Barrier(DESKS)
    answers: list[str] = []

    def desk(number: int) -> None:
        try:
            start.wait()
            answers.append(work(number))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(DESKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def scan(user: User, event: Event, day: EventDay, enrollment: Enrollment, desk: int) -> str:
    code = ticket_code(event_id=event.pk, enrollment_id=enrollment.pk)
    result = record_checkin(
        user, event=event, day=day, code=code, desk=f"Meja {desk}", method=CheckInMethod.QR
    )
    return "already" if result.already else "recorded"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_ticket_scanned_on_four_desks_at_once_is_recorded_exactly_once(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    event = running_event(admin_pusat, kota_jambi)
    budi = seat_new(event, dinkes_jambi, 1)
    day = days_of(event)[0]

    answers = at_once(lambda desk: scan(admin_pemkot_jambi, event, day, budi, desk))

    assert sorted(answers) == ["already"] * (DESKS - 1) + ["recorded"]
    assert Attendance.objects.filter(enrollment=budi).count() == 1
    budi.refresh_from_db()
    assert budi.days_attended == 1
    assert counter_of(event, dinkes_jambi) == (1, 1, 0)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_four_desks_checking_in_different_people_of_one_opd_lose_no_count(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    event = running_event(admin_pusat, kota_jambi)
    people = [seat_new(event, dinkes_jambi, n) for n in range(DESKS)]
    day = days_of(event)[0]

    answers = at_once(lambda desk: scan(admin_pemkot_jambi, event, day, people[desk], desk))

    assert answers == ["recorded"] * DESKS
    assert counter_of(event, dinkes_jambi) == (DESKS, DESKS, 0)
