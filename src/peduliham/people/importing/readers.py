"""Opening an HR export (.csv, .xlsx, .xls) and streaming its data rows.

The file type is told by its first bytes, not only by its name, because
clerks rename files. CSV is streamed (never read whole); a spreadsheet sheet
is loaded by calamine, which keeps it compactly on the Rust side and hands
rows over one at a time.
"""

import codecs
import contextlib
import csv
import datetime
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, cast

import python_calamine
import xlrd
from django.utils.translation import gettext as _

from peduliham.people.importing.errors import ImportFileError
from peduliham.people.importing.headers import (
    REQUIRED_LABELS,
    ColumnMap,
    Field,
    header_key,
    is_known_header,
    map_headers,
)
from peduliham.people.importing.html_tables import html_rows, looks_like_html
from peduliham.people.importing.values import (
    EXCEL_1904_EPOCH,
    EXCEL_EPOCH,
    Cell,
    cell_text,
    clean,
)
from peduliham.people.nip import NIP_LENGTH

HEADER_SCAN_ROWS: Final = 30
SAMPLE_BYTES: Final = 64 * 1024
DELIMITERS: Final = (";", ",", "\t", "|")
TEXT_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
SPREADSHEET_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FALLBACK_HANDLER: Final = "peduliham-cp1252"
_UTF8_SEQUENCE: Final = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
# First words of the lines printed under a list: totals, page numbers, the signature block.
_FOOTER_WORDS: Final = (
    "JUMLAH",
    "TOTAL",
    "HALAMAN",
    "MENGETAHUI",
    "KETERANGAN",
    "CATATAN",
    "DICETAK",
    "SUMBER",
)
# Fewer digits than this in the NIP cell is no attempt at a NIP (a page number, a count).
_NIP_MIN_DIGITS: Final = 6


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252: files mix both after editing."""
    assert isinstance(error, UnicodeDecodeError)  # noqa: S101 - registered for decoding only
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


#: The rows of a workbook read from several sheets are numbered `index * ROWS_PER_SHEET +
#: row` (index: the sheet's place among those read, from 0): more rows than a sheet holds
#: (Excel: 1,048,576), so every row has one number and the numbers follow the file's order.
ROWS_PER_SHEET: Final = 1 << 21


def sheet_row(number: int, sheet: str) -> int:
    """The row a clerk sees in `sheet` ("" for a file of one table) for a row number."""
    return number % ROWS_PER_SHEET if sheet else number


@dataclass(slots=True)
class Reading:
    """How the rows under one header are read: that header's columns, and for a table laid
    out otherwise than the file's (another sheet, a second table under the first), the
    column each of the file's columns takes its cell from (-1: none)."""

    headers: list[str]
    columns: ColumnMap
    order: tuple[int, ...] | None = None  # None: the cells are in the file's columns already

    def arrange(self, cells: list[Cell]) -> list[Cell]:
        if self.order is None:
            return cells
        width = len(cells)
        return [cells[at] if 0 <= at < width else None for at in self.order]


@dataclass(slots=True)
class Sheet:
    """A worksheet that holds (part of) the registry: its header, and its fields at the
    table's positions, so a column the sheet lacks stays absent for its rows."""

    name: str
    sheet: python_calamine.CalamineSheet = field(repr=False)
    header_row: int
    reading: Reading
    columns: ColumnMap = field(default_factory=lambda: ColumnMap({}))


@dataclass(slots=True)
class Table:
    """A readable file with a recognised header row; `rows()` may be iterated many times."""

    path: Path
    headers: list[str]
    header_row: int  # 1-based row number of the header in the file (its first sheet read)
    columns: ColumnMap
    encoding: str = ""
    delimiter: str = ""
    #: Day 0 of the file's date serial numbers: EXCEL_1904_EPOCH for a workbook saved with
    #: Excel's 1904 date system. Date cells come as dates either way.
    date_epoch: datetime.date = EXCEL_EPOCH
    #: Rows after the header that hold no ASN (see `is_record`), as the last full pass found.
    skipped: int = 0
    #: The worksheets read from a workbook. With more than one, `headers` and `columns` are
    #: the first sheet's with the columns only later ones have after them, every sheet's
    #: cells are arranged in that order, and rows are numbered by sheet (ROWS_PER_SHEET).
    sheets: list[Sheet] = field(default_factory=list)
    _sheet: python_calamine.CalamineSheet | None = field(default=None, repr=False)
    _grid: list[list[Cell]] | None = field(default=None, repr=False)  # an HTML table

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(sheet.name for sheet in self.sheets)

    @property
    def several_sheets(self) -> bool:
        return len(self.sheets) > 1

    def sheet_of(self, number: int) -> str:
        """The name of the sheet a row number is in; "" unless several sheets are read."""
        return self.sheets[number // ROWS_PER_SHEET].name if self.several_sheets else ""

    def row_label(self, number: int) -> str:
        """A row as the clerk finds it: `12`, or `12 (DINKES)` when several sheets are read."""
        sheet = self.sheet_of(number)
        return f"{sheet_row(number, sheet)} ({sheet})" if sheet else str(number)

    def sheet_columns(self) -> list[ColumnMap]:
        """The fields each sheet gives at the table's positions (one map for one table)."""
        return [sheet.columns for sheet in self.sheets] if self.several_sheets else [self.columns]

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(row number as the clerk sees it, cells) for every ASN row after the header:
        blank rows are left out, and so are the rows `is_record` refuses (counted)."""
        skipped = 0
        for offset, reading, data_rows in self._sources():
            nip_at = reading.columns.columns[Field.NIP]
            in_place = reading.order is None
            for number, cells in data_rows:
                # A NIP of 18 characters is the usual row and needs no closer look.
                nip = cells[nip_at] if nip_at < len(cells) else None
                if (type(nip) is str and len(nip) == NIP_LENGTH) or self.is_record(cells, reading):
                    yield offset + number, cells if in_place else reading.arrange(cells)
                    continue
                skipped += 1
                other = self._table_header(cells)
                if other is not None:  # the rows under it are read by its columns
                    reading, nip_at = other, other.columns.columns[Field.NIP]
                    in_place = reading.order is None
        self.skipped = skipped

    def _sources(self) -> Iterator[tuple[int, Reading, Iterator[tuple[int, list[Cell]]]]]:
        """(first row number, how its rows are read, its data rows) of each sheet read."""
        if self.several_sheets:
            for index, sheet in enumerate(self.sheets):
                rows = _cell_data_rows(_sheet_rows(sheet.sheet), sheet.header_row)
                yield index * ROWS_PER_SHEET, sheet.reading, rows
            return
        reading = Reading(self.headers, self.columns)
        if self._sheet is None and self._grid is None:
            yield 0, reading, self._csv_data_rows()
        else:
            yield 0, reading, _cell_data_rows(self._numbered_rows(), self.header_row)

    def is_record(self, cells: list[Cell], reading: Reading) -> bool:
        """False for the lines of a printed list that are no ASN: the header repeated after
        a page break (or another table's header), the column numbers under it, a total, a
        page number, a signature."""
        texts = [cell_text(cell) for cell in cells]
        at = reading.columns.columns
        nip = texts[at[Field.NIP]] if at[Field.NIP] < len(texts) else ""
        name = texts[at[Field.NAME]] if at[Field.NAME] < len(texts) else ""
        if sum(character.isdigit() for character in nip) >= _NIP_MIN_DIGITS:
            return True
        if not clean(name):
            return False
        if header_key(nip) == header_key(reading.headers[at[Field.NIP]]):
            return False
        found = map_headers(texts)
        if found.names_staff():
            return False  # the header of a second table (PPPK under PNS: `NI PPPK`, `NAMA`)
        filled = [(index, text) for index, text in enumerate(texts) if text]
        first = header_key(filled[0][1]) if filled else ""
        return not (first.startswith(_FOOTER_WORDS) or _column_numbers(filled))

    def _table_header(self, cells: list[Cell]) -> Reading | None:
        """How to read the rows under a line that is a header: the one repeated after a page
        break, or another table's with its columns in another order. None for any other."""
        texts = [cell_text(cell) for cell in cells]
        found = map_headers(texts)
        if not found.names_staff():
            return None
        return Reading(texts, found, _order(self.headers, self.columns, texts, found))

    def _csv_data_rows(self) -> Iterator[tuple[int, list[Cell]]]:
        # CSV cells are all text: a row is blank when its joined text is only whitespace.
        source = self._csv_rows()
        header = self.header_row
        for number, cells in source:
            if number > header and "".join(cast("list[str]", cells)).strip():
                yield number, cells

    def _numbered_rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """Every row of the file with its 1-based number, blank ones included."""
        if self._grid is not None:
            return enumerate(self._grid, start=1)
        if self._sheet is not None:
            return _sheet_rows(self._sheet)
        return self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list[Cell]]]:
        errors = _FALLBACK_HANDLER if self.encoding == "utf-8" else "replace"
        with self.path.open(encoding=self.encoding, errors=errors, newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            try:
                yield from enumerate(reader, start=1)
            except csv.Error as exc:
                raise ImportFileError(
                    _("Berkas CSV rusak dan tidak dapat dibaca: %(error)s") % {"error": exc},
                    code="file_unreadable",
                ) from exc


def _cell_data_rows(
    rows: Iterator[tuple[int, list[Cell]]], header_row: int
) -> Iterator[tuple[int, list[Cell]]]:
    for number, cells in rows:
        if number > header_row and any(
            cell not in (None, "") and cell_text(cell) for cell in cells
        ):
            yield number, cells


def _sheet_rows(sheet: python_calamine.CalamineSheet) -> Iterator[tuple[int, list[Cell]]]:
    merged = _merged_by_row(sheet)
    values: dict[tuple[int, int], Cell] = {}
    # calamine yields rows from the sheet's first row, so the index is the row number.
    for index, cells in enumerate(sheet.iter_rows(), start=1):
        row: list[Cell] = list(cells)
        if merged and index in merged:
            _fill_merged(index, row, merged[index], values)
        yield index, row


def _order(
    headers: list[str], columns: ColumnMap, other_headers: list[str], other: ColumnMap
) -> tuple[int, ...] | None:
    """For each column of a table, the column of another header that holds it: the same
    field, else the same name; -1 for none. None when every column is in its place."""
    keys = [header_key(text) for text in other_headers]
    fields_at: dict[int, list[Field]] = {}
    for name, at in columns.columns.items():
        fields_at.setdefault(at, []).append(name)
    order: list[int] = []
    for at, header in enumerate(headers):
        found = next((other.columns[name] for name in fields_at.get(at, ()) if other.has(name)), -1)
        if found < 0:
            key = header_key(header)
            found = keys.index(key) if key and key in keys else -1
        order.append(found)
    width = len(other_headers)
    in_place = all(at == index or (at < 0 and index >= width) for index, at in enumerate(order))
    return None if in_place else tuple(order)


def _union(sheets: list[Sheet]) -> tuple[list[str], ColumnMap]:
    """The first sheet's columns, then those of the fields only later sheets have."""
    first = sheets[0].reading
    headers, columns = list(first.headers), dict(first.columns.columns)
    for sheet in sheets[1:]:
        for name, at in sheet.reading.columns.columns.items():
            if name not in columns:
                columns[name] = len(headers)
                headers.append(sheet.reading.headers[at])
    return headers, ColumnMap(columns)


# A merged area on one of its rows: first and last column (0-based) and the 1-based row
# of its top, whose first cell holds the value.
type MergedPart = tuple[int, int, int]


def _merged_by_row(sheet: python_calamine.CalamineSheet) -> dict[int, list[MergedPart]]:
    """Merged areas by the 1-based rows they cover: a unit typed once and merged down over
    its staff, or a total merged across, is read in every cell it covers."""
    by_row: dict[int, list[MergedPart]] = {}
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or ():
        for row in range(top + 1, bottom + 2):
            by_row.setdefault(row, []).append((left, right, top + 1))
    return by_row


def _fill_merged(
    number: int, row: list[Cell], parts: list[MergedPart], values: dict[tuple[int, int], Cell]
) -> None:
    """Give every cell of the merged areas on this row the value of the area's first cell
    (remembered in `values` when the area's top row goes by)."""
    for left, right, top in parts:
        if len(row) <= right:
            row.extend([None] * (right + 1 - len(row)))
        if number == top:
            values[(top, left)] = row[left]
        value = values.get((top, left))
        for column in range(left, right + 1):
            if row[column] in (None, ""):
                row[column] = value


def _column_numbers(filled: list[tuple[int, str]]) -> bool:
    """`1 2 3 …` or `(1) (2) (3) …` across the columns: the numbering printed under a header."""
    numbers = [text.strip("()") for _, text in filled]
    if len(numbers) < 3 or not all(number.isdigit() for number in numbers):
        return False
    offsets = {int(number) - index for (index, _), number in zip(filled, numbers, strict=True)}
    return len(offsets) == 1


def open_table(path: Path) -> Table:
    """Open an export and find its header row. Error codes: file_unreadable, empty_file,
    missing_column."""
    try:
        with path.open("rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except OSError as exc:
        raise ImportFileError(
            _("Berkas tidak dapat dibuka: %(error)s") % {"error": exc.strerror or exc},
            code="file_unreadable",
        ) from exc
    if not sample.strip():
        raise ImportFileError(_("Berkas kosong"), code="empty_file")
    suffix = path.suffix.lower()
    if sample.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return _open_spreadsheet(path)
    known = suffix in SPREADSHEET_SUFFIXES | TEXT_SUFFIXES or suffix == ""
    if known and looks_like_html(sample):
        return _open_html(path, sample)
    if not known:
        raise _unsupported(path)
    if suffix not in SPREADSHEET_SUFFIXES:
        return _open_csv(path, sample)
    if _is_text(sample):
        # A CSV that a clerk renamed or saved as "Excel"; anything else is a damaged sheet.
        with contextlib.suppress(ImportFileError):
            return _open_csv(path, sample)
    return _open_spreadsheet(path)  # calamine names what is wrong with it


def _is_text(sample: bytes) -> bool:
    encoding = detect_encoding(sample)
    if encoding != "utf-16" and b"\x00" in sample:
        return False
    text = sample.decode(encoding, errors="replace")
    printable = sum(character.isprintable() or character in "\r\n\t" for character in text)
    return printable >= 0.95 * len(text)


def _open_html(path: Path, sample: bytes) -> Table:
    encoding = detect_encoding(sample)
    errors = _FALLBACK_HANDLER if encoding == "utf-8" else "replace"
    try:
        text = path.read_bytes().decode(encoding, errors=errors)
    except OSError as exc:
        raise ImportFileError(
            _("Berkas tidak dapat dibuka: %(error)s") % {"error": exc.strerror or exc},
            code="file_unreadable",
        ) from exc
    grid: list[list[Cell]] = [list(row) for row in html_rows(text)]
    if not any(any(row) for row in grid):
        raise ImportFileError(_("Berkas kosong"), code="empty_file")
    return _with_header(Table(path, [], 0, ColumnMap({}), _grid=grid))


def _unsupported(path: Path) -> ImportFileError:
    return ImportFileError(
        _("Jenis berkas %(suffix)s tidak didukung; gunakan .csv, .xlsx atau .xls")
        % {"suffix": path.suffix or path.name},
        code="file_unreadable",
    )


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig, utf-16, utf-8 or cp1252, from the first bytes of a text file."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        # A file edited in two programs mixes both; real UTF-8 sequences say it began as UTF-8.
        return "utf-8" if _UTF8_SEQUENCE.search(sample) else "cp1252"
    return "utf-8"


def sniff_delimiter(text: str) -> str:
    """The separator under which one of the first rows reads as a header with the most
    known columns (title rows and quoted cells may hold any separator); else the one that
    splits the first line naming a NIP most."""
    best, best_score = "", 0
    for delimiter in DELIMITERS:
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            score = max(
                (len(map_headers(row).columns) for row in itertools.islice(rows, HEADER_SCAN_ROWS)),
                default=0,
            )
        except csv.Error:
            continue
        if score > best_score:
            best, best_score = delimiter, score
    return best or _most_splitting(text.splitlines()[:HEADER_SCAN_ROWS])


def _most_splitting(lines: list[str]) -> str:
    candidates = [line for line in lines if "nip" in line.lower()] or [
        line for line in lines if line.strip()
    ]
    header = candidates[0] if candidates else ""
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _open_csv(path: Path, sample: bytes) -> Table:
    encoding = detect_encoding(sample)
    if encoding != "utf-16" and b"\x00" in sample:
        raise ImportFileError(
            _("Berkas ini bukan teks CSV (berisi data biner)"), code="file_unreadable"
        )
    text = sample.decode(encoding, errors=_FALLBACK_HANDLER if encoding == "utf-8" else "replace")
    table = Table(path, [], 0, ColumnMap({}), encoding=encoding, delimiter=sniff_delimiter(text))
    return _with_header(table)


def _open_spreadsheet(path: Path) -> Table:
    try:
        workbook = python_calamine.load_workbook(path)
        sheets = [
            (meta, workbook.get_sheet_by_name(meta.name))
            for meta in workbook.sheets_metadata
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
    except python_calamine.PasswordError as exc:
        raise ImportFileError(
            _("Berkas dilindungi kata sandi; simpan ulang tanpa kata sandi"),
            code="file_unreadable",
        ) from exc
    except Exception as exc:  # calamine raises several types for damaged files
        kind = _document_kind(path)
        if kind:
            raise ImportFileError(
                _(
                    "Berkas ini berformat %(kind)s, bukan spreadsheet atau CSV; ekspor ulang "
                    "datanya dari sistem kepegawaian sebagai .xlsx atau .csv"
                )
                % {"kind": kind},
                code="file_unreadable",
            ) from exc
        raise ImportFileError(
            _("Berkas spreadsheet rusak atau bukan .xlsx/.xls: %(error)s") % {"error": exc},
            code="file_unreadable",
        ) from exc
    sheets = [(meta, sheet) for meta, sheet in sheets if sheet.height > 0]
    if not sheets:
        raise ImportFileError(_("Berkas kosong"), code="empty_file")
    epoch = EXCEL_1904_EPOCH if _uses_1904_dates(path) else EXCEL_EPOCH
    found = _registry_sheets(sheets)
    table = Table(path, [], found[0].header_row, ColumnMap({}), date_epoch=epoch, sheets=found)
    if len(found) == 1:
        table._sheet = found[0].sheet
        table.headers, table.columns = found[0].reading.headers, found[0].reading.columns
        return table
    table.headers, table.columns = _union(found)
    for sheet in found:
        reading = sheet.reading
        reading.order = _order(table.headers, table.columns, reading.headers, reading.columns)
        sheet.columns = ColumnMap(
            {name: table.columns.columns[name] for name in reading.columns.columns}
        )
    return table


# What else is uploaded under a spreadsheet's name: a printed list saved as PDF, a photo
# or scan of it, a letter. Told by their first bytes (a Word document by its parts).
_DOCUMENT_MAGIC: Final = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"))
_DOCUMENT_PARTS: Final = (("word/", "Word"), ("ppt/", "PowerPoint"))


def _document_kind(path: Path) -> str:
    """The name of the format of a file that is no spreadsheet, "" when it is not known."""
    try:
        with path.open("rb") as handle:
            start = handle.read(8)
        kind = next((name for magic, name in _DOCUMENT_MAGIC if start.startswith(magic)), "")
        if kind or not start.startswith(_ZIP_MAGIC):
            return kind
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return ""
    return next(
        (kind for part, kind in _DOCUMENT_PARTS if any(n.startswith(part) for n in names)), ""
    )


def _registry_sheets(
    sheets: list[tuple[python_calamine.SheetMetadata, python_calamine.CalamineSheet]],
) -> list[Sheet]:
    """Every visible worksheet with a registry header (a workbook may have one per OPD, or
    PNS and PPPK apart), in the workbook's order; the hidden ones only when no visible one
    has such a header (a hidden sheet is often an old copy). A sheet naming NIP and name
    columns but lacking another required one refuses the file, naming the sheet, rather
    than being passed over. Error codes as open_table."""
    visible = python_calamine.SheetVisibleEnum.Visible
    problem: ImportFileError | None = None
    incomplete: ImportFileError | None = None
    for shown in (True, False):
        found: list[Sheet] = []
        for meta, sheet in sheets:
            if (meta.visible == visible) != shown:
                continue
            try:
                number, headers, columns = _best_header(_sheet_rows(sheet))
            except ImportFileError as exc:
                problem = problem or exc
                continue
            missing = columns.missing_required()
            if missing and columns.names_staff():
                # A list of staff that cannot be read: its rows must not go missing unsaid.
                named = meta.name if len(sheets) > 1 else ""
                incomplete = incomplete or _missing_columns(missing, named)
            elif missing:
                problem = problem or _missing_columns(missing)
            else:
                found.append(Sheet(meta.name, sheet, number, Reading(headers, columns)))
        if incomplete is not None:
            raise incomplete
        if found:
            return found
    assert problem is not None  # noqa: S101 - at least one sheet was tried
    raise problem


# `<workbookPr date1904="1"/>` in an .xlsx workbook part; the relationship naming that part.
_DATE1904 = re.compile(rb"""<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']""")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_OFFICE_DOCUMENT = re.compile(rb"""\bType\s*=\s*["'][^"']*/officeDocument["']""")
_TARGET = re.compile(rb"""\bTarget\s*=\s*["']([^"']+)["']""")


def _uses_1904_dates(path: Path) -> bool:
    """Whether a workbook counts its date serial numbers from 1904 (Excel for Mac before
    2011 saved that way): the flag of .xlsx `workbookPr`, the DATEMODE record of .xls.
    A file where neither can be read counts from 1900, as almost every workbook does."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_OLE_MAGIC))
        if magic.startswith(_ZIP_MAGIC):
            return _xlsx_uses_1904(path)
        if magic == _OLE_MAGIC:
            return _xls_uses_1904(path)
    except Exception:  # calamine read the file; what this cannot read counts from 1900
        return False
    return False


def _xlsx_uses_1904(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        part = "xl/workbook.xml"
        with contextlib.suppress(KeyError), archive.open("_rels/.rels") as rels:
            for tag in _RELATIONSHIP.findall(rels.read(SAMPLE_BYTES)):
                target = _TARGET.search(tag)
                if _OFFICE_DOCUMENT.search(tag) and target:
                    part = target.group(1).decode().lstrip("/")
        with archive.open(part) as workbook:
            return bool(_DATE1904.search(workbook.read(SAMPLE_BYTES)))


def _xls_uses_1904(path: Path) -> bool:
    # on_demand: only the workbook globals (where DATEMODE is) are parsed, no sheet.
    book = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    try:
        return bool(book.datemode == 1)
    finally:
        book.release_resources()


type HeaderFound = tuple[int, list[str], ColumnMap]


def _with_sub_header(found: HeaderFound, following: tuple[int, list[Cell]] | None) -> HeaderFound:
    """The header and the row under it read as one when that row names the columns under
    a title merged across them (`TEMPAT, TANGGAL LAHIR` over `TEMPAT` and `TANGGAL`)."""
    _, headers, columns = found
    if following is None:
        return found
    lower = [cell_text(cell) for cell in following[1]]
    if sum(1 for text in lower if text) < 2:
        return found  # a section title (`A. DINAS KESEHATAN`), not the names of columns
    nip_at, name_at = columns.columns[Field.NIP], columns.columns[Field.NAME]
    nip = lower[nip_at] if nip_at < len(lower) else ""
    name = lower[name_at] if name_at < len(lower) else ""
    if sum(character.isdigit() for character in nip) >= _NIP_MIN_DIGITS or name not in (
        "",
        headers[name_at],
    ):
        return found  # the first data row
    width = max(len(headers), len(lower))
    combined = [
        _sub_header_text(
            headers[index] if index < len(headers) else "",
            lower[index] if index < len(lower) else "",
        )
        for index in range(width)
    ]
    mapped = map_headers(combined)
    if (
        combined == headers
        or not mapped.names_staff()
        or len(mapped.columns) < len(columns.columns)
    ):
        return found
    return following[0], combined, mapped


def _sub_header_text(upper: str, lower: str) -> str:
    """A column's name from the title above it and its own name below (`TANGGAL` under
    `… LAHIR` is `TANGGAL LAHIR`); column numbers printed under the header are no name."""
    if not lower or lower == upper or lower.strip("()").isdigit():
        return upper
    last_word = upper.split()[-1] if upper.split() else ""
    for text in (lower, f"{lower} {last_word}", f"{lower} {upper}", f"{upper} {lower}"):
        if is_known_header(text):
            return text
    return lower


def _with_header(table: Table) -> Table:
    """Find the header among the first rows; title rows above it are common."""
    table.header_row, table.headers, table.columns = _find_header(table._numbered_rows())
    return table


def _find_header(source: Iterator[tuple[int, list[Cell]]]) -> HeaderFound:
    """The header among the first rows of a table. Error codes: empty_file, missing_column."""
    found = _best_header(source)
    missing = found[2].missing_required()
    if missing:
        raise _missing_columns(missing)
    return found


def _best_header(source: Iterator[tuple[int, list[Cell]]]) -> HeaderFound:
    """The row among the first that names the NIP and name columns, else the one naming
    most columns (title rows above the header are common). Error code: empty_file."""
    best: HeaderFound | None = None
    try:
        for number, cells in itertools.islice(source, HEADER_SCAN_ROWS):
            headers = [cell_text(cell) for cell in cells]
            columns = map_headers(headers)
            if columns.names_staff():
                best = _with_sub_header((number, headers, columns), next(source, None))
                break
            if best is None or len(columns.columns) > len(best[2].columns):
                best = (number, headers, columns)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    if best is None or not any(best[1]):
        raise ImportFileError(_("Berkas kosong"), code="empty_file")
    return best


def _missing_columns(missing: list[Field], sheet: str = "") -> ImportFileError:
    names = ", ".join(REQUIRED_LABELS[field] for field in missing)
    if sheet:
        message = _(
            "Lembar %(sheet)s: kolom wajib tidak ditemukan: %(columns)s (sembunyikan atau "
            "hapus lembar itu bila tidak berisi daftar ASN)"
        ) % {"sheet": sheet, "columns": names}
    else:
        message = _("Kolom wajib tidak ditemukan: %(columns)s") % {"columns": names}
    return ImportFileError(message, code="missing_column")
