"""close_event with the event's post-test rule: none, taken, passed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from peduliham.accounts.models import User
from peduliham.assessment.models import Exam, ExamKind
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, Event, EventStatus, Outcome, PostTestRule
from peduliham.training.services.completion import close_event, post_test_requirements
from tests.assessment.factories_results import make_exam, make_questions, scored
from tests.training.factories_checkin import counter_of, running_event, seat_new


def finished_event(admin_pusat: User, region: Region, rule: str) -> Event:
    event = running_event(admin_pusat, region, status=EventStatus.FINISHED)
    Event.objects.filter(pk=event.pk).update(post_test_rule=rule)
    event.refresh_from_db()
    return event


def with_exams(event: Event, *, pass_mark: int = 70) -> tuple[Exam, Exam]:
    pre = make_exam(event, ExamKind.PRE, make_questions(2, prefix="PRE"))
    post = make_exam(event, ExamKind.POST, make_questions(2, prefix="POST"), pass_mark=pass_mark)
    return pre, post


def present(event: Event, unit: OrgUnit, number: int) -> Enrollment:
    return seat_new(event, unit, number, days_attended=2)


def outcome(enrollment: Enrollment) -> tuple[str, str]:
    enrollment.refresh_from_db()
    return enrollment.outcome, enrollment.outcome_reason


def test_rule_none_asks_nothing_of_the_post_test(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.NONE)
    with_exams(event)
    untested = present(event, dinkes_jambi, 1)

    report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (1, 0)
    assert outcome(untested) == (Outcome.COMPLETED, "")
    assert post_test_requirements(event) == ()


def test_rule_taken_completes_whoever_submitted_the_post_test_whatever_the_score(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.TAKEN)
    pre, post = with_exams(event)
    low, unsubmitted, pre_only, none = (present(event, dinkes_jambi, n) for n in range(4))
    scored(post, low, "10.00")
    scored(post, unsubmitted, "0", submitted=False)
    scored(pre, pre_only, "90.00")

    report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (1, 3)
    assert outcome(low) == (Outcome.COMPLETED, "")
    for enrollment in (unsubmitted, pre_only, none):
        assert outcome(enrollment) == (Outcome.NOT_COMPLETED, "Tidak mengerjakan post-test")
    assert counter_of(event, dinkes_jambi)[2] == 1


def test_rule_passed_names_each_failing_score_and_the_pass_mark(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.PASSED)
    _pre, post = with_exams(event, pass_mark=70)
    at_mark, above, low, lower, none = (present(event, dinkes_jambi, n) for n in range(5))
    scored(post, at_mark, "70.00")
    scored(post, above, "95.00")
    scored(post, low, "55.00")
    scored(post, lower, "12.50")

    report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (2, 3)
    assert outcome(at_mark) == (Outcome.COMPLETED, "")
    assert outcome(above) == (Outcome.COMPLETED, "")
    assert outcome(low) == (Outcome.NOT_COMPLETED, "Nilai post-test 55,00 di bawah nilai lulus 70")
    assert outcome(lower) == (
        Outcome.NOT_COMPLETED,
        "Nilai post-test 12,50 di bawah nilai lulus 70",
    )
    assert outcome(none) == (Outcome.NOT_COMPLETED, "Tidak mengerjakan post-test")
    entry = AuditEntry.objects.get(action="peduliham.training.event.closed")
    assert (entry.changes["completed"], entry.changes["not_completed"]) == (2, 3)


def test_an_absent_participant_keeps_the_attendance_reason_under_any_rule(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.PASSED)
    _pre, post = with_exams(event)
    absent = seat_new(event, dinkes_jambi, 1)
    scored(post, absent, "100.00")

    close_event(admin_pemkot_jambi, event=event)

    assert outcome(absent) == (
        Outcome.NOT_COMPLETED,
        "Tidak hadir pada hari mana pun (0 dari 2 hari)",
    )


def test_rule_passed_without_any_post_test_completes_nobody(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.PASSED)
    enrollment = present(event, dinkes_jambi, 1)

    report = close_event(admin_pemkot_jambi, event=event)

    assert report.completed == 0
    assert outcome(enrollment) == (Outcome.NOT_COMPLETED, "Tidak mengerjakan post-test")


def test_reasons_are_stored_in_indonesian_whatever_language_the_closer_uses(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.PASSED)
    _pre, post = with_exams(event)
    low = present(event, dinkes_jambi, 1)
    scored(post, low, "55.00")

    with translation.override("en"):
        close_event(admin_pemkot_jambi, event=event)

    assert outcome(low)[1] == "Nilai post-test 55,00 di bawah nilai lulus 70"


@pytest.mark.parametrize("people", [6, 60])
def test_closing_with_the_passed_rule_takes_the_same_queries_for_any_number_of_people(
    people: int,
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
) -> None:
    event = finished_event(admin_pusat, kota_jambi, PostTestRule.PASSED)
    _pre, post = with_exams(event)
    for number in range(people):
        scored(post, present(event, dinkes_jambi, number), ("40.00", "60.00", "80.00")[number % 3])

    with CaptureQueriesContext(connection) as queries:
        report = close_event(admin_pemkot_jambi, event=event)

    assert (report.completed, report.not_completed) == (people // 3, people - people // 3)
    assert len(queries) <= 25
