"""Exam services: drawing, starting, answering, submitting and the auto-submitter."""

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from peduliham.accounts.models import User
from peduliham.assessment.models import Answer, Exam, ExamAttempt, ExamKind, Option, Question, Topic
from peduliham.assessment.selectors.exams import shown_questions
from peduliham.assessment.services.exams import (
    GRACE,
    close_expired_attempts,
    save_answer,
    start_attempt,
    submit_attempt,
    update_exam_window,
)
from peduliham.assessment.tasks import submit_expired_attempt
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import EnrollmentStatus, Event
from tests.assessment.factories_exams import (
    SMALL_BLUEPRINT,
    _fresh_structure_cache,  # noqa: F401
    correct_option,
    exam_question_ids,
    make_bank,
    make_exam,
    participant,
    wrong_option,
)
from tests.training.factories_checkin import make_event, running_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(admin_pusat: User, kota_jambi: Region) -> Event:
    make_bank()
    return running_event(admin_pusat, kota_jambi)


def audits(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_an_exam_draws_the_blueprint_and_is_audited(event: Event, admin_pemkot_jambi: User) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    topics = list(exam.questions.values_list("question__topic", flat=True))
    assert len(topics) == 12
    assert {t: topics.count(t) for t in set(topics)} == SMALL_BLUEPRINT
    entry = AuditEntry.objects.get(action="peduliham.assessment.exam.created")
    assert entry.region_code == "15.71"
    assert entry.changes["kind"] == "pre"


def test_the_pre_and_post_test_share_no_question(event: Event, admin_pemkot_jambi: User) -> None:
    pre = make_exam(admin_pemkot_jambi, event, seed=1)
    post = make_exam(admin_pemkot_jambi, event, kind=ExamKind.POST, seed=1)
    pre_ids = set(pre.questions.values_list("question_id", flat=True))
    post_ids = set(post.questions.values_list("question_id", flat=True))
    assert pre_ids.isdisjoint(post_ids)
    assert len(post_ids) == 12


def test_the_kanwil_of_the_province_may_create_the_exam(
    event: Event, operator_kanwil_jambi: User
) -> None:
    assert make_exam(operator_kanwil_jambi, event).kind == "pre"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"kind": "mid"}, "kind_invalid"),
        ({"window": "reversed"}, "window_invalid"),
        ({"blueprint": {"concepts": 6}}, "not_enough_questions"),
        ({"blueprint": {"nonsense": 1}}, "blueprint_invalid"),
        ({"blueprint": {"concepts": 0}}, "blueprint_invalid"),
        ({"minutes": 0}, "time_limit_invalid"),
    ],
)
def test_an_invalid_exam_is_refused_with_its_code(
    event: Event, admin_pemkot_jambi: User, change: dict[str, Any], code: str
) -> None:
    now = timezone.now()
    options: dict[str, Any] = {
        "blueprint": change.get("blueprint"),
        "minutes": change.get("minutes", 30),
    }
    if "window" in change:
        options |= {"opens_at": now, "closes_at": now - datetime.timedelta(hours=1)}
    with pytest.raises(DomainError) as error:
        make_exam(admin_pemkot_jambi, event, kind=change.get("kind", "pre"), **options)
    assert error.value.code == code
    assert audits("peduliham.assessment.exam.created") == 0


def test_a_second_exam_of_the_same_kind_is_refused(event: Event, admin_pemkot_jambi: User) -> None:
    make_exam(admin_pemkot_jambi, event)
    with pytest.raises(DomainError) as error:
        make_exam(admin_pemkot_jambi, event)
    assert error.value.code == "exam_exists"


def test_the_post_test_must_use_the_pre_tests_blueprint(
    event: Event, admin_pemkot_jambi: User
) -> None:
    make_exam(admin_pemkot_jambi, event)
    with pytest.raises(DomainError) as error:
        make_exam(admin_pemkot_jambi, event, kind="post", blueprint={"concepts": 2})
    assert error.value.code == "blueprint_mismatch"


def test_the_post_test_runs_short_when_the_pre_test_used_the_bank(
    event: Event, admin_pemkot_jambi: User
) -> None:
    big = dict.fromkeys(Topic.values, 3)
    make_exam(admin_pemkot_jambi, event, blueprint=big)
    with pytest.raises(DomainError) as error:
        make_exam(admin_pemkot_jambi, event, kind="post", blueprint=big)
    assert error.value.code == "not_enough_questions"


def test_inactive_questions_are_never_drawn(event: Event, admin_pemkot_jambi: User) -> None:
    Question.objects.filter(topic="concepts", code__endswith="1").update(is_active=False)
    exam = make_exam(admin_pemkot_jambi, event, blueprint={"concepts": 4})
    assert not exam.questions.filter(question__is_active=False).exists()


def test_another_city_may_not_create_the_exam(event: Event, admin_pemkot_pekanbaru: User) -> None:
    with pytest.raises(PermissionDenied):
        make_exam(admin_pemkot_pekanbaru, event)


def test_the_window_moves_only_before_anyone_started(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    later = exam.closes_at + datetime.timedelta(hours=1)
    update_exam_window(
        admin_pemkot_jambi,
        exam=exam,
        opens_at=exam.opens_at,
        closes_at=later,
        time_limit_minutes=20,
    )
    assert audits("peduliham.assessment.exam.window_changed") == 1
    user, _seat = participant(event, dinkes_jambi, 1)
    start_attempt(user, exam=exam)
    with pytest.raises(DomainError) as error:
        update_exam_window(
            admin_pemkot_jambi,
            exam=exam,
            opens_at=exam.opens_at,
            closes_at=later,
            time_limit_minutes=25,
        )
    assert error.value.code == "exam_started"


def test_starting_twice_returns_the_same_attempt(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event, minutes=30)
    user, _seat = participant(event, dinkes_jambi, 1)
    first = start_attempt(user, exam=exam)
    assert start_attempt(user, exam=exam).pk == first.pk
    assert first.deadline_at == first.started_at + datetime.timedelta(minutes=30)
    assert audits("peduliham.assessment.attempt.started") == 1


def test_starting_again_after_the_exam_closed_returns_the_attempt(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)
    first = start_attempt(user, exam=exam)
    with time_machine.travel(exam.closes_at + datetime.timedelta(minutes=1)):
        again = start_attempt(user, exam=exam)
    assert (again.pk, again.seed, again.deadline_at) == (first.pk, first.seed, first.deadline_at)
    assert audits("peduliham.assessment.attempt.started") == 1


def test_a_started_attempt_is_stored_as_returned(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)
    started = start_attempt(user, exam=exam)
    stored = ExamAttempt.objects.get(pk=started.pk)
    assert (stored.seed, stored.started_at, stored.deadline_at) == (
        started.seed,
        started.started_at,
        started.deadline_at,
    )
    assert (stored.submitted_at, stored.auto_submitted, stored.total) == (None, False, 0)
    assert AuditEntry.objects.get(action="peduliham.assessment.attempt.started").object_id == str(
        started.pk
    )


def test_the_deadline_never_passes_the_exam_closing(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    now = timezone.now()
    closes = now + datetime.timedelta(minutes=10)
    exam = make_exam(admin_pemkot_jambi, event, closes_at=closes, minutes=30)
    user, _seat = participant(event, dinkes_jambi, 1)
    assert start_attempt(user, exam=exam).deadline_at == closes


def test_a_participant_of_another_event_is_refused(
    event: Event,
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    other = make_event(event.program, kota_jambi, title="Angkatan II")
    user, _seat = participant(other, dinkes_jambi, 1)
    with pytest.raises(PermissionDenied):
        start_attempt(user, exam=exam)


def test_a_replaced_participant_is_refused(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1, status=EnrollmentStatus.REPLACED)
    with pytest.raises(PermissionDenied):
        start_attempt(user, exam=exam)


@pytest.mark.parametrize(("shift", "code"), [(-3, "exam_not_open"), (3, "exam_closed")])
def test_starting_outside_the_window_is_refused(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit, shift: int, code: str
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(hours=shift)),
        pytest.raises(DomainError) as error,
    ):
        start_attempt(user, exam=exam)
    assert error.value.code == code


@pytest.fixture
def taking(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> tuple[User, ExamAttempt]:
    exam = make_exam(admin_pemkot_jambi, event)
    user, _seat = participant(event, dinkes_jambi, 1)
    attempt = start_attempt(user, exam=exam)
    return user, ExamAttempt.objects.select_related(
        "exam__event__host_region", "enrollment__asn", "enrollment__opd"
    ).get(pk=attempt.pk)


def test_changing_an_answer_updates_the_one_row(taking: tuple[User, ExamAttempt]) -> None:
    user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    save_answer(
        user, exam_id=attempt.exam_id, exam_question_id=question, option_id=wrong_option(question)
    )
    save_answer(
        user, exam_id=attempt.exam_id, exam_question_id=question, option_id=correct_option(question)
    )
    assert list(Answer.objects.values_list("exam_question_id", "option_id")) == [
        (question, correct_option(question))
    ]


def test_an_answer_is_one_query(
    taking: tuple[User, ExamAttempt], django_assert_num_queries: Any
) -> None:
    user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    option = correct_option(question)
    save_answer(
        user, exam_id=attempt.exam_id, exam_question_id=question, option_id=option
    )  # warms the cache
    with django_assert_num_queries(1):
        save_answer(user, exam_id=attempt.exam_id, exam_question_id=question, option_id=option)


@pytest.mark.parametrize("wrong", ["question", "option"])
def test_an_option_of_another_question_is_refused(
    taking: tuple[User, ExamAttempt], wrong: str
) -> None:
    user, attempt = taking
    first, second = exam_question_ids(attempt.exam)[:2]
    question = 999_999 if wrong == "question" else first
    with pytest.raises(DomainError) as error:
        save_answer(
            user,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(second),
        )
    assert error.value.code == f"{wrong}_invalid"
    assert not Answer.objects.exists()


def test_someone_without_an_attempt_may_not_answer(
    taking: tuple[User, ExamAttempt], peserta_budi: User
) -> None:
    _user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    with pytest.raises(NotFound) as error:
        save_answer(
            peserta_budi,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(question),
        )
    assert error.value.code == "attempt_not_found"
    assert not Answer.objects.exists()


def test_a_bad_question_from_someone_without_an_attempt_is_not_found_either(
    taking: tuple[User, ExamAttempt], peserta_budi: User
) -> None:
    _user, attempt = taking
    with pytest.raises(NotFound):
        save_answer(peserta_budi, exam_id=attempt.exam_id, exam_question_id=1, option_id=1)


def test_a_logged_out_user_may_not_answer(taking: tuple[User, ExamAttempt]) -> None:
    _user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    with pytest.raises(NotFound):
        save_answer(
            AnonymousUser(),
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(question),
        )
    assert not Answer.objects.exists()


def test_each_answer_lands_in_the_answering_persons_own_attempt(
    taking: tuple[User, ExamAttempt], dinkes_jambi: OrgUnit
) -> None:
    ani, attempt = taking
    citra, _seat = participant(attempt.exam.event, dinkes_jambi, 2)
    theirs = start_attempt(citra, exam=attempt.exam)
    question = exam_question_ids(attempt.exam)[0]
    save_answer(
        ani, exam_id=attempt.exam_id, exam_question_id=question, option_id=correct_option(question)
    )
    save_answer(
        citra, exam_id=attempt.exam_id, exam_question_id=question, option_id=wrong_option(question)
    )
    assert set(Answer.objects.values_list("attempt_id", "option_id")) == {
        (attempt.pk, correct_option(question)),
        (theirs.pk, wrong_option(question)),
    }


def test_an_answer_to_an_exam_this_process_cached_under_another_creation_time_is_rechecked(
    taking: tuple[User, ExamAttempt],
) -> None:
    user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    save_answer(
        user, exam_id=attempt.exam_id, exam_question_id=question, option_id=wrong_option(question)
    )
    Exam.objects.filter(pk=attempt.exam_id).update(
        created_at=attempt.exam.created_at + datetime.timedelta(seconds=1)
    )
    save_answer(
        user, exam_id=attempt.exam_id, exam_question_id=question, option_id=correct_option(question)
    )
    assert Answer.objects.get().option_id == correct_option(question)


def test_answers_after_the_deadline_and_grace_are_refused(taking: tuple[User, ExamAttempt]) -> None:
    user, attempt = taking
    question = exam_question_ids(attempt.exam)[0]
    with time_machine.travel(attempt.deadline_at + GRACE - datetime.timedelta(seconds=1)):
        save_answer(
            user,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(question),
        )
    with (
        time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=1)),
        pytest.raises(DomainError) as error,
    ):
        save_answer(
            user,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=wrong_option(question),
        )
    assert error.value.code == "deadline_passed"


def answer_half(user: User, attempt: ExamAttempt) -> None:
    for n, question in enumerate(exam_question_ids(attempt.exam)):
        option = correct_option(question) if n % 2 == 0 else wrong_option(question)
        save_answer(user, exam_id=attempt.exam_id, exam_question_id=question, option_id=option)


def test_submitting_twice_scores_and_audits_once(taking: tuple[User, ExamAttempt]) -> None:
    user, attempt = taking
    answer_half(user, attempt)
    first = submit_attempt(user, attempt=attempt)
    again = submit_attempt(
        user,
        attempt=ExamAttempt.objects.select_related("exam", "enrollment__asn").get(pk=attempt.pk),
    )
    assert (first.correct, first.total, str(first.score)) == (6, 12, "50.00")
    assert (again.correct, again.score, again.submitted_at) == (6, first.score, first.submitted_at)
    assert audits("peduliham.assessment.attempt.submitted") == 1


def test_a_stale_copy_of_the_attempt_submits_nothing_more(taking: tuple[User, ExamAttempt]) -> None:
    user, attempt = taking
    stale = ExamAttempt.objects.select_related(
        "exam__event__host_region", "enrollment__asn", "enrollment__opd"
    ).get(pk=attempt.pk)
    submit_attempt(user, attempt=attempt)
    result = submit_attempt(user, attempt=stale)
    assert result.submitted_at == attempt.submitted_at
    assert audits("peduliham.assessment.attempt.submitted") == 1


def test_answers_after_submission_are_refused(taking: tuple[User, ExamAttempt]) -> None:
    user, attempt = taking
    submit_attempt(user, attempt=attempt)
    question = exam_question_ids(attempt.exam)[0]
    with pytest.raises(DomainError) as error:
        save_answer(
            user,
            exam_id=attempt.exam_id,
            exam_question_id=question,
            option_id=correct_option(question),
        )
    assert error.value.code == "attempt_submitted"


def test_a_late_manual_submission_is_refused_but_the_auto_submitter_may(
    taking: tuple[User, ExamAttempt],
) -> None:
    user, attempt = taking
    with time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=5)):
        with pytest.raises(DomainError) as error:
            submit_attempt(user, attempt=attempt)
        result = submit_attempt(user, attempt=attempt, auto=True)
    assert error.value.code == "deadline_passed"
    assert result.auto_submitted
    assert result.score == 0


def test_expired_attempts_are_submitted_with_what_was_saved(
    taking: tuple[User, ExamAttempt], event: Event, dinkes_jambi: OrgUnit
) -> None:
    user, attempt = taking
    answer_half(user, attempt)
    other, _seat = participant(event, dinkes_jambi, 2)
    fresh = start_attempt(other, exam=attempt.exam)
    ExamAttempt.objects.filter(pk=fresh.pk).update(
        deadline_at=timezone.now() + datetime.timedelta(hours=3)
    )
    with time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=1)):
        assert close_expired_attempts() == 1
        assert close_expired_attempts() == 0
    attempt.refresh_from_db()
    assert attempt.auto_submitted
    assert (attempt.correct, attempt.total, str(attempt.score)) == (
        6,
        12,
        "50.00",
    )
    assert ExamAttempt.objects.get(pk=fresh.pk).submitted_at is None
    entry = AuditEntry.objects.get(action="peduliham.assessment.attempt.auto_submitted")
    assert entry.changes == {"attempts": [attempt.pk]}


def test_the_command_and_the_task_submit_expired_attempts(taking: tuple[User, ExamAttempt]) -> None:
    _user, attempt = taking
    assert submit_expired_attempt.call(attempt.pk) is False  # not yet
    with time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=1)):
        call_command("close_expired_attempts")
        assert submit_expired_attempt.call(attempt.pk) is False  # already done
    attempt.refresh_from_db()
    assert attempt.auto_submitted
    assert attempt.score == 0


def test_the_deferred_task_submits_one_attempt(taking: tuple[User, ExamAttempt]) -> None:
    _user, attempt = taking
    with time_machine.travel(attempt.deadline_at + GRACE + datetime.timedelta(seconds=1)):
        assert submit_expired_attempt.call(attempt.pk) is True
    assert ExamAttempt.objects.get(pk=attempt.pk).auto_submitted


def test_each_person_sees_a_stable_shuffle_of_the_same_options(
    event: Event, admin_pemkot_jambi: User, dinkes_jambi: OrgUnit
) -> None:
    exam = make_exam(admin_pemkot_jambi, event)
    orders = []
    for n in range(1, 6):
        user, _seat = participant(event, dinkes_jambi, n)
        attempt = start_attempt(user, exam=exam)
        first = [tuple(o.id for o in q.options) for q in shown_questions(attempt, {})]
        assert first == [tuple(o.id for o in q.options) for q in shown_questions(attempt, {})]
        orders.append(tuple(first))
    assert len(set(orders)) > 1
    question = shown_questions(attempt, {})[0]
    assert sorted(o.id for o in question.options) == sorted(
        Option.objects.filter(question_id=question.question.question_id).values_list(
            "pk", flat=True
        )
    )
