"""The rows of an HTML table saved as `.xls`, as many personnel systems export "Excel" files.

Excel opens such a file as a sheet, so clerks take it for one. Cells spanning
columns or rows (`colspan`, `rowspan`) are read in every position they cover,
as merged cells of a real sheet are.
"""

from html.parser import HTMLParser
from typing import Final

_HTML_START: Final = (b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head")
_MAX_SPAN: Final = 1000  # a damaged span must not make a row of millions of cells


def looks_like_html(sample: bytes) -> bool:
    """Whether a file's first bytes are an HTML document or table."""
    head = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_START) and b"<table" in sample.lower()


def html_rows(text: str) -> list[list[str]]:
    """Every table row of the document, in order, as cell texts."""
    parser = _RowCollector()
    parser.feed(text)
    parser.close()
    return parser.rows


class _RowCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._colspan = 1
        self._rowspan = 1
        # Cells of earlier rows that span down: column -> (rows still covered, text).
        self._below: dict[int, tuple[int, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in {"td", "th"}:
            self._end_cell()
            if self._row is None:
                self._row = []
            values = dict(attrs)
            self._colspan = _span(values.get("colspan"))
            self._rowspan = _span(values.get("rowspan"))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"}:
            self._end_cell()
        elif tag in {"tr", "table"}:
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        text = " ".join("".join(self._cell).split())
        self._fill_from_above()
        for _ in range(self._colspan):
            if self._rowspan > 1:
                self._below[len(self._row)] = (self._rowspan - 1, text)
            self._row.append(text)
        self._cell = None

    def _fill_from_above(self) -> None:
        """Put the texts of cells spanning down from earlier rows in their columns."""
        assert self._row is not None  # noqa: S101 - called inside a row
        while len(self._row) in self._below:
            column = len(self._row)
            left, text = self._below[column]
            if left > 1:
                self._below[column] = (left - 1, text)
            else:
                del self._below[column]
            self._row.append(text)

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is None:
            return
        self._fill_from_above()
        while self._below and max(self._below) >= len(self._row):
            self._row.append("")  # a short row still passes the cells spanning down
            self._fill_from_above()
        self.rows.append(self._row)
        self._row = None


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1
