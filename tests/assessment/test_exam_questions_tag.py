"""The questions of an attempt rendered from cached fragments: order, choice, language, escaping."""

import pytest
from django.utils import translation

from peduliham.accounts.models import User
from peduliham.assessment.models import ExamAttempt, Option, Question
from peduliham.assessment.selectors.exams import answers_of, shown_questions
from peduliham.assessment.services.exams import save_answer, start_attempt
from peduliham.assessment.templatetags.exam_questions import exam_questions
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> ExamAttempt:
    for question in make_bank():
        question.text = f"Apakah <b>{question.code}</b> & benar?"
        question.text_en = f"Is {question.code} right?" if question.code.endswith("1") else ""
        question.save()
    exam = make_exam(admin_pemkot_jambi, running_event(admin_pusat, kota_jambi))
    user = participant(exam.event, dinkes_jambi, 1)[0]
    return start_attempt(user, exam=exam)


def html(attempt: ExamAttempt, language: str = "id") -> str:
    shown = shown_questions(attempt, answers_of(attempt))
    with translation.override(language):
        return exam_questions(shown, len(shown))


def test_options_come_in_the_attempts_order_lettered_and_the_choice_is_checked(
    attempt: ExamAttempt,
) -> None:
    first = exam_question_ids(attempt.exam)[0]
    save_answer(
        attempt.enrollment.asn.user,
        exam_id=attempt.exam_id,
        exam_question_id=first,
        option_id=correct_option(first),
    )
    page = html(attempt)
    shown = shown_questions(attempt, answers_of(attempt))[0]
    positions = [page.index(f'id="pilihan-{first}-{option.id}"') for option in shown.options]
    assert positions == sorted(positions)
    assert page.count(" checked") == 1
    assert f'value="{correct_option(first)}" checked' in page
    assert page.count('<span class="exam-option__letter">A.</span>') == 12
    assert page.count("Jawaban tersimpan.") == 1
    assert page.count("Belum dijawab.") == 11
    assert "Soal 1 dari 12" in page


def test_question_text_is_escaped(attempt: ExamAttempt) -> None:
    page = html(attempt)
    assert "<b>" not in page
    assert "Apakah &lt;b&gt;" in page
    assert "&amp; benar?" in page


def test_english_text_where_the_bank_has_it(attempt: ExamAttempt) -> None:
    english = Question.objects.exclude(text_en="").filter(
        pk__in=attempt.exam.questions.values("question")
    )
    Option.objects.update(text_en="An option")
    page = html(attempt, "en")
    assert "Question 1 of 12" in page
    assert page.count("Is ") == english.count()
    assert page.count("Apakah ") == 12 - english.count()
    assert "An option" in page
    assert "Pilihan 1" in html(attempt, "id")
