"""Demo data for assessment: the starter bank, and Angkatan I's tests and survey.

The tests of the October 2025 event are replayed through the real services at
the time they happened (`happening_at`): each participant present on the day
starts the test, answers and submits. Answers come from a simple model of the
hall: everyone has an ability, hard questions are answered correctly less
often, the post-test adds what the two days taught; two questions per test
are deliberately weak (one guessed at random, one nearly everyone gets right)
and one distractor attracts nobody, so the item analysis has something to
show. Answer rows are written in bulk: they carry no rule beyond "one per
question", which the table enforces.
"""

import datetime
import math
import random
from typing import Final

from peduliham.accounts.models import User
from peduliham.assessment.bank_xlsx import import_specs, read_json_bank
from peduliham.assessment.models import (
    Answer,
    Difficulty,
    Exam,
    ExamKind,
    Option,
    Question,
    Topic,
)
from peduliham.assessment.scoring import split_evenly
from peduliham.assessment.selectors.exams import exam_structure
from peduliham.assessment.services.exams import create_exam, start_attempt, submit_attempt
from peduliham.assessment.services.survey import submit_survey
from peduliham.assessment.survey_items import ITEMS
from peduliham.core.demo.clock import happening_at
from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.people.models import ASN
from peduliham.people.services import create_participant_accounts, link_participant_account
from peduliham.training.demo import FIRST_DAYS, FIRST_TITLE, wib
from peduliham.training.models import SEATED_STATUSES, Attendance, Enrollment, Event, EventStatus

SEED: Final = 20251028
QUESTIONS: Final = 25
TIME_LIMIT: Final = 30
PASS_MARK: Final = 70
#: How much two days of training add to the log-odds of a correct answer.
LEARNING: Final = 1.0
DIFFICULTY_SHIFT: Final = {Difficulty.EASY: -1.2, Difficulty.MEDIUM: 0.0, Difficulty.HARD: 1.2}
SURVEY_SHARE: Final = 0.86
COMMENTS: Final = (
    "Materi sangat bermanfaat untuk pelayanan di puskesmas kami.",
    "Mohon contoh kasus pelayanan bagi penyandang disabilitas diperbanyak.",
    "Waktu diskusi kurang, semoga angkatan berikutnya lebih panjang.",
    "Narasumber dari Kanwil menjelaskan dengan jelas dan menarik.",
    "Perlu pelatihan lanjutan tentang penanganan pengaduan masyarakat.",
    "Ruangan cukup nyaman, tetapi pengeras suara di bagian belakang kurang jelas.",
)


@demo_step("assessment.question_bank", order=350)
def load_question_bank() -> StepReport:
    """The starter bank of 60 questions (codes already present are left as they are)."""
    ministry = User.objects.get(username="admin_pusat")
    report = import_specs(ministry, read_json_bank())
    counts = report.counts
    notes = [
        f"Bank soal: {counts['created']} baru, {counts['updated']} diperbarui, "
        f"{counts['unchanged']} tidak berubah, {counts['rejected']} ditolak"
    ]
    return StepReport(created=counts["created"], notes=notes)


def _accounts(event: Event) -> None:
    """peserta_jambi is a present-both-days participant; everyone else gets an account too."""
    seats = Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES)
    participant = User.objects.get(username="peserta_jambi")
    if not ASN.objects.filter(user=participant).exists():
        both_days = (
            seats.filter(asn__sex="P", days_attended=len(FIRST_DAYS), asn__user__isnull=True)
            .select_related("asn")
            .order_by("pk")
            .first()
        )
        if both_days is not None:
            link_participant_account(None, asn=both_days.asn, user=participant)
    create_participant_accounts(None, asns=ASN.objects.filter(enrollments__in=seats))


def _exams(event: Event) -> tuple[Exam, Exam]:
    admin = User.objects.get(username="pemkot_jambi")
    blueprint = split_evenly(QUESTIONS, list(Topic.values))
    first, last = FIRST_DAYS
    with happening_at(wib(first - datetime.timedelta(days=7), 10)):
        pre = create_exam(
            admin,
            event=event,
            kind=ExamKind.PRE,
            opens_at=wib(first, 8, 30),
            closes_at=wib(first, 10),
            time_limit_minutes=TIME_LIMIT,
            pass_mark=PASS_MARK,
            blueprint=blueprint,
            seed=SEED,
        )
        post = create_exam(
            admin,
            event=event,
            kind=ExamKind.POST,
            opens_at=wib(last, 14),
            closes_at=wib(last, 15, 30),
            time_limit_minutes=TIME_LIMIT,
            pass_mark=PASS_MARK,
            blueprint=blueprint,
            seed=SEED + 1,
        )
    return pre, post


class Hall:
    """The answer model: who knows what, and which questions are weak."""

    def __init__(self, exam: Exam, learning: float, rng: random.Random) -> None:
        self.rng = rng
        self.learning = learning
        structure = exam_structure(exam)
        self.questions = structure.questions
        ids = [q.question_id for q in self.questions]
        right = Option.objects.filter(question_id__in=ids, is_correct=True)
        self.correct = dict(right.values_list("question_id", "pk"))
        levels = Question.objects.filter(pk__in=ids).values_list("pk", "difficulty")
        self.shift = {pk: DIFFICULTY_SHIFT[Difficulty(level)] for pk, level in levels}
        self.guessed = self.questions[3].question_id  # answered at random: no discrimination
        self.giveaway = self.questions[7].question_id  # nearly everyone right: too easy
        self.shunned = self.questions[11].question_id  # its last distractor attracts nobody

    def choose(self, ability: float, question_id: int, option_ids: list[int]) -> int:
        right = self.correct[question_id]
        wrong = [pk for pk in option_ids if pk != right]
        if question_id == self.shunned:
            wrong = wrong[:-1]
        if question_id == self.guessed:
            return self.rng.choice(option_ids)
        if question_id == self.giveaway:
            p = 0.97
        else:
            logit = 1.1 * (ability + self.learning) - self.shift[question_id] + 0.3
            p = 1 / (1 + math.exp(-logit))
        return right if self.rng.random() < p else self.rng.choice(wrong)


def _sit(exam: Exam, hall: Hall, abilities: dict[int, float], present: set[int]) -> int:
    seats = Enrollment.objects.filter(pk__in=present).select_related("asn__user").order_by("pk")
    sat = 0
    for seat in seats:
        user = seat.asn.user
        started = exam.opens_at + datetime.timedelta(seconds=hall.rng.randrange(0, 600))
        with happening_at(started):
            attempt = start_attempt(user, exam=exam)
        answered = started + datetime.timedelta(minutes=hall.rng.randrange(12, 28))
        Answer.objects.bulk_create(
            Answer(
                attempt=attempt,
                exam_question_id=question.exam_question_id,
                option_id=hall.choose(
                    abilities[seat.pk],
                    question.question_id,
                    [option.id for option in question.options],
                ),
                answered_at=answered,
            )
            for question in hall.questions
        )
        with happening_at(answered):
            submit_attempt(user, attempt=attempt)
        sat += 1
    return sat


def _survey(event: Event, present: set[int], rng: random.Random) -> int:
    answered = 0
    seats = Enrollment.objects.filter(pk__in=present).select_related("asn__user").order_by("pk")
    for seat in seats:
        if rng.random() >= SURVEY_SHARE:
            continue
        ratings = {item.key: rng.choices((3, 4, 5), weights=(1, 4, 4))[0] for item in ITEMS}
        comment = rng.choice(COMMENTS) if rng.random() < 0.2 else ""
        moment = wib(FIRST_DAYS[-1], 15, 30) + datetime.timedelta(seconds=rng.randrange(1800))
        with happening_at(moment):
            submit_survey(seat.asn.user, event=event, ratings=ratings, comment=comment)
        answered += 1
    return answered


def _present(event: Event, day_index: int) -> set[int]:
    day = event.days.order_by("date")[day_index]
    return set(Attendance.objects.filter(day=day).values_list("enrollment_id", flat=True))


@demo_step("assessment.angkatan_1_tests", order=430)
def load_angkatan_1_tests() -> StepReport:
    """Angkatan I's pre-test (27 Oct), post-test and survey (28 Oct), taken through the services."""
    event = Event.objects.filter(title=FIRST_TITLE, status=EventStatus.FINISHED).first()
    if event is None or Exam.objects.filter(event=event).exists():
        return StepReport(notes=["Pre-test dan post-test Angkatan I sudah ada"])
    _accounts(event)
    pre, post = _exams(event)
    rng = random.Random(SEED)  # noqa: S311 - a reproducible demo hall
    seats = Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES).order_by("pk")
    abilities = {pk: rng.gauss(-0.3, 1.0) for pk in seats.values_list("pk", flat=True)}
    pre_sat = _sit(pre, Hall(pre, 0.0, rng), abilities, _present(event, 0))
    post_sat = _sit(post, Hall(post, LEARNING, rng), abilities, _present(event, 1))
    surveys = _survey(event, _present(event, 1), rng)
    return StepReport(
        created=2 + pre_sat + post_sat + surveys,
        notes=[f"Angkatan I: pre-test {pre_sat}, post-test {post_sat}, survei {surveys}"],
    )
