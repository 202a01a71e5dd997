"""The starter bank: enough questions per topic, well formed, loaded idempotently."""

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from peduliham.accounts.models import User
from peduliham.assessment.bank_xlsx import STARTER_BANK, import_specs, read_json_bank
from peduliham.assessment.demo import load_question_bank
from peduliham.assessment.models import Difficulty, Option, Question, Topic
from peduliham.assessment.services.bank import QuestionSpec, validate
from peduliham.core.models import AuditEntry


def _items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(STARTER_BANK.read_text(encoding="utf-8"))["questions"]
    return items


def _specs() -> list[QuestionSpec]:
    specs = []
    for _number, spec in read_json_bank():
        assert isinstance(spec, QuestionSpec)
        specs.append(spec)
    return specs


def test_the_starter_bank_has_at_least_60_questions_and_10_per_topic() -> None:
    items = _items()
    per_topic = Counter(item["topic"] for item in items)
    assert len(items) >= 60
    assert set(per_topic) == set(Topic.values)
    assert min(per_topic.values()) >= 10


def test_the_starter_bank_mixes_difficulty_about_40_40_20() -> None:
    per_level = Counter(item["difficulty"] for item in _items())
    total = sum(per_level.values())
    assert set(per_level) == set(Difficulty.values)
    assert 0.3 <= per_level["easy"] / total <= 0.5
    assert 0.3 <= per_level["medium"] / total <= 0.5
    assert 0.1 <= per_level["hard"] / total <= 0.3


def test_every_starter_question_is_valid_bilingual_and_explained() -> None:
    for spec in _specs():
        validate(spec)  # one correct, 4-5 distinct options, text and explanation present
        assert 4 <= len(spec.options) <= 5
        assert sum(option.is_correct for option in spec.options) == 1
        assert spec.text_en
        assert spec.explanation
        assert spec.explanation_en
        assert all(option.text_en for option in spec.options)


def test_starter_codes_are_unique_and_numbered_from_ham_001() -> None:
    codes = [item["code"] for item in _items()]
    assert len(set(codes)) == len(codes)
    assert codes[0] == "HAM-001"
    assert all(code.startswith("HAM-") for code in codes)


def test_the_correct_option_position_varies() -> None:
    answers = Counter(item["answer"] for item in _items())
    assert {"A", "B", "C", "D"} <= set(answers)
    assert max(answers.values()) <= len(_items()) // 2
    assert any(len(item["options"]) == 5 for item in _items())


@pytest.mark.django_db
def test_the_loader_command_is_idempotent() -> None:
    first, second = io.StringIO(), io.StringIO()
    call_command("load_question_bank", stdout=first)
    entries = AuditEntry.objects.count()
    call_command("load_question_bank", stdout=second)

    count = len(_items())
    assert Question.objects.count() == count
    assert Option.objects.filter(is_correct=True).count() == count
    assert f"Baru         : {count}" in first.getvalue()
    assert f"Tidak berubah: {count}" in second.getvalue()
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_the_loader_updates_only_a_changed_question(tmp_path: Path) -> None:
    call_command("load_question_bank", stdout=io.StringIO())
    document = json.loads(STARTER_BANK.read_text(encoding="utf-8"))
    document["questions"][0]["difficulty"] = "hard"
    changed = tmp_path / "bank.json"
    changed.write_text(json.dumps(document), encoding="utf-8")

    out = io.StringIO()
    call_command("load_question_bank", str(changed), stdout=out)

    assert "Diperbarui   : 1" in out.getvalue()
    assert Question.objects.get(code="HAM-001").difficulty == "hard"


@pytest.mark.django_db
def test_the_loader_reports_bad_rows_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bank.json"
    item = _items()[0] | {"answer": "E"}
    bad.write_text(json.dumps({"questions": [item]}), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_question_bank", str(bad), stdout=out)
    assert "Ditolak      : 1" in out.getvalue()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_loader_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("load_question_bank", str(tmp_path / "none.xlsx"))


def test_the_demo_step_loads_the_bank_as_the_ministry_once(admin_pusat: User) -> None:
    report = load_question_bank()
    again = load_question_bank()

    assert report.created == len(_items())
    assert again.created == 0
    assert AuditEntry.objects.filter(
        actor=admin_pusat, action="peduliham.assessment.question.created"
    ).count() == len(_items())


@pytest.mark.django_db
def test_import_specs_refuses_a_code_twice_in_one_file(admin_pusat: User) -> None:
    spec = _specs()[0]
    report = import_specs(admin_pusat, [(1, spec), (2, spec)])
    assert [row.outcome for row in report.rows] == ["created", "rejected"]
    assert "baris 1" in report.rows[1].reason
