"""close_event: outcomes per attendance rule, with reasons, counters and the audit entry."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import (
    CheckInMethod,
    Enrollment,
    EnrollmentStatus,
    Event,
    EventStatus,
    Outcome,
)
from peduliham.training.services.checkin import record_checkin
from peduliham.training.services.completion import close_event, post_test_requirements
from tests.training.factories_checkin import (
    OCT_27,
    OCT_28,
    counter_of,
    days_of,
    make_event,
    running_event,
    seat_new,
)


def attend(user: User, event: Event, enrollment: Enrollment, day_numbers: list[int]) -> None:
    days = days_of(event)
    for number in day_numbers:
        record_checkin(
            user, event=event, day=days[number - 1], enrollment=enrollment, method=CheckInMethod.QR
        )


def finish(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(status=EventStatus.FINISHED)
    event.refresh_from_db()


def outcome(enrollment: Enrollment) -> tuple[str, str]:
    enrollment.refresh_from_db()
    return enrollment.outcome, enrollment.outcome_reason


def test_all_days_completes_only_those_present_every_day_and_says_which_day_was_missed(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    both, first_only, second_only, none = (seat_new(event, dinkes_jambi, n) for n in range(4))
    attend(admin_pemkot_jambi, event, both, [1, 2])
    attend(admin_pemkot_jambi, event, first_only, [1])
    attend(admin_pemkot_jambi, event, second_only, [2])
    finish(event)

    report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (1, 3)
    assert outcome(both) == (Outcome.COMPLETED, "")
    assert outcome(first_only) == (
        Outcome.NOT_COMPLETED,
        "Tidak hadir pada hari ke-2 (28 Okt 2025)",
    )
    assert outcome(second_only) == (
        Outcome.NOT_COMPLETED,
        "Tidak hadir pada hari ke-1 (27 Okt 2025)",
    )
    assert outcome(none) == (
        Outcome.NOT_COMPLETED,
        "Tidak hadir pada hari mana pun (0 dari 2 hari)",
    )
    both.refresh_from_db()
    assert both.completed_at is not None
    assert counter_of(event, dinkes_jambi) == (4, 3, 1)
    event.refresh_from_db()
    assert event.status == EventStatus.CLOSED
    assert event.closed_at is not None
    entry = AuditEntry.objects.get(action="peduliham.training.event.closed")
    assert entry.object_id == str(event.pk)
    assert entry.changes["completed"] == 1
    assert entry.changes["not_completed"] == 3


def test_any_day_completes_everyone_who_came_at_least_once(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi, rule="any_day")
    once, absent = seat_new(event, dinkes_jambi, 1), seat_new(event, dinkes_jambi, 2)
    attend(admin_pemkot_jambi, event, once, [2])
    finish(event)

    close_event(admin_pemkot_jambi, event=event)

    assert outcome(once) == (Outcome.COMPLETED, "")
    assert outcome(absent) == (Outcome.NOT_COMPLETED, "Hadir 0 dari 2 hari")


def test_min_days_completes_those_with_enough_days_and_tells_the_others_their_count(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    dates = (OCT_27, OCT_28, datetime.date(2025, 10, 29))
    event = make_event(
        running_event(admin_pusat, kota_jambi).program,
        kota_jambi,
        dates=dates,
        rule="min_days",
        min_days=2,
        title="Tiga hari",
    )
    two, one = seat_new(event, dinkes_jambi, 1), seat_new(event, dinkes_jambi, 2)
    attend(admin_pemkot_jambi, event, two, [1, 3])
    attend(admin_pemkot_jambi, event, one, [2])
    finish(event)

    close_event(admin_pemkot_jambi, event=event)

    assert outcome(two) == (Outcome.COMPLETED, "")
    assert outcome(one) == (Outcome.NOT_COMPLETED, "Hadir 1 dari 3 hari; minimal 2 hari")


def test_replaced_and_withdrawn_enrollments_keep_their_pending_outcome(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    gone = seat_new(event, dinkes_jambi, 1, status=EnrollmentStatus.WITHDRAWN)
    finish(event)

    report = close_event(admin_pemkot_jambi, event=event)

    assert report.completed + report.not_completed == 0
    assert outcome(gone) == (Outcome.PENDING, "")


def test_closing_an_event_takes_a_handful_of_queries_not_one_per_participant(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = running_event(admin_pusat, kota_jambi)
    people = [seat_new(event, dinkes_jambi, n) for n in range(60)]
    for index, person in enumerate(people):
        attend(admin_pemkot_jambi, event, person, [[1, 2], [1], [2], []][index % 4])
    finish(event)

    with CaptureQueriesContext(connection) as queries:
        report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (15, 45)
    assert len(queries) < 25
    assert counter_of(event, dinkes_jambi) == (60, 45, 15)


@pytest.mark.parametrize("status", [EventStatus.RUNNING, EventStatus.CLOSED, EventStatus.DRAFT])
def test_only_a_finished_event_can_be_closed(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, status: str
) -> None:
    event = running_event(admin_pusat, kota_jambi, status=status)

    with pytest.raises(DomainError) as caught:
        close_event(admin_pemkot_jambi, event=event)

    assert caught.value.code == "transition_invalid"
    assert not AuditEntry.objects.filter(action="peduliham.training.event.closed").exists()


@pytest.mark.parametrize(
    "user_fixture", ["operator_kanwil_riau", "admin_pemkot_pekanbaru", "admin_dinkes_jambi"]
)
def test_users_outside_the_host_region_may_not_close_the_event(
    request: pytest.FixtureRequest, admin_pusat: User, kota_jambi: Region, user_fixture: str
) -> None:
    event = running_event(admin_pusat, kota_jambi, status=EventStatus.FINISHED)

    with pytest.raises(DomainError) as caught:
        close_event(request.getfixturevalue(user_fixture), event=event)

    assert caught.value.code == "permission_denied"
    event.refresh_from_db()
    assert event.status == EventStatus.FINISHED


def test_there_are_no_post_test_requirements_yet(admin_pusat: User, kota_jambi: Region) -> None:
    assert list(post_test_requirements(running_event(admin_pusat, kota_jambi))) == []
