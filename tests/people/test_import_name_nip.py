"""Printed lists with one NAMA / NIP column: the name (with titles) and the NIP in one cell."""

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peduliham.people.importing import import_asn
from peduliham.people.importing.headers import Field, map_headers
from peduliham.people.importing.values import split_name_nip
from peduliham.people.models import ASN
from peduliham.people.nip import normalise_nip_text
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import nip, write_csv

AHMAD = "19860926 201505 1 001"


@pytest.mark.parametrize(
    ("cell", "name", "nip_text"),
    [
        (f"Dr. H. Ahmad Yani, S.Kom., M.Si\n{AHMAD}", "Dr. H. Ahmad Yani, S.Kom., M.Si", AHMAD),
        (f"Ahmad Yani\r\nNIP. {AHMAD}", "Ahmad Yani", AHMAD),
        (f"NIP: {AHMAD}\nAhmad Yani", "Ahmad Yani", AHMAD),
        ("Ahmad Yani - 198609262015051001", "Ahmad Yani", "198609262015051001"),
        (f"Ahmad Yani, S.H. ({AHMAD})", "Ahmad Yani, S.H.", AHMAD),
        (f"{AHMAD} / Ahmad Yani", "Ahmad Yani", AHMAD),
        (f"Ahmad Yani\n{AHMAD}\nPenata Muda, III/a", "Ahmad Yani", AHMAD),
        (f"Ahmad Yani {AHMAD} NIP lama 130123456", "Ahmad Yani", AHMAD),
        ("Ahmad Yani - 1986092620150510", "Ahmad Yani", "1986092620150510"),
        ("Ahmad Yani", "Ahmad Yani", ""),
        ("198609262015051001", "", "198609262015051001"),
    ],
)
def test_it_splits_the_ways_printed_lists_write_name_and_nip_in_one_cell(
    cell: str, name: str, nip_text: str
) -> None:
    assert split_name_nip(cell) == (name, nip_text)


def test_a_cell_with_two_nips_cannot_be_split() -> None:
    assert split_name_nip(f"Ahmad {AHMAD} / Budi 19870101 201001 1 002") is None


NAMES = st.lists(
    st.sampled_from(["Ahmad", "Siti", "Nur", "Aini", "Budi", "O'Neil", "Ñoer", "Rahmawati"]),
    min_size=1,
    max_size=4,
).map(" ".join)
TITLED = st.tuples(
    st.sampled_from(["", "Dr. ", "H. ", "dr. "]), NAMES, st.sampled_from(["", ", S.H."])
)
LAYOUTS = (
    "{name}\n{nip}",
    "{name}\nNIP. {nip}",
    "{nip}\n{name}",
    "{name} - {nip}",
    "{name} ({nip})",
    "{nip} / {name}",
    "{name} \u2013 NIP {nip}",  # an en dash, as word processors write it
)


@given(
    titled=TITLED,
    digits=st.from_regex(
        r"\A(19[5-9]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])(20[01]\d)(0[1-9]|1[0-2])[12]\d{3}\Z"
    ),
    spaced=st.booleans(),
    layout=st.sampled_from(LAYOUTS),
)
def test_any_name_and_nip_written_in_one_cell_come_apart_again(
    titled: tuple[str, str, str], digits: str, spaced: bool, layout: str
) -> None:
    name = "".join(titled)
    written = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}" if spaced else digits

    parts = split_name_nip(layout.format(name=name, nip=written))

    assert parts is not None
    assert parts[0] == name
    assert normalise_nip_text(parts[1]) == digits


@pytest.mark.parametrize(
    ("headers", "nip_at", "name_at"),
    [
        (["NO", "NAMA / NIP", "UNIT KERJA"], 1, 1),
        (["NO", "NIP/NAMA", "UNIT KERJA"], 1, 1),
        (["NO", "Nama dan NIP", "UNIT KERJA"], 1, 1),
        (["NO", "NIP", "NAMA / NIP", "UNIT KERJA"], 1, 2),
        (["NO", "NIP", "NAMA", "NAMA / NIP", "UNIT KERJA"], 1, 2),
    ],
)
def test_a_name_nip_column_gives_what_no_column_of_its_own_gives(
    headers: list[str], nip_at: int, name_at: int
) -> None:
    columns = map_headers(headers)

    assert (columns.columns[Field.NIP], columns.columns[Field.NAME]) == (nip_at, name_at)
    assert columns.missing_required() == []


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit) -> None:
    """Dinas Kesehatan with Puskesmas Simpang Kawat in Kota Jambi."""


HEADERS = ["NO", "NAMA / NIP", "PANGKAT / GOL", "UNIT KERJA"]


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.mark.django_db
def test_a_list_with_one_name_nip_column_accounts_for_every_row(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        ["1", f"Dr. H. Ahmad Yani, M.Kes\n{AHMAD}", "IV/a", "Dinkes"],  # row 2
        ["2", f"Siti Aminah, S.Kep. - {nip(sex='2', sequence=2)}", "III/a", "Dinkes"],
        ["3", f"{nip(sequence=3)} / Budi", "III/b", "Dinkes"],
        ["4", "Tono Sutono", "III/b", "Dinkes"],  # row 5: no NIP
        ["5", f"Rudi {nip(sequence=5)} {nip(sequence=6)}", "III/b", "Dinkes"],  # row 6
        ["6", "Joko\n1986092620150510", "III/b", "Dinkes"],  # row 7: 16 digits
        ["7", f"Agus\n{nip(sequence=8)}", "III/b", "Dinkes"],  # row 8: the NIP twice
        ["8", f"Agus Salim\nNIP. {nip(sequence=8)}", "III/b", "Dinkes"],  # row 9
        ["9", f"{nip(sequence=9)}", "III/b", "Dinkes"],  # row 10: no name
    ]
    path = write_csv(tmp_path / "asn.csv", rows, headers=HEADERS, delimiter=";")
    report = tmp_path / "errors.csv"

    summary = import_asn(None, path=path, region=kota_jambi, errors_path=report)

    assert (summary.rows, summary.created, summary.rejected) == (9, 3, 6)
    ahmad = ASN.objects.get(nip="198609262015051001")
    assert (ahmad.front_title, ahmad.name, ahmad.back_title) == ("Dr. H.", "Ahmad Yani", "M.Kes")
    assert ASN.objects.get(nip=nip(sex="2", sequence=2)).back_title == "S.Kep."
    assert ASN.objects.get(nip=nip(sequence=3)).name == "Budi"
    errors = {error["BARIS"]: error for error in read_report(report)}
    assert {number: error["KODE ALASAN"] for number, error in errors.items()} == {
        "5": "nip_empty",
        "6": "name_nip_unsplit",
        "7": "nip_wrong_length",
        "8": "duplicate_nip",
        "9": "duplicate_nip",
        "10": "name_missing",
    }
    assert errors["6"]["ALASAN"].startswith("Nama dan NIP tidak dapat dipisahkan: Rudi ")
    assert errors["6"]["REASON"].startswith("The name and the NIP cannot be told apart: Rudi ")
    assert errors["9"]["NIP (TERTULIS)"] == nip(sequence=8)  # the NIP part, as written
    assert errors["7"]["NIP (TERTULIS)"] == "1986092620150510"
    again = import_asn(None, path=path, region=kota_jambi)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 6)


@pytest.mark.django_db
def test_a_nip_column_is_preferred_and_only_the_name_is_read_from_name_nip(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["NIP", "NAMA / NIP", "UNIT KERJA"]
    rows = [
        [nip(sequence=1), f"Ahmad, S.H.\n{nip(sequence=1)}", "Dinkes"],
        [nip(sequence=2), "Budi Santoso", "Dinkes"],  # the name alone
    ]
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (2, 0)
    assert list(ASN.objects.order_by("nip").values_list("name", "back_title")) == [
        ("Ahmad", "S.H."),
        ("Budi Santoso", ""),
    ]


@pytest.mark.django_db
def test_an_xlsx_list_with_wrapped_name_nip_cells_and_page_breaks_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DAFTAR NOMINATIF PEGAWAI"])
    sheet.append(HEADERS)
    sheet.append([1, f"Ahmad Yani\n{AHMAD}", "III/a", "Dinkes"])
    sheet.append(HEADERS)  # the header again after a page break
    sheet.append(
        [2, f"Siti Aminah\nNIP. {nip(sex='2', sequence=2)}", "III/a", "Pusk. Simpang Kawat"]
    )
    sheet.append(["JUMLAH", "2 orang"])
    workbook.save(tmp_path / "asn.xlsx")
    workbook.close()

    summary = import_asn(None, path=tmp_path / "asn.xlsx", region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected, summary.skipped) == (2, 2, 0, 2)
    assert set(ASN.objects.values_list("name", flat=True)) == {"Ahmad Yani", "Siti Aminah"}


@pytest.mark.django_db
def test_an_html_list_with_name_and_nip_on_two_lines_of_one_cell_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    html = f"""<html><body><table>
    <tr><th>NO</th><th>NAMA/NIP</th><th>UNIT KERJA</th></tr>
    <tr><td>1</td><td>Dr. Ahmad Yani, M.Kes<br>NIP. {AHMAD}</td><td>Dinkes</td></tr>
    </table></body></html>"""
    path = tmp_path / "asn.xls"
    path.write_text(html, encoding="utf-8")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 0)
    asn = ASN.objects.get()
    assert (asn.nip, asn.front_title, asn.name, asn.back_title) == (
        "198609262015051001",
        "Dr.",
        "Ahmad Yani",
        "M.Kes",
    )
