import io

import openpyxl
import pytest
from django.utils import translation

from peduliham.people.exporting import EXPORT_HEADERS, asn_row, iter_csv, write_xlsx
from peduliham.regions.models import OrgUnit
from tests.people.asn_factory import make_asn

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://example.org","x")'


def test_a_row_holds_the_values_as_the_importer_reads_them(
    puskesmas_simpang_kawat: OrgUnit,
) -> None:
    asn = make_asn(
        puskesmas_simpang_kawat,
        7,
        sex="P",
        front_title="dr.",
        back_title="M.K.M",
        position_kind="fungsional",
        is_frontline=True,
        phone="+62811222333",
    )

    row = dict(zip(EXPORT_HEADERS, asn_row(asn), strict=True))

    assert row["NIP BARU"] == "198609262015052007"
    assert row["TGL LAHIR"] == "26-09-1986"
    assert (row["JENIS KELAMIN"], row["STATUS PEGAWAI"], row["GOL AKHIR"]) == ("P", "PNS", "III/a")
    assert (row["GELAR DEPAN"], row["GELAR BELAKANG"]) == ("dr.", "M.K.M")
    assert row["JENIS JABATAN"] == "Fungsional"
    assert (row["UNOR NAMA"], row["UNOR INDUK NAMA"]) == (
        "Puskesmas Simpang Kawat",
        "Dinas Kesehatan",
    )
    assert (row["PELAYANAN PUBLIK"], row["NO HP"]) == ("Ya", "+62811222333")


def test_a_csv_cell_that_looks_like_a_formula_is_defused(dinkes_jambi: OrgUnit) -> None:
    asn = make_asn(dinkes_jambi, 1, name=FORMULA)

    text = "".join(iter_csv([asn_row(asn)]))

    assert text.startswith("\ufeffNIP BARU;NAMA;")
    assert ';"\'=HYPERLINK(""http://example.org"",""x"")";' in text


def test_an_xlsx_cell_that_looks_like_a_formula_stays_a_string(dinkes_jambi: OrgUnit) -> None:
    asn = make_asn(dinkes_jambi, 1, name=FORMULA)
    buffer = io.BytesIO()

    write_xlsx([asn_row(asn)], buffer)

    buffer.seek(0)
    sheet = openpyxl.load_workbook(buffer).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=EXPORT_HEADERS.index("NAMA") + 1)
    assert (cell.data_type, cell.value) == ("s", FORMULA)


def test_the_words_do_not_follow_the_users_language(dinkes_jambi: OrgUnit) -> None:
    asn = make_asn(dinkes_jambi, 1, position_kind="struktural", is_frontline=False)

    with translation.override("en"):
        row = dict(zip(EXPORT_HEADERS, asn_row(asn), strict=True))

    assert (row["JENIS JABATAN"], row["PELAYANAN PUBLIK"]) == ("Struktural", "Tidak")
