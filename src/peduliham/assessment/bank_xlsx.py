"""The question bank as files: XLSX the ministry edits, and the JSON starter bank.

One row per question. An export re-imports as "unchanged": cells are written
as the services store them (topic and difficulty as their Indonesian labels)
and read back the same way. Import goes row by row through `save_question`,
like the ASN importer: each row is created, updated, unchanged or rejected
with its row number and a reason; one bad row never stops the others.
"""

import datetime
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import python_calamine
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from peduliham.assessment.models import Difficulty, Question, Topic
from peduliham.assessment.services.bank import (
    LETTERS,
    MIN_OPTIONS,
    OptionSpec,
    QuestionSpec,
    SaveOutcome,
    require_bank_admin,
    save_question,
    spec_of,
)
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError

STARTER_BANK: Final = Path(__file__).resolve().parent / "data" / "starter_bank.json"
SHEET_TITLE: Final = "Bank soal"
OPTION_HEADERS: Final = tuple(f"PILIHAN {letter}" for letter in LETTERS)
OPTION_EN_HEADERS: Final = tuple(f"PILIHAN {letter} (EN)" for letter in LETTERS)
HEADERS: Final = (
    "KODE",
    "TOPIK",
    "TINGKAT",
    "PERTANYAAN",
    "PERTANYAAN (EN)",
    *OPTION_HEADERS,
    *OPTION_EN_HEADERS,
    "JAWABAN",
    "PEMBAHASAN",
    "PEMBAHASAN (EN)",
    "AKTIF",
)
REQUIRED: Final = ("KODE", "TOPIK", "TINGKAT", "PERTANYAAN", "JAWABAN", "PEMBAHASAN")
HEADER_SCAN_ROWS: Final = 10
FORMULA_STARTS: Final = ("=", "+", "-", "@")
YES: Final = frozenset({"ya", "y", "1", "aktif", "true", "yes"})
NO: Final = frozenset({"tidak", "t", "0", "nonaktif", "tidak aktif", "false", "no", "n"})
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class RowResult:
    """What happened to one row: outcome is created, updated, unchanged or rejected."""

    number: int
    code: str
    outcome: str
    reason: str = ""


@dataclass(slots=True)
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.outcome for row in self.rows)
        outcomes = [*SaveOutcome, "rejected"]
        return {str(outcome): counted.get(str(outcome), 0) for outcome in outcomes}

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == "rejected"]


class RowProblem(Exception):
    """A row that cannot become a question; the message is for the person who filled it."""


# Writing ----------------------------------------------------------------------------------


def _label(choices: type[Topic] | type[Difficulty], value: str) -> str:
    with translation.override("id"):
        return str(choices(value).label)


def question_row(spec: QuestionSpec) -> list[str]:
    """The cells of one question, in HEADERS order."""
    options = list(spec.options) + [OptionSpec("")] * (len(LETTERS) - len(spec.options))
    answer = next(
        (LETTERS[index] for index, option in enumerate(spec.options) if option.is_correct), ""
    )
    return [
        spec.code,
        _label(Topic, spec.topic),
        _label(Difficulty, spec.difficulty),
        spec.text,
        spec.text_en,
        *(option.text for option in options),
        *(option.text_en for option in options),
        answer,
        spec.explanation,
        spec.explanation_en,
        "Ya" if spec.is_active else "Tidak",
    ]


def _cell(sheet: WriteOnlyWorksheet, value: str) -> Cell | str:
    """Text that a spreadsheet would take for a formula stays text."""
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def write_bank_xlsx(questions: Iterable[Question], target: Path | IO[bytes]) -> int:
    """Write the questions (options prefetched or not) as one sheet; returns the count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.append(list(HEADERS))
    count = 0
    for question in questions:
        sheet.append([_cell(sheet, value) for value in question_row(spec_of(question))])
        count += 1
    workbook.save(target)
    return count


# Reading ----------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: numbers without `.0`, dates in ISO form, blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _header_key(value: Any) -> str:
    return " ".join(cell_text(value).upper().split())


def _open_sheet(source: Path | IO[bytes]) -> python_calamine.CalamineSheet:
    try:
        workbook = python_calamine.load_workbook(source)
        return workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises several types for damaged files
        raise DomainError(
            _("Berkas bukan spreadsheet .xlsx yang dapat dibaca."), code="file_unreadable"
        ) from exc


def _columns(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """The header row's number and where each known column is."""
    for number, cells in enumerate(rows[:HEADER_SCAN_ROWS], start=1):
        keys = [_header_key(cell) for cell in cells]
        if "KODE" in keys:
            columns = {key: index for index, key in reversed(list(enumerate(keys))) if key}
            missing = [
                name for name in (*REQUIRED, *OPTION_HEADERS[:MIN_OPTIONS]) if name not in columns
            ]
            if missing:
                raise DomainError(
                    _("Kolom wajib tidak ditemukan: %(columns)s") % {"columns": ", ".join(missing)},
                    code="missing_column",
                )
            return number, columns
    raise DomainError(
        _("Baris judul kolom (KODE, TOPIK, ...) tidak ditemukan."), code="missing_column"
    )


def read_rows(source: Path | IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the sheet shows it, {header: text}) for every non-blank data row.
    Errors: file_unreadable, missing_column (raised before the first row)."""
    rows = [list(cells) for cells in _open_sheet(source).iter_rows()]
    header_row, columns = _columns(rows)
    return _data_rows(rows, header_row, columns)


def _data_rows(
    rows: list[list[Any]], header_row: int, columns: dict[str, int]
) -> Iterator[tuple[int, dict[str, str]]]:
    for number, cells in enumerate(rows[header_row:], start=header_row + 1):
        values = {
            name: cell_text(cells[index]) if index < len(cells) else ""
            for name, index in columns.items()
        }
        if any(values.values()):
            yield number, values


def _choice(choices: type[Topic] | type[Difficulty], text: str, what: str) -> str:
    wanted = " ".join(text.split()).casefold()
    for value in choices.values:
        labels = {value.casefold()}
        for language in ("id", "en"):
            labels.add(" ".join(_label_in(choices, value, language).split()).casefold())
        if wanted in labels:
            return str(value)
    raise RowProblem(_("%(what)s tidak dikenal: %(value)s") % {"what": what, "value": text or "-"})


def _label_in(choices: type[Topic] | type[Difficulty], value: str, language: str) -> str:
    with translation.override(language):
        return str(choices(value).label)


def _active(text: str) -> bool:
    word = text.strip().casefold()
    if not word or word in YES:
        return True
    if word in NO:
        return False
    raise RowProblem(_("AKTIF harus Ya atau Tidak, bukan %(value)s") % {"value": text})


def _options(values: dict[str, str]) -> tuple[OptionSpec, ...]:
    answer = values.get("JAWABAN", "").strip().upper()
    if len(answer) != 1 or answer not in LETTERS:
        raise RowProblem(_("JAWABAN harus satu huruf A sampai E."))
    options = []
    for letter, header, header_en in zip(LETTERS, OPTION_HEADERS, OPTION_EN_HEADERS, strict=True):
        text, text_en = values.get(header, ""), values.get(header_en, "")
        if text or text_en:
            options.append(OptionSpec(text, text_en, is_correct=letter == answer))
    if not values.get(OPTION_HEADERS[LETTERS.index(answer)]):
        raise RowProblem(_("JAWABAN %(letter)s menunjuk pilihan yang kosong.") % {"letter": answer})
    return tuple(options)


def parse_row(values: dict[str, str]) -> QuestionSpec:
    """One row as a question spec (RowProblem with an Indonesian reason); the services
    check the rest."""
    if not values.get("KODE"):
        raise RowProblem(_("KODE wajib diisi."))
    return QuestionSpec(
        code=values["KODE"],
        topic=_choice(Topic, values.get("TOPIK", ""), _("TOPIK")),
        difficulty=_choice(Difficulty, values.get("TINGKAT", ""), _("TINGKAT")),
        text=values.get("PERTANYAAN", ""),
        text_en=values.get("PERTANYAAN (EN)", ""),
        options=_options(values),
        explanation=values.get("PEMBAHASAN", ""),
        explanation_en=values.get("PEMBAHASAN (EN)", ""),
        is_active=_active(values.get("AKTIF", "")),
    )


# Importing --------------------------------------------------------------------------------


def import_specs(actor: Any, rows: Iterable[tuple[int, QuestionSpec | RowProblem]]) -> ImportReport:
    """Save each spec through the services; a code seen twice in one file is refused."""
    require_bank_admin(actor)
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, item in rows:
        if isinstance(item, RowProblem):
            report.rows.append(RowResult(number, "", "rejected", str(item)))
            continue
        report.rows.append(_import_one(actor, number, item, seen))
    return report


def _import_one(actor: Any, number: int, spec: QuestionSpec, seen: dict[str, int]) -> RowResult:
    key = spec.code.strip().casefold()
    if key in seen:
        reason = _("Kode %(code)s sudah ada di baris %(row)s berkas ini.") % {
            "code": spec.code,
            "row": seen[key],
        }
        return RowResult(number, spec.code, "rejected", reason)
    seen[key] = number
    try:
        _question, outcome = save_question(actor, spec=spec)
    except DomainError as error:
        return RowResult(number, spec.code, "rejected", str(error.message))
    return RowResult(number, spec.code, str(outcome))


def _parsed(
    rows: Iterable[tuple[int, dict[str, str]]],
) -> Iterator[tuple[int, QuestionSpec | RowProblem]]:
    for number, values in rows:
        try:
            yield number, parse_row(values)
        except RowProblem as problem:
            yield number, RowProblem(f"{values.get('KODE', '')}: {problem}".lstrip(": "))


def import_bank_xlsx(actor: Any, *, source: Path | IO[bytes], name: str = "") -> ImportReport:
    """Import an XLSX bank row by row (permission_denied, file_unreadable, missing_column);
    one audit entry sums the file up, besides the entries of each changed question."""
    require_bank_admin(actor)
    report = import_specs(actor, _parsed(read_rows(source)))
    log_action(actor, "peduliham.assessment.bank.imported", changes={"file": name, **report.counts})
    return report


def read_json_bank(path: Path = STARTER_BANK) -> Iterator[tuple[int, QuestionSpec | RowProblem]]:
    """The questions of a JSON bank file (the starter bank's format), numbered from 1."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        items = document["questions"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DomainError(
            _("Berkas JSON bank soal tidak dapat dibaca: %(error)s") % {"error": exc},
            code="file_unreadable",
        ) from exc
    for number, item in enumerate(items, start=1):
        try:
            yield number, _json_spec(item)
        except (KeyError, TypeError, ValueError) as exc:
            yield number, RowProblem(_("Isian tidak lengkap: %(error)s") % {"error": exc})


def _json_spec(item: dict[str, Any]) -> QuestionSpec:
    answer = LETTERS.index(str(item["answer"]).upper())
    options = tuple(
        OptionSpec(option["text"], option.get("text_en", ""), index == answer)
        for index, option in enumerate(item["options"])
    )
    return QuestionSpec(
        code=item["code"],
        topic=item["topic"],
        difficulty=item["difficulty"],
        text=item["text"],
        text_en=item.get("text_en", ""),
        options=options,
        explanation=item["explanation"],
        explanation_en=item.get("explanation_en", ""),
        is_active=bool(item.get("is_active", True)),
    )


def load_bank_file(actor: Any, path: Path) -> ImportReport:
    """A .json or .xlsx bank file, row by row (what `load_question_bank` runs)."""
    if path.suffix.lower() == ".json":
        return import_specs(actor, read_json_bank(path))
    return import_bank_xlsx(actor, source=path, name=path.name)
