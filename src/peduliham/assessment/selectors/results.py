"""Reads for test results and item analysis, scoped like the training events.

Staff see an event's results when `event_for` lets them see the event; an
OPD admin sees only their OPD's participants (and the item analysis over
them). Every page is a fixed handful of set-based queries: one for the
participants, one for all submitted attempts, one for all answers, whatever
the size of the event.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import QuerySet
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.assessment import analysis
from peduliham.assessment.analysis import GainSummary, ItemFlag, ItemSpec, ItemStats
from peduliham.assessment.models import (
    Answer,
    Exam,
    ExamAttempt,
    ExamKind,
    ExamQuestion,
    Option,
    SurveyResponse,
    Topic,
)
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event, EventStatus
from peduliham.training.selectors.events import event_for

LETTERS: Final = "ABCDEFGHIJ"
SURVEY_STATUSES: Final = frozenset({EventStatus.RUNNING, EventStatus.FINISHED})


@dataclass(frozen=True, slots=True)
class ExamInfo:
    pk: int
    kind: str
    pass_mark: int

    @property
    def kind_label(self) -> str:
        return str(ExamKind(self.kind).label)


@dataclass(frozen=True, slots=True)
class PersonResult:
    enrollment_id: int
    name: str
    nip: str
    opd_id: int
    opd_name: str
    pre: float | None
    post: float | None
    gain: float | None
    passed: bool | None  # None: no post-test score


@dataclass(frozen=True, slots=True)
class OpdResult:
    opd_id: int
    name: str
    summary: GainSummary


@dataclass(frozen=True, slots=True)
class EventResults:
    event: Event
    pre_exam: ExamInfo | None
    post_exam: ExamInfo | None
    people: tuple[PersonResult, ...]
    summary: GainSummary
    opds: tuple[OpdResult, ...]

    @property
    def pre_scores(self) -> list[float]:
        return [p.pre for p in self.people if p.pre is not None]

    @property
    def post_scores(self) -> list[float]:
        return [p.post for p in self.people if p.post is not None]


@dataclass(frozen=True, slots=True)
class OptionRow:
    letter: str
    text: str
    is_correct: bool
    count: int


@dataclass(frozen=True, slots=True)
class ItemRow:
    position: int
    code: str
    text: str
    topic: str
    stats: ItemStats
    options: tuple[OptionRow, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExamItems:
    exam: ExamInfo
    attempts: int
    items: tuple[ItemRow, ...]

    @property
    def weak(self) -> tuple[ItemRow, ...]:
        return tuple(item for item in self.items if item.stats.is_weak)


def is_staff_viewer(user: Any) -> bool:
    return scope_for(user).is_staff


def results_event_for(user: Any, pk: int) -> Event:
    """An event whose results the user may read (staff in scope); Http404 otherwise."""
    if not is_staff_viewer(user):
        raise Http404
    return event_for(user, pk)


def scoped_enrollments(user: Any, event: Event) -> QuerySet[Enrollment]:
    """The event's seated participants the user may see (an OPD admin: their OPD's)."""
    rows = Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES)
    scope = scope_for(user)
    if scope.level is not ScopeLevel.NATIONAL:
        rows = scope.filter(rows, unit="opd", owner="asn__user")
    return rows


def _exams(event: Event) -> dict[str, ExamInfo]:
    rows = Exam.objects.filter(event=event).values_list("pk", "kind", "pass_mark")
    return {kind: ExamInfo(pk, kind, pass_mark) for pk, kind, pass_mark in rows}


def full_name(front_title: str, name: str, back_title: str) -> str:
    """As ASN.full_name, from the plain values of a values() query."""
    text = f"{front_title} {name}".strip()
    return f"{text}, {back_title}" if back_title else text


def _scores(enrollments: QuerySet[Enrollment]) -> dict[int, dict[str, float]]:
    """{enrollment: {kind: score}} for every submitted attempt of these people (one query)."""
    rows = ExamAttempt.objects.filter(
        enrollment__in=enrollments, submitted_at__isnull=False, score__isnull=False
    ).values_list("enrollment_id", "exam__kind", "score")
    scores: dict[int, dict[str, float]] = defaultdict(dict)
    for enrollment_id, kind, score in rows:
        if score is not None:
            scores[enrollment_id][kind] = float(score)
    return scores


def event_results(user: Any, event: Event) -> EventResults:
    """Scores, gains and pass counts per person, per OPD and for the event."""
    exams = _exams(event)
    post_exam = exams.get(ExamKind.POST)
    pass_mark = post_exam.pass_mark if post_exam else None
    enrollments = scoped_enrollments(user, event)
    scores = _scores(enrollments)
    rows = enrollments.values_list(
        "pk", "asn__front_title", "asn__name", "asn__back_title", "asn__nip", "opd_id", "opd__name"
    ).order_by("opd__name", "asn__name", "pk")
    people = tuple(_person(row, scores.get(row[0], {}), pass_mark) for row in rows)
    return EventResults(
        event=event,
        pre_exam=exams.get(ExamKind.PRE),
        post_exam=post_exam,
        people=people,
        summary=analysis.summarise(_scores_of(people), pass_mark=pass_mark),
        opds=_per_opd(people, pass_mark),
    )


def _person(row: Sequence[Any], scores: dict[str, float], pass_mark: int | None) -> PersonResult:
    pk, front, name, back, nip, opd_id, opd_name = row
    pre, post = scores.get(ExamKind.PRE), scores.get(ExamKind.POST)
    passed = None if post is None or pass_mark is None else post >= pass_mark
    return PersonResult(
        enrollment_id=pk,
        name=full_name(front, name, back),
        nip=nip,
        opd_id=opd_id,
        opd_name=opd_name,
        pre=pre,
        post=post,
        gain=analysis.normalised_gain(pre, post),
        passed=passed,
    )


def _scores_of(people: Iterable[PersonResult]) -> list[analysis.PersonScores]:
    return [analysis.PersonScores(p.enrollment_id, p.pre, p.post) for p in people]


def _per_opd(people: Sequence[PersonResult], pass_mark: int | None) -> tuple[OpdResult, ...]:
    groups: dict[tuple[str, int], list[PersonResult]] = defaultdict(list)
    for person in people:
        groups[(person.opd_name, person.opd_id)].append(person)
    return tuple(
        OpdResult(opd_id, name, analysis.summarise(_scores_of(group), pass_mark=pass_mark))
        for (name, opd_id), group in sorted(groups.items())
    )


def item_analysis(user: Any, event: Event) -> tuple[ExamItems, ...]:
    """Item statistics of each exam of the event over the submitted attempts in scope."""
    exams = _exams(event)
    questions = list(
        ExamQuestion.objects.filter(exam__event=event)
        .select_related("question")
        .order_by("exam_id", "position")
    )
    options = _options({eq.question_id for eq in questions})
    answers = _answers(scoped_enrollments(user, event), event)
    result = []
    for kind in (ExamKind.PRE, ExamKind.POST):
        info = exams.get(kind)
        if info is None:
            continue
        own = [eq for eq in questions if eq.exam_id == info.pk]
        result.append(_exam_items(info, own, options, answers.get(info.pk, {})))
    return tuple(result)


def _options(question_ids: set[int]) -> dict[int, list[Option]]:
    grouped: dict[int, list[Option]] = defaultdict(list)
    for option in Option.objects.filter(question_id__in=question_ids).order_by(
        "question_id", "position"
    ):
        grouped[option.question_id].append(option)
    return grouped


def _answers(
    enrollments: QuerySet[Enrollment], event: Event
) -> dict[int, dict[int, dict[int, int]]]:
    """{exam: {attempt: {exam question: option}}} over submitted attempts (two queries)."""
    attempts = ExamAttempt.objects.filter(
        exam__event=event, enrollment__in=enrollments, submitted_at__isnull=False
    )
    grouped: dict[int, dict[int, dict[int, int]]] = defaultdict(dict)
    exam_of: dict[int, int] = {}
    for attempt_id, exam_id in attempts.values_list("pk", "exam_id"):
        grouped[exam_id][attempt_id] = {}
        exam_of[attempt_id] = exam_id
    rows = Answer.objects.filter(attempt__in=attempts).values_list(
        "attempt_id", "exam_question_id", "option_id"
    )
    for attempt_id, exam_question_id, option_id in rows:
        grouped[exam_of[attempt_id]][attempt_id][exam_question_id] = option_id
    return grouped


def _exam_items(
    info: ExamInfo,
    questions: list[ExamQuestion],
    options: dict[int, list[Option]],
    answers: dict[int, dict[int, int]],
) -> ExamItems:
    specs = [_spec(eq, options[eq.question_id]) for eq in questions]
    stats = analysis.analyse_items(specs, answers)
    rows = tuple(
        _item_row(eq, options[eq.question_id], item)
        for eq, item in zip(questions, stats, strict=True)
    )
    return ExamItems(exam=info, attempts=len(answers), items=rows)


def _spec(exam_question: ExamQuestion, options: list[Option]) -> ItemSpec:
    correct = next((o.pk for o in options if o.is_correct), 0)
    return ItemSpec(exam_question.pk, tuple(o.pk for o in options), correct)


def _item_row(exam_question: ExamQuestion, options: list[Option], stats: ItemStats) -> ItemRow:
    counts = dict(stats.option_counts)
    rows = tuple(
        OptionRow(_letter(o.position), o.text, o.is_correct, counts.get(o.pk, 0)) for o in options
    )
    question = exam_question.question
    return ItemRow(
        position=exam_question.position,
        code=question.code,
        text=question.text,
        topic=str(Topic(question.topic).label) if question.topic in Topic.values else "",
        stats=stats,
        options=rows,
        reasons=flag_reasons(stats, rows),
    )


def _letter(position: int) -> str:
    return LETTERS[position - 1] if 1 <= position <= len(LETTERS) else str(position)


def flag_reasons(stats: ItemStats, options: Sequence[OptionRow]) -> tuple[str, ...]:
    """Each flag of an item as a sentence with its figure."""
    return tuple(_reason(flag, stats, options) for flag in stats.flags)


def _reason(flag: ItemFlag, stats: ItemStats, options: Sequence[OptionRow]) -> str:
    p = number_format(100 * (stats.difficulty or 0), 0)
    if flag is ItemFlag.TOO_HARD:
        return _("Terlalu sulit: hanya %(p)s%% peserta menjawab benar (batas 20%%).") % {"p": p}
    if flag is ItemFlag.TOO_EASY:
        return _("Terlalu mudah: %(p)s%% peserta menjawab benar (batas 90%%).") % {"p": p}
    if flag is ItemFlag.LOW_DISCRIMINATION:
        if stats.discrimination is None:
            return _("Daya beda tidak dapat dihitung: jawaban atau skor peserta seragam.")
        r = number_format(stats.discrimination, 2)
        return _("Daya beda rendah: r = %(r)s (batas 0,20).") % {"r": r}
    unused = ", ".join(o.letter for o in options if o.count == 0)
    return _("Pilihan yang tidak dipilih siapa pun: %(options)s.") % {"options": unused}


@dataclass(frozen=True, slots=True)
class MyResult:
    """A participant's own scores in one event."""

    event: Event
    enrollment_id: int
    pre: float | None
    post: float | None
    gain: float | None
    pass_mark: int | None
    passed: bool | None
    survey_done: bool

    @property
    def survey_open(self) -> bool:
        return not self.survey_done and self.event.status in SURVEY_STATUSES


def my_results(user: Any) -> list[MyResult]:
    """The participant's seated enrollments with their scores (four queries)."""
    enrollments = Enrollment.objects.filter(asn__user=user, status__in=SEATED_STATUSES)
    scores = _scores(enrollments)
    marks = dict(
        Exam.objects.filter(event__enrollments__in=enrollments, kind=ExamKind.POST).values_list(
            "event_id", "pass_mark"
        )
    )
    surveyed = set(
        SurveyResponse.objects.filter(enrollment__in=enrollments).values_list(
            "enrollment_id", flat=True
        )
    )
    rows = enrollments.select_related("event").order_by("-event__created_at", "-pk")
    return [_my_result(e, scores.get(e.pk, {}), marks.get(e.event_id), surveyed) for e in rows]


def _my_result(
    enrollment: Enrollment, scores: dict[str, float], pass_mark: int | None, surveyed: set[int]
) -> MyResult:
    pre, post = scores.get(ExamKind.PRE), scores.get(ExamKind.POST)
    return MyResult(
        event=enrollment.event,
        enrollment_id=enrollment.pk,
        pre=pre,
        post=post,
        gain=analysis.normalised_gain(pre, post),
        pass_mark=pass_mark,
        passed=None if post is None or pass_mark is None else post >= pass_mark,
        survey_done=enrollment.pk in surveyed,
    )
