"""The error report: one CSV row per refused row, with the original cells to fix and re-import.

Written as UTF-8 with a byte-order mark and semicolons, which is what Excel in
an Indonesian locale opens correctly; the importer reads it back as it is.
"""

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, TextIO

from peduliham.people.importing.readers import sheet_row
from peduliham.people.importing.rows import Rejection
from peduliham.people.models import ImportJob

REPORT_COLUMNS: Final = ("BARIS", "NIP (TERTULIS)", "KODE ALASAN", "ALASAN", "REASON")
SHEET_COLUMN: Final = "LEMBAR"


class ErrorReportWriter:
    """Appends rejections under the report header; with `sheets` (a workbook read from
    several sheets) a `LEMBAR` column after `BARIS` names the sheet of each row."""

    def __init__(self, handle: TextIO, headers: Sequence[str], *, sheets: bool = False) -> None:
        self._writer = csv.writer(handle, delimiter=";")
        self._width = len(headers)
        self._sheets = sheets
        first, *rest = REPORT_COLUMNS
        self._writer.writerow([first, *([SHEET_COLUMN] if sheets else []), *rest, *headers])

    def write(self, rejection: Rejection) -> None:
        cells = list(rejection.cells[: self._width])
        cells += [""] * (self._width - len(cells))
        where: list[int | str] = [sheet_row(rejection.number, rejection.sheet)]
        if self._sheets:
            where.append(rejection.sheet)
        self._writer.writerow(
            [
                *where,
                rejection.nip_text,
                rejection.code,
                rejection.message,
                rejection.message_en,
                *cells,
            ]
        )


def open_report(path: Path) -> TextIO:
    return path.open("w", encoding="utf-8-sig", newline="")


def write_rejections(
    path: Path, headers: Sequence[str], rejections: Iterable[Rejection], *, sheets: bool = False
) -> None:
    with open_report(path) as handle:
        writer = ErrorReportWriter(handle, headers, sheets=sheets)
        for rejection in rejections:
            writer.write(rejection)


def job_rejections(job: ImportJob) -> Iterable[Rejection]:
    """The rejections an import stored, in file order (each batch stores its own in order)."""
    for stored in job.rejections.order_by("id").iterator(chunk_size=2000):
        yield Rejection(
            stored.row_number,
            stored.nip_text,
            stored.code,
            stored.message,
            stored.message_en,
            [str(cell) for cell in stored.cells],
            stored.sheet,
        )


def job_read_sheets(job: ImportJob) -> bool:
    """Whether an import read several sheets, as its rejections show (the report's LEMBAR)."""
    return job.rejections.exclude(sheet="").exists()


def write_error_report(job: ImportJob, path: Path) -> None:
    """Write the error report of a finished import to `path`."""
    write_rejections(path, job.headers, job_rejections(job), sheets=job_read_sheets(job))
