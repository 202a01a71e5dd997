"""Reads for exams: the cached structure of an exam, a participant's exams and attempts,
and the live counts staff watch during the hall's test.

The questions and options of an exam never change once it is drawn, so each
web process keeps them in memory (`exam_structure`): the participant's pages
and the answer endpoint then read only the attempt and the answers.
"""

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from peduliham.assessment.models import Answer, Exam, ExamAttempt, ExamQuestion, Option
from peduliham.assessment.scoring import option_order
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event
from peduliham.training.selectors.events import event_for


@dataclass(frozen=True, slots=True)
class OptionView:
    id: int
    text: str
    text_en: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    """One drawn question with its options in the bank's order."""

    exam_question_id: int
    position: int
    question_id: int
    text: str
    text_en: str
    options: tuple[OptionView, ...]

    @property
    def option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options)


@dataclass(frozen=True, slots=True)
class ExamStructure:
    """The immutable questions and options of an exam, in exam order."""

    exam_id: int
    questions: tuple[QuestionView, ...]
    by_id: dict[int, QuestionView] = field(hash=False, compare=False)
    option_ids: dict[int, frozenset[int]] = field(hash=False, compare=False)

    @property
    def total(self) -> int:
        return len(self.questions)


@functools.lru_cache(maxsize=256)
def _structure(exam_id: int, stamp: str) -> ExamStructure:
    """Two queries per exam per process; `stamp` (the creation time) keeps a reused id apart."""
    drawn = list(
        ExamQuestion.objects.filter(exam_id=exam_id)
        .order_by("position")
        .values_list("pk", "position", "question_id", "question__text", "question__text_en")
    )
    options: dict[int, list[OptionView]] = {}
    rows = Option.objects.filter(question_id__in=[row[2] for row in drawn]).order_by(
        "question_id", "position"
    )
    for question_id, pk, text, text_en in rows.values_list("question_id", "pk", "text", "text_en"):
        options.setdefault(question_id, []).append(OptionView(pk, text, text_en))
    questions = tuple(
        QuestionView(pk, position, qid, text, text_en, tuple(options.get(qid, ())))
        for pk, position, qid, text, text_en in drawn
    )
    return ExamStructure(
        exam_id=exam_id,
        questions=questions,
        by_id={q.exam_question_id: q for q in questions},
        option_ids={q.exam_question_id: q.option_ids for q in questions},
    )


def exam_structure(exam: Exam) -> ExamStructure:
    """The exam's questions and options from this process's cache."""
    _stamps[exam.pk] = exam.created_at
    return _structure(exam.pk, exam.created_at.isoformat())


#: {exam id: its creation time} as this process last saw it, so the answer
#: endpoint finds the cached structure without reading the exam row.
_stamps: dict[int, datetime.datetime] = {}


def exam_structure_by_id(
    exam_id: int, *, fresh: bool = False
) -> tuple[ExamStructure, datetime.datetime] | None:
    """The structure and creation time of an exam known only by id (None if there is none).

    Reads the exam row once per process (or again when `fresh`); the caller
    checks the creation time in its own statement, so a reused id is noticed.
    """
    stamp = None if fresh else _stamps.get(exam_id)
    if stamp is None:
        stamp = Exam.objects.filter(pk=exam_id).values_list("created_at", flat=True).first()
        if stamp is None:
            _stamps.pop(exam_id, None)
            return None
        _stamps[exam_id] = stamp
    return _structure(exam_id, stamp.isoformat()), stamp


def clear_structure_cache() -> None:
    """Forget every cached exam (tests; after a question's text is corrected)."""
    _structure.cache_clear()
    _stamps.clear()


@dataclass(frozen=True, slots=True)
class ShownQuestion:
    """A question as one participant sees it: numbered, options in their shuffled order."""

    number: int
    question: QuestionView
    options: tuple[OptionView, ...]
    chosen: int | None

    @property
    def lettered(self) -> list[tuple[str, OptionView]]:
        return list(zip("ABCDEFGH", self.options, strict=False))


def shown_questions(attempt: ExamAttempt, answers: dict[int, int]) -> list[ShownQuestion]:
    """The attempt's questions with options in the participant's stable order."""
    shown = []
    for number, question in enumerate(exam_structure(attempt.exam).questions, start=1):
        by_id = {option.id: option for option in question.options}
        order = option_order(
            list(by_id), attempt_seed=attempt.seed, question_id=question.question_id
        )
        shown.append(
            ShownQuestion(
                number,
                question,
                tuple(by_id[pk] for pk in order),
                answers.get(question.exam_question_id),
            )
        )
    return shown


def answers_of(attempt: ExamAttempt) -> dict[int, int]:
    """{exam question id: chosen option id} of an attempt (one query)."""
    return dict(Answer.objects.filter(attempt=attempt).values_list("exam_question_id", "option_id"))


def _attempts(user: Any) -> QuerySet[ExamAttempt]:
    return ExamAttempt.objects.select_related(
        "exam__event__host_region", "enrollment__asn", "enrollment__opd"
    ).filter(enrollment__asn__user_id=user.pk)


def attempt_for(user: Any, pk: int) -> ExamAttempt:
    """One of the participant's own attempts with its exam and event (one query); Http404 else."""
    return get_object_or_404(_attempts(user), pk=pk)


def attempt_at(user: Any, exam_id: int) -> ExamAttempt | None:
    """The participant's attempt at an exam, if they started it (one query)."""
    # No Meta ordering: it would join the event and the OPD only to sort a single row.
    return _attempts(user).filter(exam_id=exam_id).order_by().first()


def attempt_to_answer(user: Any, exam_id: int) -> ExamAttempt | None:
    """`attempt_at` narrowed to what tells why an answer was refused.

    The owner (enrollment.asn.user_id), the deadline, the submission and the
    exam's cache key; nothing of the event, the OPD or the person's record.
    """
    fields = ("exam__created_at", "enrollment__asn__user_id", "deadline_at", "submitted_at")
    return (
        ExamAttempt.objects.select_related("exam", "enrollment__asn")
        .only(*fields)
        .filter(exam_id=exam_id, enrollment__asn__user_id=user.pk)
        .order_by()
        .first()
    )


def _seated(user: Any) -> Any:
    return Enrollment.objects.filter(
        asn__user_id=user.pk, status__in=SEATED_STATUSES, event=OuterRef("event")
    )


def exam_for_participant(user: Any, pk: int) -> Exam:
    """An exam of an event the participant holds a seat in (one query); Http404 else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    exams = Exam.objects.select_related("event__host_region").filter(Exists(_seated(user)))
    return get_object_or_404(exams, pk=pk)


@dataclass(frozen=True, slots=True)
class MyExam:
    exam: Exam
    attempt: ExamAttempt | None
    state: str  # "open", "upcoming", "done", "missed"


def _state(exam: Exam, attempt: ExamAttempt | None, now: Any) -> str:
    if attempt is not None and attempt.submitted_at is not None:
        return "done"
    if now < exam.opens_at:
        return "upcoming"
    if now >= exam.closes_at and attempt is None:
        return "missed"
    return "open"


def my_exams(user: Any) -> list[MyExam]:
    """The participant's exams with their attempts (two queries), by opening time."""
    exams = list(
        Exam.objects.select_related("event")
        .filter(Exists(_seated(user)))
        .order_by("opens_at", "pk")
    )
    attempts = {
        a.exam_id: a
        for a in ExamAttempt.objects.filter(
            enrollment__asn__user_id=user.pk, exam__in=[e.pk for e in exams]
        )
    }
    now = timezone.now()
    return [MyExam(e, attempts.get(e.pk), _state(e, attempts.get(e.pk), now)) for e in exams]


def staff_event(user: Any, pk: int) -> Event:
    """An event in the staff user's scope (Http404 outside it)."""
    return event_for(user, pk)


def exam_of(event: Event, kind: str) -> Exam | None:
    return Exam.objects.filter(event=event, kind=kind).first()


@dataclass(frozen=True, slots=True)
class ExamCounts:
    seated: int
    started: int
    submitted: int
    auto_submitted: int

    @property
    def in_progress(self) -> int:
        return self.started - self.submitted

    @property
    def not_started(self) -> int:
        return max(self.seated - self.started, 0)


def exam_counts(exam: Exam) -> ExamCounts:
    """Live counts of an exam's attempts (two grouped queries, no rows loaded)."""
    counts = ExamAttempt.objects.filter(exam=exam).aggregate(
        started=Count("pk"),
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        auto=Count("pk", filter=Q(auto_submitted=True)),
    )
    seated = Enrollment.objects.filter(event_id=exam.event_id, status__in=SEATED_STATUSES).count()
    return ExamCounts(seated, counts["started"], counts["submitted"], counts["auto"])


def local(moment: Any, event: Event) -> Any:
    """A moment in the host region's time zone."""
    return timezone.localtime(moment, event.host_region.zone)
