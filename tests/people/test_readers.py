import io
import zipfile
from pathlib import Path

import pytest

from peduliham.people.importing import ImportFileError
from peduliham.people.importing.headers import Field
from peduliham.people.importing.html_tables import html_rows, looks_like_html
from peduliham.people.importing.readers import detect_encoding, open_table, sniff_delimiter
from tests.people.helpers import person, write_csv, write_xlsx


@pytest.mark.parametrize(
    ("sample", "encoding"),
    [
        ("NIP;NAMA\n".encode("utf-8-sig"), "utf-8-sig"),
        ("NIP\tNAMA\n".encode("utf-16"), "utf-16"),
        ("NIP;NAMA;Ñoer\n".encode(), "utf-8"),
        ("NIP;NAMA;Ñoer\n".encode("cp1252"), "cp1252"),
    ],
)
def test_it_detects_the_encodings_hr_exports_arrive_in(sample: bytes, encoding: str) -> None:
    assert detect_encoding(sample) == encoding


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (["NIP;NAMA;UNOR NAMA", "1;Budi, S.Kom;Dinkes"], ";"),
        (["NIP,NAMA,UNOR NAMA", '1,"Budi; S.Kom",Dinkes'], ","),
        (["DAFTAR ASN", "NIP\tNAMA\tUNOR NAMA"], "\t"),
    ],
)
def test_it_sniffs_the_separator_from_the_header_line(lines: list[str], delimiter: str) -> None:
    assert sniff_delimiter("\n".join(lines)) == delimiter


def test_it_streams_a_tab_separated_utf16_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "asn.txt", [person(1), person(2)], delimiter="\t", encoding="utf-16"
    )

    table = open_table(path)

    assert table.delimiter == "\t"
    assert [number for number, _ in table.rows()] == [2, 3]


def test_a_utf8_file_with_stray_windows_1252_bytes_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "asn.csv"
    path.write_bytes(
        "NIP;NAMA;UNOR NAMA\n1;Ñoer;Dinkes\n".encode() + "2;Mu\xf1oz;Dinkes\n".encode("cp1252")
    )

    rows = [cells[1] for _, cells in open_table(path).rows()]

    assert rows == ["Ñoer", "Muñoz"]


def test_it_finds_the_header_below_title_rows_and_skips_blank_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "asn.xlsx", [person(1), ["", ""], person(2)])

    table = open_table(path)

    assert table.header_row == 3
    assert table.columns.columns[Field.UNIT] == 10
    assert [number for number, _ in table.rows()] == [4, 6]


def test_a_renamed_spreadsheet_is_read_by_its_content(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "asn.xlsx", [person(1)])
    renamed = xlsx.rename(tmp_path / "asn.csv")

    assert len(list(open_table(renamed).rows())) == 1


def test_binary_data_in_a_csv_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "asn.csv"
    path.write_bytes(b"NIP;NAMA\x00\x01\x02")

    with pytest.raises(ImportFileError) as error:
        open_table(path)

    assert error.value.code == "file_unreadable"


def test_html_cells_spanning_rows_and_columns_fill_every_position_they_cover() -> None:
    rows = html_rows(
        "<table><tr><td rowspan=3>A</td><td colspan=2>B</td><td rowspan=2>C</td></tr>"
        "<tr><td>d</td><td>e<br>f</td></tr>"
        "<tr><td>g</td></tr></table>"
    )

    assert rows == [["A", "B", "B", "C"], ["A", "d", "e f", "C"], ["A", "g"]]


def test_only_a_document_with_a_table_is_taken_for_html() -> None:
    assert looks_like_html(b"\xef\xbb\xbf<html><body><table><tr><td>NIP</td></tr></table>")
    assert not looks_like_html(b"<html><body>no table here</body></html>")
    assert not looks_like_html(b"NIP;NAMA;<table>\n")


def word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "JPEG"),
        (word_document(), "Word"),
    ],
)
def test_a_document_renamed_to_a_spreadsheet_is_refused_naming_what_it_is(
    tmp_path: Path, content: bytes, kind: str
) -> None:
    path = tmp_path / "asn.xlsx"
    path.write_bytes(content)

    with pytest.raises(ImportFileError) as error:
        open_table(path)

    assert error.value.code == "file_unreadable"
    assert f"berformat {kind}" in str(error.value.message)
    assert "EOCD" not in str(error.value.message)
