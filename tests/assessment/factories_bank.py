"""Arrange helpers for the question bank tests (no tests here)."""

import datetime
from typing import Any

from django.utils import timezone

from peduliham.accounts.models import User
from peduliham.assessment.models import Exam, ExamQuestion, Question
from peduliham.assessment.services.bank import OptionSpec, QuestionSpec, create_question
from peduliham.regions.models import Region
from tests.training.factories_events import new_event
from tests.training.helpers import make_program


def make_spec(
    code: str = "UJI-001", *, answer: int = 1, count: int = 4, **fields: Any
) -> QuestionSpec:
    """A valid question: `count` options, the one at index `answer` correct."""
    options = tuple(
        OptionSpec(f"Pilihan {index + 1}", f"Option {index + 1}", index == answer)
        for index in range(count)
    )
    values: dict[str, Any] = {
        "code": code,
        "topic": "concepts",
        "difficulty": "easy",
        "text": "Apa arti HAM bersifat universal?",
        "text_en": "What does it mean that human rights are universal?",
        "explanation": "HAM berlaku bagi setiap orang.",
        "explanation_en": "Human rights apply to everyone.",
        "options": options,
    }
    values.update(fields)
    return QuestionSpec(**values)


def make_question(admin: User, code: str = "UJI-001", **fields: Any) -> Question:
    return create_question(admin, spec=make_spec(code, **fields))


def use_in_exam(question: Question, admin_pusat: User, pemda: User, region: Region) -> Exam:
    """Put the question into a pre-test of a new event, as an exam would draw it."""
    event = new_event(pemda, make_program(admin_pusat), region)
    opens = timezone.now()
    exam = Exam.objects.create(
        event=event,
        kind="pre",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(hours=1),
        time_limit_minutes=30,
        seed=1,
    )
    ExamQuestion.objects.create(exam=exam, question=question, position=1)
    return exam
