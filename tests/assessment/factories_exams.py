"""Question banks, exams and participants made directly for the exam tests.

The real bank belongs to another module; here each topic gets `per_topic`
plain questions with four options, the first one correct.
"""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from django.utils import timezone

from peduliham.accounts.models import Role, User
from peduliham.assessment.models import Exam, ExamKind, ExamQuestion, Option, Question, Topic
from peduliham.assessment.selectors.exams import clear_structure_cache
from peduliham.assessment.services.exams import create_exam
from peduliham.regions.models import OrgUnit
from peduliham.training.models import Enrollment, Event
from tests.people.asn_factory import make_asn
from tests.training.factories_checkin import seat

PER_TOPIC = 5
#: Two questions per topic: 12 per test, so pre and post fit in a bank of 5 per topic.
SMALL_BLUEPRINT: dict[str, int] = dict.fromkeys(Topic.values, 2)


@pytest.fixture(autouse=True)
def _fresh_structure_cache() -> Iterator[None]:
    """Rolled-back tests may reuse exam ids; never let one test see another's exam."""
    clear_structure_cache()
    yield
    clear_structure_cache()


def make_bank(per_topic: int = PER_TOPIC) -> list[Question]:
    questions = []
    for topic in Topic:
        for n in range(1, per_topic + 1):
            question = Question.objects.create(
                code=f"{topic.value[:4].upper()}-{n:03d}",
                topic=topic.value,
                difficulty="medium",
                text=f"Pertanyaan {n} tentang {topic.label}?",
                explanation="Pembahasan.",
            )
            Option.objects.bulk_create(
                Option(question=question, position=p, text=f"Pilihan {p}", is_correct=p == 1)
                for p in range(1, 5)
            )
            questions.append(question)
    return questions


def make_exam(
    actor: User,
    event: Event,
    *,
    kind: str = ExamKind.PRE,
    blueprint: Mapping[str, int] | None = None,
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    minutes: int = 30,
    seed: int = 7,
) -> Exam:
    now = timezone.now()
    return create_exam(
        actor,
        event=event,
        kind=kind,
        opens_at=opens_at or now - datetime.timedelta(hours=1),
        closes_at=closes_at or now + datetime.timedelta(hours=2),
        time_limit_minutes=minutes,
        blueprint=blueprint or SMALL_BLUEPRINT,
        seed=seed,
    )


def participant(event: Event, unit: OrgUnit, number: int, **fields: Any) -> tuple[User, Enrollment]:
    """A participant account linked to a new ASN seated in `event`."""
    user = User.objects.create_user(
        username=f"peserta_{event.pk}_{number}", password="x", role=Role.PARTICIPANT
    )
    asn = make_asn(unit, number, user=user)
    return user, seat(event, asn, **fields)


def correct_option(exam_question_id: int) -> int:
    question_id = ExamQuestion.objects.get(pk=exam_question_id).question_id
    return Option.objects.get(question_id=question_id, is_correct=True).pk


def wrong_option(exam_question_id: int) -> int:
    question_id = ExamQuestion.objects.get(pk=exam_question_id).question_id
    return Option.objects.filter(question_id=question_id, is_correct=False).order_by("pk")[0].pk


def exam_question_ids(exam: Exam) -> list[int]:
    return list(exam.questions.order_by("position").values_list("pk", flat=True))
