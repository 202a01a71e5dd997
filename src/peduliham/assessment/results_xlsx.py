"""Test results as an XLSX workbook: sheets Peserta, OPD and Analisis butir.

Scores are number cells (a spreadsheet can average them); a missing score is
an empty cell, never 0. Names and question texts are always text cells, never
formulas, whatever they start with.
"""

from collections.abc import Sequence
from typing import IO, Final

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from peduliham.assessment.analysis import GainSummary
from peduliham.assessment.selectors.results import EventResults, ExamItems, ItemRow

PEOPLE_SHEET: Final = "Peserta"
OPD_SHEET: Final = "OPD"
ITEMS_SHEET: Final = "Analisis butir"
OPTION_COLUMNS: Final = "ABCDE"

type Value = str | int | float | Cell | None


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Ya") if value else _("Tidak")


def _text(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # a name like "=..." stays text, never a formula
    return cell


def write_results_xlsx(
    results: EventResults, exams: Sequence[ExamItems], target: IO[bytes]
) -> None:
    workbook = Workbook(write_only=True)
    _people_sheet(workbook.create_sheet(PEOPLE_SHEET), results)
    _opd_sheet(workbook.create_sheet(OPD_SHEET), results)
    _items_sheet(workbook.create_sheet(ITEMS_SHEET), exams)
    workbook.save(target)


def _people_sheet(sheet: WriteOnlyWorksheet, results: EventResults) -> None:
    sheet.append([_text(sheet, str(results.event))])
    sheet.append(
        [_("Nama"), _("NIP"), _("OPD"), _("Pre-test"), _("Post-test"), _("Gain (g)"), _("Lulus")]
    )
    for person in results.people:
        sheet.append(
            [
                _text(sheet, person.name),
                _text(sheet, person.nip),
                _text(sheet, person.opd_name),
                _rounded(person.pre),
                _rounded(person.post),
                _rounded(person.gain, 3),
                _yes_no(person.passed),
            ]
        )


def opd_headers() -> list[str]:
    return [
        _("OPD"),
        _("Peserta"),
        _("Berpasangan (pre dan post)"),
        _("Rerata pre-test"),
        _("Rerata post-test"),
        _("Gain kelas <g>"),
        _("Rerata gain individu"),
        _("Mengerjakan post-test"),
        _("Lulus post-test"),
        _("Lulus (%)"),
    ]


def _summary_values(summary: GainSummary) -> list[Value]:
    return [
        summary.participants,
        summary.paired,
        _rounded(summary.mean_pre),
        _rounded(summary.mean_post),
        _rounded(summary.class_gain, 3),
        _rounded(summary.mean_gain, 3),
        summary.post_takers,
        summary.passed,
        _rounded(summary.pass_percent, 1),
    ]


def _opd_sheet(sheet: WriteOnlyWorksheet, results: EventResults) -> None:
    sheet.append([_text(sheet, str(results.event))])
    sheet.append(opd_headers())
    for opd in results.opds:
        sheet.append([_text(sheet, opd.name), *_summary_values(opd.summary)])
    sheet.append([_("Jumlah kegiatan"), *_summary_values(results.summary)])


def item_headers() -> list[str]:
    return [
        _("Ujian"),
        _("Nomor"),
        _("Kode soal"),
        _("Topik"),
        _("Peserta"),
        _("Benar"),
        _("Tingkat kesukaran (p)"),
        _("Daya beda (r_pb)"),
        *(_("Memilih %(letter)s") % {"letter": letter} for letter in OPTION_COLUMNS),
        _("Tidak dijawab"),
        _("Catatan"),
    ]


def _item_values(sheet: WriteOnlyWorksheet, kind: str, item: ItemRow) -> list[Value]:
    counts = {option.letter: option.count for option in item.options}
    return [
        kind,
        item.position,
        _text(sheet, item.code),
        item.topic,
        item.stats.attempts,
        item.stats.correct,
        _rounded(item.stats.difficulty, 3),
        _rounded(item.stats.discrimination, 3),
        *(counts.get(letter) for letter in OPTION_COLUMNS),
        item.stats.unanswered,
        _text(sheet, " ".join(item.reasons)),
    ]


def _items_sheet(sheet: WriteOnlyWorksheet, exams: Sequence[ExamItems]) -> None:
    sheet.append(item_headers())
    for exam in exams:
        for item in exam.items:
            sheet.append(_item_values(sheet, exam.exam.kind_label, item))
