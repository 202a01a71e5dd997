"""The hall on PostgreSQL: the same submission sent twice at once is recorded once."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from peduliham.accounts.models import User
from peduliham.assessment.models import ExamAttempt
from peduliham.assessment.services.exams import save_answer, start_attempt, submit_attempt
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from tests.assessment.factories_exams import (
    _fresh_structure_cache,  # noqa: F401
    correct_option,
    exam_question_ids,
    make_bank,
    make_exam,
    participant,
)
from tests.training.factories_checkin import running_event

REQUESTS = 4


def at_once(work: Callable[[], object]) -> list[object]:
    """Runs `work` on REQUESTS threads released together; their results."""
    start = threading.Barrier(REQUESTS)
    results: list[object] = []

    def request() -> None:
        try:
            start.wait()
            results.append(work())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def fresh(attempt_id: int) -> ExamAttempt:
    return ExamAttempt.objects.select_related(
        "exam__event__host_region", "enrollment__asn", "enrollment__opd"
    ).get(pk=attempt_id)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submission_sent_four_times_at_once_is_scored_and_audited_once(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    make_bank()
    event = running_event(admin_pusat, kota_jambi)
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)
    attempt = fresh(start_attempt(user, exam=exam).pk)
    for question in exam_question_ids(exam)[:3]:
        save_answer(
            user,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(question),
        )

    results = at_once(lambda: submit_attempt(user, attempt=fresh(attempt.pk)))

    scores = {(r.correct, r.total, str(r.score), r.submitted_at) for r in results}  # type: ignore[attr-defined]
    assert len(scores) == 1
    assert next(iter(scores))[:3] == (3, 12, "25.00")
    assert AuditEntry.objects.filter(action="peduliham.assessment.attempt.submitted").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_start_pressed_four_times_at_once_makes_one_attempt(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    make_bank()
    event = running_event(admin_pusat, kota_jambi)
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)

    results = at_once(lambda: start_attempt(user, exam=exam).pk)

    assert len(set(results)) == 1
    assert ExamAttempt.objects.count() == 1
    assert AuditEntry.objects.filter(action="peduliham.assessment.attempt.started").count() == 1
