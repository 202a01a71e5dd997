"""Writes for the national question bank. Each service is atomic and leaves one audit entry.

Only the national admin maintains the bank (actor None is the command line,
which already has the database). A question and its options are written
together. A question an exam has drawn is never deleted, only deactivated,
and its options keep their meaning: which option is correct and how many
there are stay fixed, so past answers and scores stay true.
"""

import dataclasses
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Final

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.assessment.models import (
    Difficulty,
    ExamQuestion,
    Option,
    Question,
    Topic,
)
from peduliham.core.audit import diff, log_action
from peduliham.core.errors import DomainError, PermissionDenied

ACTION: Final = "peduliham.assessment.question.{verb}"
MIN_OPTIONS: Final = 4
MAX_OPTIONS: Final = 5
CODE_MAX: Final = 20
OPTION_MAX: Final = 500
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LETTERS: Final = "ABCDE"


@dataclasses.dataclass(frozen=True, slots=True)
class OptionSpec:
    text: str
    text_en: str = ""
    is_correct: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class QuestionSpec:
    """Everything a question holds, as the forms, the loader and the importer give it."""

    code: str
    topic: str
    difficulty: str
    text: str
    explanation: str
    options: tuple[OptionSpec, ...]
    text_en: str = ""
    explanation_en: str = ""
    is_active: bool = True


class SaveOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def require_bank_admin(actor: Any) -> None:
    """PermissionDenied unless `actor` is an active national admin (or None: the command line)."""
    if actor is None:
        return  # the command line
    if not actor.is_authenticated or not actor.is_active or actor.role != Role.NATIONAL_ADMIN:
        raise PermissionDenied(_("Hanya admin pusat yang dapat mengelola bank soal."))


def _printable(value: str) -> str:
    """Without control characters (a spreadsheet cannot hold them), newlines kept."""
    return _CONTROL.sub("", value)


def _block(value: str) -> str:
    """Multi-line text: trimmed, with Unix line ends."""
    return _printable(value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _line(value: str) -> str:
    return " ".join(_printable(value).split())


def normalise(spec: QuestionSpec) -> QuestionSpec:
    """The spec as it would be stored (trimmed text), so equal content compares equal."""
    options = tuple(
        OptionSpec(_line(option.text), _line(option.text_en), option.is_correct)
        for option in spec.options
    )
    return QuestionSpec(
        code=spec.code.strip(),
        topic=spec.topic.strip(),
        difficulty=spec.difficulty.strip(),
        text=_block(spec.text),
        explanation=_block(spec.explanation),
        options=options,
        text_en=_block(spec.text_en),
        explanation_en=_block(spec.explanation_en),
        is_active=spec.is_active,
    )


def _check_question(spec: QuestionSpec) -> None:
    if not _CODE.match(spec.code) or len(spec.code) > CODE_MAX:
        raise DomainError(
            _("Kode soal wajib diisi (huruf, angka, titik, garis; paling banyak 20 karakter)."),
            code="question_invalid",
        )
    if spec.topic not in Topic.values or spec.difficulty not in Difficulty.values:
        raise DomainError(_("Topik atau tingkat kesulitan tidak dikenal."), code="question_invalid")
    if not spec.text or not spec.explanation:
        raise DomainError(_("Teks pertanyaan dan pembahasan wajib diisi."), code="question_invalid")


def _check_options(options: Sequence[OptionSpec]) -> None:
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise DomainError(_("Soal harus memiliki 4 atau 5 pilihan."), code="options_invalid")
    if any(not option.text for option in options):
        raise DomainError(_("Setiap pilihan wajib berisi teks."), code="options_invalid")
    if any(max(len(option.text), len(option.text_en)) > OPTION_MAX for option in options):
        raise DomainError(_("Teks pilihan paling banyak 500 karakter."), code="options_invalid")
    if sum(option.is_correct for option in options) != 1:
        raise DomainError(_("Tepat satu pilihan harus benar."), code="options_invalid")
    texts = [option.text.casefold() for option in options]
    if len(set(texts)) != len(texts):
        raise DomainError(_("Dua pilihan tidak boleh sama."), code="options_invalid")


def validate(spec: QuestionSpec) -> QuestionSpec:
    """The normalised spec, or DomainError question_invalid / options_invalid."""
    spec = normalise(spec)
    _check_question(spec)
    _check_options(spec.options)
    return spec


def _check_code_free(code: str, question: Question | None = None) -> None:
    taken = Question.objects.filter(code__iexact=code)
    if question is not None:
        taken = taken.exclude(pk=question.pk)
    if taken.exists():
        raise DomainError(
            _("Kode soal %(code)s sudah dipakai.") % {"code": code}, code="code_taken"
        )


def is_used(question: Question) -> bool:
    """Whether an exam has drawn this question (then it is never deleted)."""
    return ExamQuestion.objects.filter(question=question).exists()


def spec_of(question: Question) -> QuestionSpec:
    """The stored question as a spec (for comparisons, forms and exports)."""
    options = tuple(
        OptionSpec(option.text, option.text_en, option.is_correct)
        for option in question.options.all()
    )
    return QuestionSpec(
        code=question.code,
        topic=question.topic,
        difficulty=question.difficulty,
        text=question.text,
        explanation=question.explanation,
        options=options,
        text_en=question.text_en,
        explanation_en=question.explanation_en,
        is_active=question.is_active,
    )


def _summary(spec: QuestionSpec) -> dict[str, Any]:
    """What the audit trail keeps of a question's content."""
    correct = next(
        (LETTERS[index] for index, option in enumerate(spec.options) if option.is_correct), ""
    )
    return {
        "code": spec.code,
        "topic": spec.topic,
        "difficulty": spec.difficulty,
        "text": spec.text,
        "text_en": spec.text_en,
        "explanation": spec.explanation,
        "explanation_en": spec.explanation_en,
        "options": [option.text for option in spec.options],
        "options_en": [option.text_en for option in spec.options],
        "answer": correct,
    }


def _assign(question: Question, spec: QuestionSpec) -> None:
    question.code = spec.code
    question.topic = spec.topic
    question.difficulty = spec.difficulty
    question.text = spec.text
    question.text_en = spec.text_en
    question.explanation = spec.explanation
    question.explanation_en = spec.explanation_en


def _save(question: Question) -> None:
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError as exc:
        raise DomainError(
            _("Kode soal %(code)s sudah dipakai.") % {"code": question.code}, code="code_taken"
        ) from exc


def _write_options(question: Question, options: Sequence[OptionSpec]) -> None:
    """Update options in place by position; the old correct flag is cleared first so the
    one-correct constraint holds at every step."""
    existing = {option.position: option for option in question.options.all()}
    Option.objects.filter(question=question, is_correct=True).update(is_correct=False)
    for position, spec in enumerate(options, start=1):
        option = existing.pop(position, None) or Option(question=question, position=position)
        option.text, option.text_en, option.is_correct = spec.text, spec.text_en, False
        option.save()
    if existing:
        Option.objects.filter(pk__in=[option.pk for option in existing.values()]).delete()
    correct = next(index for index, spec in enumerate(options, start=1) if spec.is_correct)
    Option.objects.filter(question=question, position=correct).update(is_correct=True)


@transaction.atomic
def create_question(actor: Any, *, spec: QuestionSpec) -> Question:
    """Add a question with its options (permission_denied, question_invalid, options_invalid,
    code_taken). `spec.is_active` False adds it inactive."""
    require_bank_admin(actor)
    spec = validate(spec)
    _check_code_free(spec.code)
    question = Question(is_active=spec.is_active)
    _assign(question, spec)
    _save(question)
    _write_options(question, spec.options)
    log_action(actor, ACTION.format(verb="created"), question, changes=_summary(spec))
    return question


def _check_use(question: Question, before: QuestionSpec, after: QuestionSpec) -> None:
    """An exam's question keeps its option count and its correct position."""
    if not is_used(question):
        return

    def shape(spec: QuestionSpec) -> tuple[bool, ...]:
        return tuple(option.is_correct for option in spec.options)

    if shape(before) != shape(after):
        raise DomainError(
            _(
                "Soal ini sudah dipakai dalam ujian: jumlah pilihan dan jawaban benarnya tidak "
                "dapat diubah. Nonaktifkan soal ini dan buat soal baru."
            ),
            code="question_in_use",
        )


@transaction.atomic
def update_question(actor: Any, *, question: Question, spec: QuestionSpec) -> Question:
    """Change a question and its options (permission_denied, question_invalid,
    options_invalid, code_taken, question_in_use). `spec.is_active` is ignored here:
    deactivate_question and reactivate_question change it."""
    require_bank_admin(actor)
    spec = validate(spec)
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = spec_of(question)
    _check_code_free(spec.code, question)
    _check_use(question, before, spec)
    _assign(question, spec)
    _save(question)
    _write_options(question, spec.options)
    changes = diff(_summary(before), _summary(spec))
    log_action(actor, ACTION.format(verb="updated"), question, changes=changes)
    return question


def _set_active(actor: Any, question: Question, active: bool) -> Question:
    require_bank_admin(actor)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.is_active == active:
        message = _("Soal ini sudah aktif.") if active else _("Soal ini sudah nonaktif.")
        code = "question_already_active" if active else "question_already_inactive"
        raise DomainError(message, code=code)
    question.is_active = active
    question.save(update_fields=["is_active", "updated_at"])
    verb = "reactivated" if active else "deactivated"
    log_action(
        actor, ACTION.format(verb=verb), question, changes={"is_active": [not active, active]}
    )
    return question


@transaction.atomic
def deactivate_question(actor: Any, *, question: Question) -> Question:
    """Keep a question out of new exams (permission_denied, question_already_inactive)."""
    return _set_active(actor, question, False)


@transaction.atomic
def reactivate_question(actor: Any, *, question: Question) -> Question:
    """Let new exams draw a question again (permission_denied, question_already_active)."""
    return _set_active(actor, question, True)


@transaction.atomic
def delete_question(actor: Any, *, question: Question) -> None:
    """Remove a question no exam has drawn (permission_denied, question_in_use)."""
    require_bank_admin(actor)
    if is_used(question):
        raise DomainError(
            _("Soal ini sudah dipakai dalam ujian; nonaktifkan saja."), code="question_in_use"
        )
    log_action(actor, ACTION.format(verb="deleted"), question, changes=_summary(spec_of(question)))
    question.delete()


def _content(spec: QuestionSpec) -> QuestionSpec:
    """The spec without its active flag (content comparison)."""
    return dataclasses.replace(spec, is_active=True)


@transaction.atomic
def save_question(actor: Any, *, spec: QuestionSpec) -> tuple[Question, SaveOutcome]:
    """Create the question of `spec.code`, or bring it in line with `spec` (content and
    active flag) only where it differs: what loaders and importers call per row."""
    require_bank_admin(actor)
    spec = validate(spec)
    question = Question.objects.filter(code__iexact=spec.code).first()
    if question is None:
        return create_question(actor, spec=spec), SaveOutcome.CREATED
    current = spec_of(question)
    changed = False
    if _content(current) != _content(spec):
        question = update_question(actor, question=question, spec=spec)
        changed = True
    if question.is_active != spec.is_active:
        question = _set_active(actor, question, spec.is_active)
        changed = True
    return question, SaveOutcome.UPDATED if changed else SaveOutcome.UNCHANGED
