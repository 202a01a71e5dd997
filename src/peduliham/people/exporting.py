"""Writing ASN lists as the spreadsheets the importer reads, so an export re-imports unchanged.

The columns are the importer's canonical (SIASN) headers; values are written
as the importer normalises them. NIP and phone numbers are text cells in
XLSX, or Excel turns `198609262015051001` into `1.98609E+17`.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Final

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from peduliham.people.importing.headers import SIASN_HEADERS
from peduliham.people.importing.values import INACTIVE, parse_standing
from peduliham.people.models import ASN

#: Export columns, each a header the importer recognises (see importing/headers.py).
EXPORT_HEADERS: Final = (
    *SIASN_HEADERS,
    "KEDUDUKAN HUKUM",
    "UNOR INDUK NAMA",
    "PELAYANAN PUBLIK",
    "EMAIL",
    "NO HP",
)
#: Columns that must stay text in a spreadsheet (leading zeros, 18 digits).
TEXT_COLUMNS: Final = frozenset({"NIP BARU", "NO HP"})
#: Columns of free text a spreadsheet could take for a formula (CSV injection).
FREE_TEXT_COLUMNS: Final = frozenset(
    {"NAMA", "GELAR DEPAN", "GELAR BELAKANG", "JABATAN NAMA", "UNOR NAMA", "UNOR INDUK NAMA"}
)
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# The words HR exports use, not display labels: those follow the user's language.
POSITION_KIND_WORDS: Final = {
    "struktural": "Struktural",
    "fungsional": "Fungsional",
    "pelaksana": "Pelaksana",
}
ACTIVE_WORD: Final = "Aktif"
CSV_DELIMITER: Final = ";"  # what Excel in an Indonesian locale splits on, like the error report
CHUNK_ROWS: Final = 2000
SHEET_TITLE: Final = "Data ASN"


def export_rows(records: QuerySet[ASN]) -> Iterator[list[str]]:
    """One list of cell texts per ASN, in EXPORT_HEADERS order, read in chunks."""
    records = records.select_related("org_unit", "org_unit__parent")
    for asn in records.iterator(chunk_size=CHUNK_ROWS):
        yield asn_row(asn)


def asn_row(asn: ASN) -> list[str]:
    """The cells of one ASN as the importer reads them back to the same record."""
    parent = asn.org_unit.parent
    cells = [
        asn.nip,
        asn.name,
        asn.front_title,
        asn.back_title,
        f"{asn.birth_date:%d-%m-%Y}",
        asn.sex,
        asn.employment_kind,
        asn.rank,
        asn.position_name,
        POSITION_KIND_WORDS.get(asn.position_kind, ""),
        asn.org_unit.name,
        standing_text(asn),
        parent.name if parent is not None else "",
        "Ya" if asn.is_frontline else "Tidak",
        asn.email,
        asn.phone,
    ]
    return cells


def standing_text(asn: ASN) -> str:
    """`Aktif`, or the stored reason of an inactive ASN (`Pensiun`), which the importer reads
    back as the same status; a reason it would not read is written as `Tidak aktif`."""
    if asn.is_active:
        return ACTIVE_WORD
    standing = parse_standing(asn.inactive_reason) if asn.inactive_reason else None
    if standing is None or standing.active:
        return INACTIVE
    return asn.inactive_reason


def _defuse(row: list[str]) -> list[str]:
    """Keep a spreadsheet opening the CSV from running a cell as a formula (CSV injection);
    no real name or unit starts that way, so round trips are unaffected."""
    return [
        f"'{cell}" if header in FREE_TEXT_COLUMNS and cell.startswith(FORMULA_STARTS) else cell
        for header, cell in zip(EXPORT_HEADERS, row, strict=True)
    ]


class ChunkBuffer(io.StringIO):
    """A buffer a csv.writer fills and a streaming response drains."""

    def drain(self) -> str:
        text = self.getvalue()
        self.seek(0)
        self.truncate()
        return text


def iter_csv(rows: Iterable[list[str]]) -> Iterator[str]:
    """The CSV text in pieces: UTF-8 byte-order mark, header, then rows."""
    buffer = ChunkBuffer()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    buffer.write("\ufeff")
    writer.writerow(EXPORT_HEADERS)
    for count, row in enumerate(rows, start=1):
        writer.writerow(_defuse(row))
        if count % CHUNK_ROWS == 0:
            yield buffer.drain()
    yield buffer.drain()


def write_csv(rows: Iterable[list[str]], path: Path) -> None:
    # The byte-order mark comes from iter_csv, so plain UTF-8 here.
    with path.open("w", encoding="utf-8", newline="") as handle:
        for piece in iter_csv(rows):
            handle.write(piece)


def write_xlsx(rows: Iterable[list[str]], target: Path | IO[bytes]) -> None:
    """An XLSX workbook in write-only mode (constant memory); cells are strings, never
    numbers or formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.append(list(EXPORT_HEADERS))
    for row in rows:
        sheet.append(
            [
                _text_cell(sheet, header, cell)
                for header, cell in zip(EXPORT_HEADERS, row, strict=True)
            ]
        )
    workbook.save(target)


def _text_cell(sheet: WriteOnlyWorksheet, header: str, value: str) -> Cell | str:
    if header not in TEXT_COLUMNS and not value.startswith("="):
        return value  # openpyxl writes other strings as strings
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # never a formula or a number
    cell.number_format = "@"
    return cell
