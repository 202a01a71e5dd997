"""Exams, attempts and answers made directly with the ORM for the results, survey and
completion tests (independent of the exam-taking services)."""

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from peduliham.accounts.models import User
from peduliham.assessment.models import (
    Answer,
    Difficulty,
    Exam,
    ExamAttempt,
    ExamKind,
    ExamQuestion,
    Option,
    Question,
    Topic,
)
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Enrollment, Event, EventStatus
from tests.training.factories_checkin import running_event, seat_new

OPENS = datetime.datetime(2025, 10, 27, 1, 0, tzinfo=datetime.UTC)


def make_questions(count: int, *, prefix: str = "T", options: int = 4) -> list[Question]:
    """`count` questions whose first option is the correct one."""
    questions = []
    for number in range(1, count + 1):
        question = Question.objects.create(
            code=f"{prefix}-{number:03d}",
            topic=Topic.CONCEPTS,
            difficulty=Difficulty.MEDIUM,
            text=f"Pertanyaan {prefix} nomor {number}?",
            explanation="Pembahasan.",
        )
        Option.objects.bulk_create(
            Option(question=question, position=p, text=f"Pilihan {p}", is_correct=p == 1)
            for p in range(1, options + 1)
        )
        questions.append(question)
    return questions


def make_exam(
    event: Event, kind: str, questions: Sequence[Question], *, pass_mark: int = 70
) -> Exam:
    exam = Exam.objects.create(
        event=event,
        kind=kind,
        opens_at=OPENS if kind == ExamKind.PRE else OPENS + datetime.timedelta(days=1),
        closes_at=OPENS + datetime.timedelta(days=1 if kind == ExamKind.PRE else 2),
        time_limit_minutes=30,
        pass_mark=pass_mark,
        seed=7,
    )
    ExamQuestion.objects.bulk_create(
        ExamQuestion(exam=exam, question=q, position=n) for n, q in enumerate(questions, start=1)
    )
    return exam


def option_ids(exam: Exam) -> list[list[int]]:
    """For each exam question in order, its option ids in bank order."""
    rows = Option.objects.filter(
        question__in=ExamQuestion.objects.filter(exam=exam).values("question")
    ).values_list("question_id", "pk")
    by_question: dict[int, list[int]] = {}
    for question_id, pk in sorted(rows):
        by_question.setdefault(question_id, []).append(pk)
    order = ExamQuestion.objects.filter(exam=exam).order_by("position")
    return [by_question[eq.question_id] for eq in order]


def submit(
    exam: Exam,
    enrollment: Enrollment,
    choices: Sequence[int | None],
    *,
    options: list[list[int]] | None = None,
) -> ExamAttempt:
    """A submitted attempt choosing option position `choices[i]` (1 = correct, None = blank)."""
    options = options if options is not None else option_ids(exam)
    exam_questions = list(ExamQuestion.objects.filter(exam=exam).order_by("position"))
    correct = sum(1 for choice in choices if choice == 1)
    total = len(exam_questions)
    now = timezone.now()
    attempt = ExamAttempt.objects.create(
        exam=exam,
        enrollment=enrollment,
        seed=enrollment.pk,
        started_at=now,
        deadline_at=now + datetime.timedelta(minutes=30),
        submitted_at=now,
        correct=correct,
        total=total,
        score=(Decimal(100 * correct) / total).quantize(Decimal("0.01")),
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, exam_question=eq, option_id=options[i][choice - 1], answered_at=now)
        for i, (eq, choice) in enumerate(zip(exam_questions, choices, strict=True))
        if choice is not None
    )
    return attempt


def scored(
    exam: Exam, enrollment: Enrollment, score: str, *, submitted: bool = True
) -> ExamAttempt:
    """An attempt with a given score and no answers (for completion and results tests)."""
    now = timezone.now()
    return ExamAttempt.objects.create(
        exam=exam,
        enrollment=enrollment,
        seed=enrollment.pk,
        started_at=now,
        deadline_at=now + datetime.timedelta(minutes=30),
        submitted_at=now if submitted else None,
        correct=None,
        total=20,
        score=Decimal(score) if submitted else None,
    )


@dataclass(frozen=True)
class Scenario:
    """A finished event: pre- and post-test of four questions, four people in two OPDs.

    Dinkes: A pre 25 post 75 (g 2/3), B pre 50 post 100 (g 1). Disdik: C pre
    100 post 75 (g undefined), D pre 0 only. Post-test pass mark 80.
    """

    event: Event
    pre: Exam
    post: Exam
    a: Enrollment
    b: Enrollment
    c: Enrollment
    d: Enrollment


def scenario(admin_pusat: User, region: Region, dinkes: OrgUnit, disdik: OrgUnit) -> Scenario:
    event = running_event(admin_pusat, region, status=EventStatus.FINISHED)
    pre = make_exam(event, ExamKind.PRE, make_questions(4, prefix="PRE"))
    post = make_exam(event, ExamKind.POST, make_questions(4, prefix="POST"), pass_mark=80)
    a = seat_new(event, dinkes, 1, name="Ani")
    b = seat_new(event, dinkes, 2, name="Badu")
    c = seat_new(event, disdik, 3, name="Citra")
    d = seat_new(event, disdik, 4, name="Dedi")
    submit(pre, a, [1, 2, 2, 2])
    submit(post, a, [1, 1, 1, 2])
    submit(pre, b, [1, 1, 2, None])
    submit(post, b, [1, 1, 1, 1])
    submit(pre, c, [1, 1, 1, 1])
    submit(post, c, [1, 1, 1, 3])
    submit(pre, d, [2, 2, 2, 2])
    return Scenario(event, pre, post, a, b, c, d)


def bulk_participants(
    event: Event, unit: OrgUnit, count: int, *, start: int = 0
) -> list[Enrollment]:
    """`count` seated people in one bulk insert each for ASN and Enrollment (no counters)."""
    people = ASN.objects.bulk_create(
        ASN(
            nip=f"1990010120200{number:05d}",
            name=f"Peserta {number}",
            sex="L",
            birth_date=datetime.date(1990, 1, 1),
            rank="III/a",
            region=unit.region,
            org_unit=unit,
        )
        for number in range(start, start + count)
    )
    return Enrollment.objects.bulk_create(
        Enrollment(
            event=event, program=event.program, asn=asn, opd=unit, region=unit.region, sex="L"
        )
        for asn in people
    )


def bulk_attempts(exam: Exam, enrollments: Sequence[Enrollment], seed: int) -> None:
    """A submitted attempt with an answer to every question for each person (bulk inserts)."""
    rng = random.Random(seed)
    options = option_ids(exam)
    questions = list(ExamQuestion.objects.filter(exam=exam).order_by("position"))
    now = timezone.now()
    choices = {e.pk: [rng.choice((1, 1, 2, 3, 4)) for _ in questions] for e in enrollments}
    attempts = ExamAttempt.objects.bulk_create(
        ExamAttempt(
            exam=exam,
            enrollment=e,
            seed=e.pk,
            started_at=now,
            deadline_at=now,
            submitted_at=now,
            correct=choices[e.pk].count(1),
            total=len(questions),
            score=Decimal(100 * choices[e.pk].count(1)) / len(questions),
        )
        for e in enrollments
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, exam_question=eq, option_id=options[i][choice - 1], answered_at=now)
        for attempt in attempts
        for i, (eq, choice) in enumerate(
            zip(questions, choices[attempt.enrollment_id], strict=True)
        )
    )
