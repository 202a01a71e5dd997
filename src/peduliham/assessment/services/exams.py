"""Writes for pre/post tests: drawing an exam, starting, answering and submitting attempts.

Built for the hall: 1,000 people start within a minute and save 25 answers
each. Starting is a get-or-create decided by UNIQUE(exam, enrollment); an
answer is one INSERT … ON CONFLICT DO UPDATE checked against the exam's
cached structure; a submission is claimed by a conditional UPDATE, so a
retried or doubled request records it exactly once.
"""

import datetime
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.assessment import scoring
from peduliham.assessment.models import (
    Answer,
    Exam,
    ExamAttempt,
    ExamKind,
    ExamQuestion,
    Question,
    Topic,
)
from peduliham.assessment.selectors.exams import (
    attempt_to_answer,
    exam_structure,
    exam_structure_by_id,
)
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.people.models import ASN
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event, EventStatus
from peduliham.training.services.events import authorise_manager

#: Answers and submissions arriving this long after the deadline still count:
#: the phone sent them in time, the hall's Wi-Fi delivered them late.
GRACE = datetime.timedelta(seconds=15)

#: Attempts the auto-submitter closes per transaction.
CLOSE_BATCH = 500


def _check_window(opens_at: datetime.datetime, closes_at: datetime.datetime) -> None:
    if timezone.is_naive(opens_at) or timezone.is_naive(closes_at) or closes_at <= opens_at:
        raise DomainError(_("Waktu tutup harus setelah waktu buka."), code="window_invalid")


def _check_limits(time_limit_minutes: int, pass_mark: int) -> None:
    if not 1 <= time_limit_minutes <= 600:
        raise DomainError(_("Batas waktu harus 1 sampai 600 menit."), code="time_limit_invalid")
    if not 0 <= pass_mark <= 100:
        raise DomainError(_("Nilai lulus harus 0 sampai 100."), code="pass_mark_invalid")


def clean_blueprint(blueprint: Mapping[str, int]) -> dict[str, int]:
    """The blueprint without empty topics (blueprint_invalid for unknown topics or counts)."""
    cleaned: dict[str, int] = {}
    for topic, count in blueprint.items():
        if topic not in Topic.values or not isinstance(count, int) or count < 0:
            raise DomainError(_("Kisi-kisi soal tidak valid."), code="blueprint_invalid")
        if count:
            cleaned[topic] = count
    if not cleaned:
        raise DomainError(
            _("Kisi-kisi memerlukan paling sedikit satu soal."), code="blueprint_invalid"
        )
    return dict(sorted(cleaned.items()))


def _used_by_other(event: Event, kind: str, blueprint: dict[str, int]) -> set[int]:
    """Questions of the event's other test, which this one must not repeat (blueprint_mismatch)."""
    other = Exam.objects.filter(event=event).exclude(kind=kind).first()
    if other is None:
        return set()
    if other.blueprint != blueprint:
        raise DomainError(
            _("Pre-test dan post-test harus memakai kisi-kisi yang sama."),
            code="blueprint_mismatch",
        )
    return set(other.questions.values_list("question_id", flat=True))


def _draw(blueprint: dict[str, int], used: set[int], seed: int) -> list[int]:
    pool: dict[str, list[int]] = {}
    active = Question.objects.filter(is_active=True, topic__in=list(blueprint)).exclude(pk__in=used)
    for topic, pk in active.values_list("topic", "pk"):
        pool.setdefault(topic, []).append(pk)
    try:
        return scoring.draw_questions(pool, blueprint, seed=seed)
    except ValueError as error:
        raise DomainError(
            _("Soal aktif untuk topik %(topic)s tidak cukup.") % {"topic": Topic(str(error)).label},
            code="not_enough_questions",
        ) from error


@transaction.atomic
def create_exam(
    actor: Any,
    *,
    event: Event,
    kind: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    time_limit_minutes: int,
    pass_mark: int = 70,
    blueprint: Mapping[str, int],
    seed: int | None = None,
) -> Exam:
    """Draw the event's pre- or post-test from the bank.

    Errors: permission_denied, kind_invalid, event_closed, window_invalid,
    time_limit_invalid, pass_mark_invalid, blueprint_invalid, blueprint_mismatch,
    exam_exists, not_enough_questions.
    """
    authorise_manager(actor, event.host_region)
    if kind not in ExamKind.values:
        raise DomainError(_("Jenis ujian tidak dikenal."), code="kind_invalid")
    if event.status == EventStatus.CLOSED:
        raise DomainError(_("Kegiatan sudah ditutup."), code="event_closed")
    _check_window(opens_at, closes_at)
    _check_limits(time_limit_minutes, pass_mark)
    plan = clean_blueprint(blueprint)
    if Exam.objects.filter(event=event, kind=kind).exists():
        raise DomainError(_("Ujian ini sudah dibuat untuk kegiatan tersebut."), code="exam_exists")
    seed = secrets.randbelow(2**53) if seed is None else seed
    drawn = _draw(plan, _used_by_other(event, kind, plan), seed)
    try:
        with transaction.atomic():
            exam = Exam.objects.create(
                event=event,
                kind=kind,
                opens_at=opens_at,
                closes_at=closes_at,
                time_limit_minutes=time_limit_minutes,
                pass_mark=pass_mark,
                blueprint=plan,
                seed=seed,
                created_by=actor,
            )
    except IntegrityError as error:  # the same form sent twice at once
        raise DomainError(
            _("Ujian ini sudah dibuat untuk kegiatan tersebut."), code="exam_exists"
        ) from error
    ExamQuestion.objects.bulk_create(
        ExamQuestion(exam=exam, question_id=pk, position=n) for n, pk in enumerate(drawn, start=1)
    )
    log_action(
        actor,
        "peduliham.assessment.exam.created",
        exam,
        region_code=event.host_region.code,
        changes={
            "event": event.pk,
            "kind": kind,
            "opens_at": opens_at.isoformat(),
            "closes_at": closes_at.isoformat(),
            "time_limit_minutes": time_limit_minutes,
            "pass_mark": pass_mark,
            "blueprint": plan,
            "seed": seed,
            "questions": drawn,
        },
    )
    return exam


@transaction.atomic
def update_exam_window(
    actor: Any,
    *,
    exam: Exam,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    time_limit_minutes: int,
) -> Exam:
    """Move an exam's window or time limit before anyone started it.

    Errors: permission_denied, exam_started, window_invalid, time_limit_invalid.
    """
    authorise_manager(actor, exam.event.host_region)
    if exam.attempts.exists():
        raise DomainError(_("Ujian sudah mulai dikerjakan."), code="exam_started")
    _check_window(opens_at, closes_at)
    _check_limits(time_limit_minutes, exam.pass_mark)
    before = [exam.opens_at.isoformat(), exam.closes_at.isoformat(), exam.time_limit_minutes]
    exam.opens_at, exam.closes_at, exam.time_limit_minutes = opens_at, closes_at, time_limit_minutes
    exam.save(update_fields=["opens_at", "closes_at", "time_limit_minutes"])
    log_action(
        actor,
        "peduliham.assessment.exam.window_changed",
        exam,
        region_code=exam.event.host_region.code,
        changes={
            "before": before,
            "after": [opens_at.isoformat(), closes_at.isoformat(), time_limit_minutes],
        },
    )
    return exam


def _seat_for(user: Any, exam: Exam) -> Enrollment:
    seat = (
        Enrollment.objects.select_related("opd")
        .filter(event_id=exam.event_id, asn__user_id=user.pk, status__in=SEATED_STATUSES)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if seat is None:
        raise PermissionDenied(_("Anda bukan peserta kegiatan ujian ini."))
    return seat


def _check_open(exam: Exam, now: datetime.datetime) -> None:
    if now < exam.opens_at:
        raise DomainError(_("Ujian belum dibuka."), code="exam_not_open")
    if now >= exam.closes_at:
        raise DomainError(_("Ujian sudah ditutup."), code="exam_closed")


def _start_sql() -> str:
    table = ExamAttempt._meta.db_table
    # PostgreSQL and SQLite: the new attempt's id, or no row when one already exists
    # (UNIQUE(exam, enrollment): a double click or two tabs), with no savepoint.
    return (
        f'INSERT INTO "{table}" (exam_id, enrollment_id, seed, started_at, deadline_at, '  # noqa: S608
        "auto_submitted, total) VALUES (%s, %s, %s, %s, %s, %s, 0) "
        "ON CONFLICT (exam_id, enrollment_id) DO NOTHING RETURNING id"
    )


def _insert_attempt(exam: Exam, seat: Enrollment, now: datetime.datetime) -> ExamAttempt | None:
    """The attempt started now, or None if the person already has one."""
    deadline = min(now + datetime.timedelta(minutes=exam.time_limit_minutes), exam.closes_at)
    attempt = ExamAttempt(
        exam=exam,
        enrollment=seat,
        seed=secrets.randbelow(2**53),
        started_at=now,
        deadline_at=deadline,
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            _start_sql(),
            [exam.pk, seat.pk, attempt.seed, adapt(now), adapt(deadline), False],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    attempt.pk = row[0]
    attempt._state.adding = False
    return attempt


@transaction.atomic
def start_attempt(user: Any, *, exam: Exam) -> ExamAttempt:
    """The participant's attempt at the exam, started now unless it already was.

    Errors: permission_denied, exam_not_open, exam_closed.
    """
    seat = _seat_for(user, exam)
    now = timezone.now()
    try:
        _check_open(exam, now)
    except DomainError:
        existing = ExamAttempt.objects.filter(exam=exam, enrollment=seat).first()
        if existing is None:
            raise
        return existing  # started in time: the result page or the auto-submit shows the rest
    attempt = _insert_attempt(exam, seat, now)
    if attempt is None:  # already started (or started at this very moment by a second tab)
        return ExamAttempt.objects.get(exam=exam, enrollment=seat)
    log_action(
        user,
        "peduliham.assessment.attempt.started",
        attempt,
        region_code=exam.event.host_region.code,
        unit_path=seat.opd.path,
        changes={"exam": exam.pk, "deadline_at": attempt.deadline_at.isoformat()},
    )
    transaction.on_commit(lambda: _schedule_auto_submit(attempt))
    return attempt


def _schedule_auto_submit(attempt: ExamAttempt) -> None:
    """A deferred task that submits the attempt at its deadline, where the backend can wait.

    Backends that cannot (the immediate one in tests) rely on the cron command.
    """
    from peduliham.assessment.tasks import submit_expired_attempt

    if default_task_backend.supports_defer:
        submit_expired_attempt.using(run_after=attempt.deadline_at + GRACE).enqueue(attempt.pk)


def _check_owner(user: Any, attempt: ExamAttempt) -> None:
    if user is None or attempt.enrollment.asn.user_id != user.pk:
        raise PermissionDenied(_("Ini bukan ujian Anda."))


def _not_started() -> NotFound:
    return NotFound(_("Ini bukan ujian Anda."), code="attempt_not_found")


def _upsert_sql() -> str:
    answer, attempt = Answer._meta.db_table, ExamAttempt._meta.db_table
    exam, enrollment = Exam._meta.db_table, Enrollment._meta.db_table
    person = ASN._meta.db_table
    # Both PostgreSQL and SQLite: one statement that inserts or replaces the answer, and
    # inserts nothing unless the attempt at this exam is the user's, is not submitted and
    # is within its deadline, and the exam is the one this process cached (its created_at).
    return (
        f'INSERT INTO "{answer}" (attempt_id, exam_question_id, option_id, answered_at) '  # noqa: S608
        f'SELECT a.id, %s, %s, %s FROM "{attempt}" a '
        f'JOIN "{enrollment}" e ON e.id = a.enrollment_id '
        f'JOIN "{person}" p ON p.id = e.asn_id '
        f'JOIN "{exam}" x ON x.id = a.exam_id '
        "WHERE a.exam_id = %s AND p.user_id = %s AND x.created_at = %s "
        "AND a.submitted_at IS NULL AND a.deadline_at >= %s "
        "ON CONFLICT (attempt_id, exam_question_id) "
        "DO UPDATE SET option_id = excluded.option_id, answered_at = excluded.answered_at"
    )


def save_answer(user: Any, *, exam_id: int, exam_question_id: int, option_id: int) -> None:
    """Record (or change) the participant's answer in their attempt at an exam: one SQL statement.

    The statement itself checks the attempt (the user's, not submitted, within
    the deadline); why it wrote nothing is worked out only then, on the rare path.
    Not audited: the answer row is its own record, and the hall writes 25,000 of them.
    Errors: attempt_not_found, attempt_submitted, deadline_passed, question_invalid,
    option_invalid.
    """
    if not getattr(user, "is_authenticated", False):
        raise _not_started()
    now = timezone.now()
    for fresh in (False, True):  # once more only if this process's copy of the exam was stale
        known = exam_structure_by_id(exam_id, fresh=fresh)
        if known is None:
            raise _not_started()
        structure, stamp = known
        options = structure.option_ids.get(exam_question_id)
        valid = options is not None and option_id in options
        if valid and _upsert(user, exam_id, exam_question_id, option_id, now, stamp):
            return
        if _refusal_checked(user, exam_id, now, stamp):
            _check_choice(options, option_id)
    raise _not_started()


def _check_choice(options: frozenset[int] | None, option_id: int) -> None:
    if options is None:
        raise DomainError(_("Soal tidak ada dalam ujian ini."), code="question_invalid")
    if option_id not in options:
        raise DomainError(_("Pilihan jawaban tidak sesuai soal."), code="option_invalid")


def _upsert(
    user: Any,
    exam_id: int,
    exam_question_id: int,
    option_id: int,
    now: datetime.datetime,
    stamp: datetime.datetime,
) -> bool:
    adapt = connection.ops.adapt_datetimefield_value
    params = [exam_question_id, option_id, adapt(now), exam_id, user.pk, adapt(stamp)]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [*params, adapt(now - GRACE)])
        return bool(cursor.rowcount)


def _refusal_checked(
    user: Any, exam_id: int, now: datetime.datetime, stamp: datetime.datetime
) -> bool:
    """Raise why the user may not answer this exam now; else whether the cached exam is current."""
    attempt = attempt_to_answer(user, exam_id)
    if attempt is None:
        raise _not_started()
    if attempt.submitted_at is not None:
        raise DomainError(_("Ujian sudah dikumpulkan."), code="attempt_submitted")
    if now > attempt.deadline_at + GRACE:
        raise DomainError(_("Waktu ujian sudah habis."), code="deadline_passed")
    return attempt.exam.created_at == stamp


@transaction.atomic
def submit_attempt(user: Any, *, attempt: ExamAttempt, auto: bool = False) -> ExamAttempt:
    """Submit an attempt and store its score, exactly once; a repeat returns the stored result.

    `auto` is the auto-submitter (the deadline passed): it may submit late and
    may act without a user. Errors: permission_denied, deadline_passed.
    """
    if not auto or user is not None:
        _check_owner(user, attempt)
    if attempt.submitted_at is not None:
        return attempt
    now = timezone.now()
    if not auto and now > attempt.deadline_at + GRACE:
        raise DomainError(_("Waktu ujian sudah habis."), code="deadline_passed")
    claimed = ExamAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        submitted_at=now, auto_submitted=auto
    )
    if not claimed:  # a retry or a second tab was first: theirs is the result
        attempt.refresh_from_db()
        return attempt
    correct = Answer.objects.filter(attempt=attempt, option__is_correct=True).count()
    total = exam_structure(attempt.exam).total
    score = scoring.score_percent(correct, total)
    ExamAttempt.objects.filter(pk=attempt.pk).update(correct=correct, total=total, score=score)
    attempt.submitted_at, attempt.auto_submitted = now, auto
    attempt.correct, attempt.total, attempt.score = correct, total, score
    log_action(
        user,
        "peduliham.assessment.attempt.auto_submitted"
        if auto
        else "peduliham.assessment.attempt.submitted",
        attempt,
        region_code=attempt.exam.event.host_region.code,
        unit_path=attempt.enrollment.opd.path,
        changes={"exam": attempt.exam_id, "correct": correct, "total": total, "score": str(score)},
    )
    return attempt


def submit_if_expired(user: Any, *, attempt: ExamAttempt) -> ExamAttempt:
    """Submit with what was saved when the participant comes back after their deadline."""
    if attempt.submitted_at is None and timezone.now() >= attempt.deadline_at:
        return submit_attempt(user, attempt=attempt, auto=True)
    return attempt


def _correct_count() -> Subquery:
    answers = (
        Answer.objects.filter(attempt=OuterRef("pk"), option__is_correct=True)
        .order_by()
        .values("attempt")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), Value(0))  # type: ignore[return-value]


def _total_count() -> Subquery:
    drawn = (
        ExamQuestion.objects.filter(exam=OuterRef("exam"))
        .order_by()
        .values("exam")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(drawn, output_field=IntegerField()), Value(0))  # type: ignore[return-value]


def close_expired_attempts(now: datetime.datetime | None = None) -> int:
    """Submit every unsubmitted attempt whose deadline (plus grace) passed; the number submitted.

    Set-based and safe with many workers: each batch locks its rows (skipping
    rows another worker holds) and claims them with a conditional UPDATE; only
    the rows this run claimed are scored and audited.
    """
    now = now or timezone.now()
    closed = 0
    while True:
        seen, claimed = _close_batch(now)
        closed += claimed
        if seen < CLOSE_BATCH:
            return closed


def _score_expression() -> Any:
    percent = ExpressionWrapper(
        Cast("correct", DecimalField(max_digits=9, decimal_places=4))
        * Value(Decimal(100))
        / F("total"),
        output_field=DecimalField(max_digits=9, decimal_places=4),
    )
    return Case(
        When(total=0, then=Value(Decimal("0.00"))),
        default=Round(percent, 2),
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )


@transaction.atomic
def _close_batch(now: datetime.datetime) -> tuple[int, int]:
    expired = ExamAttempt.objects.filter(submitted_at__isnull=True, deadline_at__lt=now - GRACE)
    locked = expired.select_for_update(skip_locked=True).order_by("pk")
    ids = list(locked.values_list("pk", flat=True)[:CLOSE_BATCH])
    if not ids:
        return 0, 0
    ExamAttempt.objects.filter(pk__in=ids, submitted_at__isnull=True).update(
        submitted_at=now, auto_submitted=True, correct=_correct_count(), total=_total_count()
    )
    mine = ExamAttempt.objects.filter(
        pk__in=ids, submitted_at=now, auto_submitted=True, score__isnull=True
    )
    rows = list(mine.values_list("pk", "exam_id"))
    mine.update(score=_score_expression())
    _audit_auto_submitted(rows)
    return len(ids), len(rows)


def _audit_auto_submitted(rows: list[tuple[int, int]]) -> None:
    """One audit entry per exam, naming the attempts submitted at their deadline."""
    by_exam: dict[int, list[int]] = {}
    for pk, exam_id in rows:
        by_exam.setdefault(exam_id, []).append(pk)
    for exam in Exam.objects.select_related("event__host_region").filter(pk__in=list(by_exam)):
        log_action(
            None,
            "peduliham.assessment.attempt.auto_submitted",
            exam,
            region_code=exam.event.host_region.code,
            changes={"attempts": by_exam[exam.pk]},
        )
