"""The error report: one CSV row per refused row, with the original cells to fix and re-import.

Written as UTF-8 with a byte-order mark and semicolons, which is what Excel in
an Indonesian locale opens correctly; the importer reads it back as it is.
"""

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, TextIO

from peduliham.people.importing.rows import Rejection
from peduliham.people.models import ImportJob

REPORT_COLUMNS: Final = ("BARIS", "NIP (TERTULIS)", "KODE ALASAN", "ALASAN", "REASON")


class ErrorReportWriter:
    """Appends rejections under the report header."""

    def __init__(self, handle: TextIO, headers: Sequence[str]) -> None:
        self._writer = csv.writer(handle, delimiter=";")
        self._width = len(headers)
        self._writer.writerow([*REPORT_COLUMNS, *headers])

    def write(self, rejection: Rejection) -> None:
        cells = list(rejection.cells[: self._width])
        cells += [""] * (self._width - len(cells))
        self._writer.writerow(
            [
                rejection.number,
                rejection.nip_text,
                rejection.code,
                rejection.message,
                rejection.message_en,
                *cells,
            ]
        )


def open_report(path: Path) -> TextIO:
    return path.open("w", encoding="utf-8-sig", newline="")


def write_rejections(path: Path, headers: Sequence[str], rejections: Iterable[Rejection]) -> None:
    with open_report(path) as handle:
        writer = ErrorReportWriter(handle, headers)
        for rejection in rejections:
            writer.write(rejection)


def job_rejections(job: ImportJob) -> Iterable[Rejection]:
    """The rejections an import stored, in file order."""
    for stored in job.rejections.order_by("row_number").iterator(chunk_size=2000):
        yield Rejection(
            stored.row_number,
            stored.nip_text,
            stored.code,
            stored.message,
            stored.message_en,
            [str(cell) for cell in stored.cells],
        )


def write_error_report(job: ImportJob, path: Path) -> None:
    """Write the error report of a finished import to `path`."""
    write_rejections(path, job.headers, job_rejections(job))
