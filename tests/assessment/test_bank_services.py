"""Writing questions: who may, what a question must hold, and the audit trail."""

import dataclasses

import pytest

from peduliham.accounts.models import User
from peduliham.assessment.models import Option, Question
from peduliham.assessment.services.bank import (
    OptionSpec,
    SaveOutcome,
    deactivate_question,
    delete_question,
    reactivate_question,
    save_question,
    update_question,
)
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from peduliham.regions.models import Region
from tests.assessment.factories_bank import make_question, make_spec, use_in_exam

pytestmark = pytest.mark.django_db


def _code(excinfo: pytest.ExceptionInfo[DomainError]) -> str:
    return excinfo.value.code


def test_the_national_admin_creates_a_question_with_its_options_and_an_audit_entry(
    admin_pusat: User,
) -> None:
    question = make_question(admin_pusat, answer=2, count=5)

    options = list(question.options.order_by("position"))
    assert [option.position for option in options] == [1, 2, 3, 4, 5]
    assert [option.is_correct for option in options] == [False, False, True, False, False]
    entry = AuditEntry.objects.get(action="peduliham.assessment.question.created")
    assert entry.actor == admin_pusat
    assert entry.object_id == str(question.pk)
    assert entry.changes["answer"] == "C"


@pytest.mark.parametrize(
    "username", ["operator_kanwil_jambi", "admin_pemkot_jambi", "peserta_budi"]
)
def test_other_users_may_not_write_the_bank(username: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(username)
    with pytest.raises(PermissionDenied) as excinfo:
        make_question(user)
    assert _code(excinfo) == "permission_denied"
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"code": "  "}, "question_invalid"),
        ({"code": "HAM 001"}, "question_invalid"),
        ({"topic": "astronomy"}, "question_invalid"),
        ({"difficulty": "extreme"}, "question_invalid"),
        ({"text": "   "}, "question_invalid"),
        ({"explanation": ""}, "question_invalid"),
        ({"count": 3}, "options_invalid"),
        ({"count": 6}, "options_invalid"),
    ],
)
def test_an_incomplete_question_is_refused(
    admin_pusat: User, fields: dict[str, object], code: str
) -> None:
    with pytest.raises(DomainError) as excinfo:
        make_question(admin_pusat, **fields)  # type: ignore[arg-type]
    assert _code(excinfo) == code
    assert not Question.objects.exists()
    assert not AuditEntry.objects.exists()


def _with_options(*options: OptionSpec) -> dict[str, object]:
    return {"options": options}


@pytest.mark.parametrize(
    "options",
    [
        (OptionSpec("a"), OptionSpec("b"), OptionSpec("c"), OptionSpec("d")),
        (
            OptionSpec("a", is_correct=True),
            OptionSpec("b", is_correct=True),
            OptionSpec("c"),
            OptionSpec("d"),
        ),
        (OptionSpec("a", is_correct=True), OptionSpec(" "), OptionSpec("c"), OptionSpec("d")),
        (
            OptionSpec("Sama", is_correct=True),
            OptionSpec("sama "),
            OptionSpec("c"),
            OptionSpec("d"),
        ),
        (OptionSpec("x" * 501, is_correct=True), OptionSpec("b"), OptionSpec("c"), OptionSpec("d")),
    ],
    ids=["no-correct", "two-correct", "empty-text", "duplicate-text", "too-long"],
)
def test_options_need_text_one_correct_answer_and_no_duplicates(
    admin_pusat: User, options: tuple[OptionSpec, ...]
) -> None:
    with pytest.raises(DomainError) as excinfo:
        make_question(admin_pusat, options=options)
    assert _code(excinfo) == "options_invalid"
    assert not Option.objects.exists()


def test_a_code_cannot_be_used_twice_whatever_its_case(admin_pusat: User) -> None:
    make_question(admin_pusat, code="HAM-100")
    with pytest.raises(DomainError) as excinfo:
        make_question(admin_pusat, code="ham-100")
    assert _code(excinfo) == "code_taken"
    assert Question.objects.count() == 1


def test_an_update_rewrites_the_options_and_records_what_changed(admin_pusat: User) -> None:
    question = make_question(admin_pusat, answer=0)
    spec = make_spec(answer=3, count=5, text="Teks baru?")

    update_question(admin_pusat, question=question, spec=spec)

    question.refresh_from_db()
    assert question.text == "Teks baru?"
    assert [o.is_correct for o in question.options.order_by("position")] == [
        False,
        False,
        False,
        True,
        False,
    ]
    entry = AuditEntry.objects.get(action="peduliham.assessment.question.updated")
    assert entry.changes["answer"] == ["A", "D"]
    assert entry.changes["text"][1] == "Teks baru?"


def test_an_update_to_a_taken_code_is_refused(admin_pusat: User) -> None:
    make_question(admin_pusat, code="HAM-100")
    question = make_question(admin_pusat, code="HAM-101")
    with pytest.raises(DomainError) as excinfo:
        update_question(admin_pusat, question=question, spec=make_spec("HAM-100"))
    assert _code(excinfo) == "code_taken"


def test_a_question_used_by_an_exam_keeps_its_answer_but_its_text_can_be_fixed(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    question = make_question(admin_pusat, answer=1)
    use_in_exam(question, admin_pusat, admin_pemkot_jambi, kota_jambi)

    with pytest.raises(DomainError) as excinfo:
        update_question(admin_pusat, question=question, spec=make_spec(answer=2))
    assert _code(excinfo) == "question_in_use"
    with pytest.raises(DomainError) as excinfo:
        update_question(admin_pusat, question=question, spec=make_spec(answer=1, count=5))
    assert _code(excinfo) == "question_in_use"

    option_ids = set(question.options.values_list("pk", flat=True))
    update_question(admin_pusat, question=question, spec=make_spec(answer=1, text="Diperbaiki?"))
    assert set(question.options.values_list("pk", flat=True)) == option_ids


def test_a_used_question_is_never_deleted_only_deactivated(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    question = make_question(admin_pusat)
    use_in_exam(question, admin_pusat, admin_pemkot_jambi, kota_jambi)

    with pytest.raises(DomainError) as excinfo:
        delete_question(admin_pusat, question=question)
    assert _code(excinfo) == "question_in_use"

    deactivate_question(admin_pusat, question=question)
    question.refresh_from_db()
    assert not question.is_active
    assert AuditEntry.objects.filter(action="peduliham.assessment.question.deactivated").exists()


def test_an_unused_question_can_be_deleted_with_an_audit_entry(admin_pusat: User) -> None:
    question = make_question(admin_pusat)
    delete_question(admin_pusat, question=question)
    assert not Question.objects.exists()
    assert AuditEntry.objects.filter(action="peduliham.assessment.question.deleted").exists()


def test_deactivating_twice_or_reactivating_an_active_question_is_refused(
    admin_pusat: User,
) -> None:
    question = make_question(admin_pusat)
    with pytest.raises(DomainError) as excinfo:
        reactivate_question(admin_pusat, question=question)
    assert _code(excinfo) == "question_already_active"
    deactivate_question(admin_pusat, question=question)
    with pytest.raises(DomainError) as excinfo:
        deactivate_question(admin_pusat, question=question)
    assert _code(excinfo) == "question_already_inactive"
    question = reactivate_question(admin_pusat, question=question)
    assert question.is_active
    entry = AuditEntry.objects.get(action="peduliham.assessment.question.reactivated")
    assert entry.changes == {"is_active": [False, True]}


def test_toggling_is_refused_to_other_users(admin_pusat: User, operator_kanwil_jambi: User) -> None:
    question = make_question(admin_pusat)
    with pytest.raises(PermissionDenied):
        deactivate_question(operator_kanwil_jambi, question=question)


def test_save_question_creates_then_leaves_an_identical_question_alone(admin_pusat: User) -> None:
    spec = make_spec("HAM-200")
    _question, first = save_question(admin_pusat, spec=spec)
    _question, second = save_question(
        admin_pusat, spec=dataclasses.replace(spec, text=f"  {spec.text}\r\n")
    )

    assert (first, second) == (SaveOutcome.CREATED, SaveOutcome.UNCHANGED)
    assert (
        AuditEntry.objects.filter(action__startswith="peduliham.assessment.question.").count() == 1
    )


def test_save_question_updates_content_and_the_active_flag(admin_pusat: User) -> None:
    save_question(admin_pusat, spec=make_spec("HAM-200"))
    question, outcome = save_question(
        admin_pusat, spec=make_spec("HAM-200", difficulty="hard", is_active=False)
    )
    assert outcome is SaveOutcome.UPDATED
    assert (question.difficulty, question.is_active) == ("hard", False)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "peduliham.assessment.question.updated",
        "peduliham.assessment.question.deactivated",
    } <= actions


def test_control_characters_and_stray_spaces_are_cleaned(admin_pusat: User) -> None:
    question = make_question(admin_pusat, text="  Apa\x0b arti\r\nHAM?  ")
    assert question.text == "Apa arti\nHAM?"
