"""The coverage table as an XLSX workbook (openpyxl write-only mode: constant memory).

Counts are number cells so a spreadsheet can sum them; names are always text
cells, never formulas, whatever they start with.
"""

from typing import IO, Final

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from peduliham.training.selectors.coverage import Coverage, CoverageLevel, Numbers

SHEET_TITLE: Final = "Cakupan"

type Value = str | int | float | None


def level_label(level: CoverageLevel) -> str:
    labels = {
        CoverageLevel.NATIONAL: _("Nasional"),
        CoverageLevel.PROVINCE: _("Provinsi"),
        CoverageLevel.REGENCY: _("Kabupaten/kota"),
        CoverageLevel.OPD: _("OPD"),
        CoverageLevel.EVENT: _("Kegiatan"),
    }
    return labels[level]


def headers() -> list[str]:
    return [
        _("Nama"),
        _("Tingkat"),
        _("Kuota"),
        _("Terpilih"),
        _("Hadir"),
        pgettext("participants", "Selesai"),
        _("ASN aktif"),
        _("Progres (%)"),
        _("ASN aktif terlatih (%)"),
    ]


def _values(numbers: Numbers) -> list[Value]:
    return [
        numbers.quota,
        numbers.selected,
        numbers.attended,
        numbers.completed,
        numbers.active,
        numbers.progress_percent,
        numbers.share_percent,
    ]


def write_coverage_xlsx(coverage: Coverage, target: IO[bytes]) -> None:
    """One sheet: a title line, the header, the level's own totals, then the children."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    title = f"{coverage.program} — {coverage.name}"
    sheet.append([_text(sheet, title)])
    sheet.append(headers())
    own = [_text(sheet, _("Jumlah: %(name)s") % {"name": coverage.name})]
    sheet.append([*own, level_label(coverage.level), *_values(coverage.totals)])
    for row in coverage.rows:
        sheet.append([_text(sheet, row.name), level_label(row.level), *_values(row.numbers)])
    workbook.save(target)


def _text(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # a unit named "=..." stays text, never a formula
    return cell
