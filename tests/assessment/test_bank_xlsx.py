"""XLSX export and import of the bank: round trip unchanged, bad rows refused with reasons."""

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from peduliham.accounts.models import User
from peduliham.assessment.bank_xlsx import (
    HEADERS,
    import_bank_xlsx,
    import_specs,
    read_json_bank,
    write_bank_xlsx,
)
from peduliham.assessment.models import Question
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.core.models import AuditEntry
from tests.assessment.factories_bank import make_question

pytestmark = pytest.mark.django_db


def _export() -> io.BytesIO:
    target = io.BytesIO()
    write_bank_xlsx(Question.objects.prefetch_related("options").order_by("code"), target)
    target.seek(0)
    return target


def _sheet(*rows: dict[str, Any], headers: tuple[str, ...] = HEADERS) -> io.BytesIO:
    """A workbook with a title row above the header (as clerks make them) and `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Bank soal Kementerian HAM"])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    target = io.BytesIO()
    workbook.save(target)
    target.seek(0)
    return target


def _good_row(code: str = "HAM-900", **cells: Any) -> dict[str, Any]:
    row = {
        "KODE": code,
        "TOPIK": "Nondiskriminasi",
        "TINGKAT": "Sedang",
        "PERTANYAAN": "Manakah contoh diskriminasi tidak langsung?",
        "PILIHAN A": "Loket hanya di lantai dua tanpa lift",
        "PILIHAN B": "Antrean prioritas bagi lansia",
        "PILIHAN C": "Formulir sama untuk semua",
        "PILIHAN D": "Petugas ramah",
        "JAWABAN": "a",
        "PEMBAHASAN": "Aturan netral yang menyingkirkan kelompok tertentu.",
        "AKTIF": "Ya",
    }
    row.update(cells)
    return row


def test_an_export_of_the_starter_bank_imports_back_unchanged(admin_pusat: User) -> None:
    import_specs(admin_pusat, read_json_bank())
    exported = _export()

    report = import_bank_xlsx(admin_pusat, source=exported, name="bank.xlsx")

    assert report.counts == {
        "created": 0,
        "updated": 0,
        "unchanged": Question.objects.count(),
        "rejected": 0,
    }


def test_the_export_has_one_row_per_question_with_labels_and_the_answer_letter(
    admin_pusat: User,
) -> None:
    make_question(admin_pusat, "UJI-001", answer=2, count=5)
    sheet = load_workbook(_export()).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0] == HEADERS
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert (row["KODE"], row["TOPIK"], row["TINGKAT"]) == ("UJI-001", "Konsep dasar HAM", "Mudah")
    assert (row["JAWABAN"], row["PILIHAN E"], row["AKTIF"]) == ("C", "Pilihan 5", "Ya")


def test_an_import_creates_updates_and_deactivates_by_code(admin_pusat: User) -> None:
    make_question(admin_pusat, "HAM-901")
    source = _sheet(
        _good_row("HAM-900", TOPIK="non_discrimination", TINGKAT="medium"),
        _good_row("HAM-901", AKTIF="Tidak"),
    )

    report = import_bank_xlsx(admin_pusat, source=source, name="bank.xlsx")

    assert [(row.number, row.outcome) for row in report.rows] == [(3, "created"), (4, "updated")]
    created = Question.objects.get(code="HAM-900")
    assert (created.topic, created.difficulty) == ("non_discrimination", "medium")
    assert created.options.get(is_correct=True).position == 1
    assert not Question.objects.get(code="HAM-901").is_active
    entry = AuditEntry.objects.get(action="peduliham.assessment.bank.imported")
    assert entry.changes == {
        "file": "bank.xlsx",
        "created": 1,
        "updated": 1,
        "unchanged": 0,
        "rejected": 0,
    }


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"KODE": ""}, "KODE wajib diisi"),
        ({"TOPIK": "Astronomi"}, "TOPIK tidak dikenal"),
        ({"TINGKAT": ""}, "TINGKAT tidak dikenal"),
        ({"JAWABAN": "F"}, "JAWABAN harus satu huruf"),
        ({"JAWABAN": "E"}, "menunjuk pilihan yang kosong"),
        ({"AKTIF": "mungkin"}, "AKTIF harus Ya atau Tidak"),
        ({"PERTANYAAN": ""}, "Teks pertanyaan dan pembahasan wajib diisi"),
        ({"PILIHAN D": ""}, "4 atau 5 pilihan"),
        ({"PILIHAN B": "Loket hanya di lantai dua tanpa lift"}, "tidak boleh sama"),
        ({"PILIHAN B": "", "PILIHAN B (EN)": "Only English"}, "wajib berisi teks"),
    ],
)
def test_a_bad_row_is_rejected_with_its_number_and_an_indonesian_reason(
    admin_pusat: User, cells: dict[str, str], reason: str
) -> None:
    source = _sheet(_good_row("HAM-900"), _good_row("HAM-902", **cells))

    report = import_bank_xlsx(admin_pusat, source=source)

    assert [row.outcome for row in report.rows] == ["created", "rejected"]
    rejected = report.rejected[0]
    assert rejected.number == 4
    assert reason in rejected.reason
    assert Question.objects.count() == 1


def test_a_code_already_taken_in_another_case_updates_that_question(admin_pusat: User) -> None:
    make_question(admin_pusat, "HAM-900")
    report = import_bank_xlsx(admin_pusat, source=_sheet(_good_row("ham-900")))
    assert report.counts["updated"] == 1
    assert Question.objects.get().code == "ham-900"


def test_a_file_without_the_required_columns_is_refused(admin_pusat: User) -> None:
    source = _sheet(_good_row(), headers=tuple(h for h in HEADERS if h != "JAWABAN"))
    with pytest.raises(DomainError) as excinfo:
        import_bank_xlsx(admin_pusat, source=source)
    assert excinfo.value.code == "missing_column"
    assert "JAWABAN" in str(excinfo.value.message)


def test_a_file_that_is_not_a_spreadsheet_is_refused(admin_pusat: User) -> None:
    with pytest.raises(DomainError) as excinfo:
        import_bank_xlsx(admin_pusat, source=io.BytesIO(b"NIP;NAMA\n1;Budi\n"))
    assert excinfo.value.code == "file_unreadable"


def test_only_the_national_admin_may_import(operator_kanwil_jambi: User) -> None:
    with pytest.raises(PermissionDenied):
        import_bank_xlsx(operator_kanwil_jambi, source=_sheet(_good_row()))
    assert not Question.objects.exists()


def test_text_that_looks_like_a_formula_survives_the_round_trip(admin_pusat: User) -> None:
    make_question(admin_pusat, "UJI-001", text="=1+1 adalah rumus?", explanation="-bukan rumus")
    sheet = load_workbook(_export()).active
    assert sheet is not None
    assert sheet["D2"].data_type == "s"

    report = import_bank_xlsx(admin_pusat, source=_export())
    assert report.counts["unchanged"] == 1
