"""Registry files as BKPSDM exports and hand-edited spreadsheets really look."""

from pathlib import Path

import openpyxl
import pytest

from peduliham.core.models import AuditEntry
from peduliham.people.importing import import_asn
from peduliham.people.models import ASN, ImportJob, ImportRejection
from peduliham.people.tasks import _finish
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, person, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinas Kesehatan (with Puskesmas Simpang Kawat) and Dinas Pendidikan in Kota Jambi."""


def nominative_list() -> list[list[str]]:
    """A printed nominative list: numbered columns, a page break, a total and a signature."""
    column_numbers = [str(number) for number in range(1, len(HEADERS) + 1)]
    signature = ["", "", "", "", "", "", "", "", "Kepala BKPSDM", "", ""]
    return [
        column_numbers,  # row 2: the column numbers printed under the header
        person(1),
        ["Halaman 1 dari 2"],
        list(HEADERS),  # row 5: the header again after the page break
        person(2),
        ["JUMLAH", "2 orang"],
        [],
        signature,
        ["", "", "", "", "", "", "", "", "NIP. 19700101 199003 1 001", "", ""],
    ]


@pytest.mark.parametrize("name", ["asn.csv", "asn.xlsx"])
def test_page_breaks_totals_and_signatures_are_skipped_not_rejected(
    name: str, tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    write = write_xlsx if name.endswith(".xlsx") else write_csv
    path = write(tmp_path / name, nominative_list())

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected, summary.skipped) == (2, 2, 0, 6)
    assert ASN.objects.count() == 2
    assert not ImportRejection.objects.exists()
    assert summary.job_id is not None
    job = ImportJob.objects.get(pk=summary.job_id)
    assert (job.total_rows, job.skipped) == (2, 6)
    assert AuditEntry.objects.get(action="peduliham.asn.imported").changes["skipped"] == 6


def test_a_trial_run_from_the_upload_page_keeps_its_skipped_count(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_csv(tmp_path / "asn.csv", nominative_list())
    job = ImportJob.objects.create(
        region=kota_jambi, file_name="asn.csv", file_sha256="0" * 64, dry_run=True
    )

    _finish(job, import_asn(None, path=path, region=kota_jambi, dry_run=True))

    job.refresh_from_db()
    assert (job.total_rows, job.created, job.skipped) == (2, 2, 6)


def test_a_row_with_a_name_but_no_nip_is_still_rejected(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_csv(tmp_path / "asn.csv", [["", *person(1)[1:]], ["belum ada", "Budi"]])

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.rejected, summary.skipped) == (2, 2, 0)
    assert set(ImportRejection.objects.values_list("code", flat=True)) == {
        "nip_empty",
        "nip_not_digits",
    }


def test_a_hand_made_list_with_place_and_date_of_birth_is_read_and_checked(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["N I P", "NAMA (GELAR)", "TEMPAT/TGL LAHIR", "JNS KELAMIN", "Pangkat / Gol. Ruang"]
    headers.append("NAMA UNIT KERJA")
    first, second = person(1), person(2)
    rows = [
        [first[0], "Ahmad", "Jambi, 26-09-1986", "L", "Penata Muda Tk.I - III/b", "Dinkes"],
        [second[0], "Budi", "Jambi, 27 September 1986", "L", "III/a", "Dinkes"],
    ]
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (2, 1, 1)
    assert ASN.objects.get(nip=first[0]).rank == "III/b"
    rejection = ImportRejection.objects.get()
    assert (rejection.row_number, rejection.code) == (3, "birth_date_mismatch")


def test_titles_left_in_the_name_are_split_when_the_title_columns_are_blank(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    typed_in_name = person(1, name="Dr. H. Ahmad Fauzi S.H., M.H.")
    typed_in_name[3] = ""  # GELAR BELAKANG left blank
    in_columns = person(2, name="Budi")
    path = write_csv(tmp_path / "asn.csv", [typed_in_name, in_columns])

    import_asn(None, path=path, region=kota_jambi)

    fauzi = ASN.objects.get(nip=typed_in_name[0])
    assert (fauzi.front_title, fauzi.name, fauzi.back_title) == (
        "Dr. H.",
        "Ahmad Fauzi",
        "S.H., M.H.",
    )
    budi = ASN.objects.get(nip=in_columns[0])
    assert (budi.front_title, budi.name, budi.back_title) == ("", "Budi", "S.Kep.")


def test_unit_names_as_siasn_writes_them_find_the_region_units(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        person(1, unit="UPTD PUSKESMAS SIMPANG KAWAT"),
        person(2, unit="Pusk. Simpang Kawat"),
        person(3, unit="Dinas Kesehatan (Dinkes)"),
        person(4, unit="Pemerintah Kota Jambi Dinas Pendidikan"),
    ]
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (4, 0)
    assert list(ASN.objects.order_by("nip").values_list("org_unit__name", flat=True)) == [
        "Puskesmas Simpang Kawat",
        "Puskesmas Simpang Kawat",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    ]


def test_a_unit_cell_merged_down_over_its_staff_counts_for_every_row(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["NO", "NIP", "NAMA", "UNIT KERJA"])
    for number in (1, 2, 3):
        sheet.append(
            [
                number,
                person(number)[0],
                f"Pegawai {number}",
                "Dinas Kesehatan" if number == 1 else None,
            ]
        )
    sheet.merge_cells("D2:D4")
    workbook.save(tmp_path / "asn.xlsx")
    workbook.close()

    summary = import_asn(None, path=tmp_path / "asn.xlsx", region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (3, 3, 0)
    assert set(ASN.objects.values_list("org_unit__name", flat=True)) == {"Dinas Kesehatan"}


def one_pppk_row(tmp_path: Path, column: str, value: str) -> Path:
    """A file of one NI PPPK (birth date, year of appointment, 21, sex, sequence) with
    `value` in a column named `column`."""
    headers = ["NIP", "NAMA", "TGL LAHIR", "JK", column, "UNIT KERJA"]
    rows = [["199203142022212001", "Rina", "14-03-1992", "P", value, "Dinkes"]]
    return write_csv(tmp_path / "asn.csv", rows, headers=headers)


def test_pppk_numbers_are_known_by_their_21_without_a_status_column(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = one_pppk_row(tmp_path, "GOL", "Golongan IX")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 0)
    rina = ASN.objects.get()
    assert (rina.employment_kind, rina.rank, rina.sex) == ("PPPK", "IX", "P")


def test_a_pppk_number_on_a_row_that_says_pns_is_refused_for_the_kind_not_the_month(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = one_pppk_row(tmp_path, "STATUS PEGAWAI", "PNS")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (0, 1)
    rejection = ImportRejection.objects.get()
    assert rejection.code == "kind_mismatch"
    assert "NI PPPK" in rejection.message
    assert "PNS" in rejection.message_en


def test_a_nip_typed_after_its_label_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first = person(1)
    path = write_csv(tmp_path / "asn.csv", [[f"NIP. {first[0]}", *first[1:]]])

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 0)
    assert ASN.objects.get().nip == first[0]


def test_a_semicolon_file_is_read_whatever_commas_its_title_rows_and_quoted_headers_hold(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second = person(1), person(2)
    text = "DAFTAR PEGAWAI, KOTA JAMBI\nKeadaan 31 Desember 2024, semua OPD\n"
    text += '"N I P";"NAMA\nLENGKAP";"UNIT\nKERJA"\n'
    text += f"{first[0]};Ahmad, S.H.;Dinkes\n{second[0]};Budi;Dinkes\n"
    path = tmp_path / "asn.csv"
    path.write_text(text, encoding="utf-8")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created) == (2, 2)
    assert ASN.objects.get(nip=first[0]).back_title == "S.H."


def test_dates_from_a_us_locale_excel_agree_with_the_nip_either_way_round(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    january = person(1, birth="05-01-1990")
    january[4] = "1/5/1990"  # month first, as Excel in a US locale saves it
    wrong = person(2, birth="05-01-1990")
    wrong[4] = "1/6/1990"
    path = write_csv(tmp_path / "asn.csv", [january, wrong])

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 1)
    assert ASN.objects.get().nip == january[0]
    assert ImportRejection.objects.get().code == "birth_date_mismatch"


def test_a_csv_saved_under_a_spreadsheet_name_is_read_as_csv(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1), person(2)], delimiter=";")

    summary = import_asn(None, path=path.rename(tmp_path / "asn.xls"), region=kota_jambi)

    assert (summary.rows, summary.created) == (2, 2)


def test_an_html_table_saved_as_xls_by_a_personnel_system_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second, third = person(1), person(2), person(3, sex="P")
    html = f"""<html><head><meta charset="windows-1252"></head><body>
    <table border="1">
    <tr><td colspan="5"><b>DAFTAR PEGAWAI DINAS KESEHATAN</b></td></tr>
    <tr><th>NO</th><th>NIP</th><th>NAMA</th><th>JENIS<br>KELAMIN</th><th>UNIT KERJA</th></tr>
    <tr><td>1</td><td style="mso-number-format:'\\@'">{first[0]}</td><td>Ahmad &amp; Co, S.H.</td>
        <td>L</td><td rowspan="2">Dinas Kesehatan</td></tr>
    <tr><td>2</td><td>{second[0]}</td><td>Agus Ñoer</td><td>L</td></tr>
    <tr><td>3</td><td>{third[0]}</td><td>Siti</td><td>P</td><td>Puskesmas Simpang Kawat</td></tr>
    <tr><td colspan="4">JUMLAH</td><td>3</td></tr>
    </table></body></html>"""
    path = tmp_path / "asn.xls"
    path.write_bytes(html.encode("cp1252"))

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected, summary.skipped) == (3, 3, 0, 1)
    agus = ASN.objects.get(nip=second[0])
    assert (agus.name, agus.org_unit.name) == ("Agus Ñoer", "Dinas Kesehatan")
    ahmad = ASN.objects.get(nip=first[0])
    assert (ahmad.name, ahmad.back_title) == ("Ahmad & Co", "S.H.")


def test_a_header_split_over_two_rows_reads_the_columns_under_a_merged_title(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second = person(1), person(2)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(
        ["NO", "NIP", "NAMA", "TEMPAT, TANGGAL LAHIR", None, "PANGKAT", None, "UNIT KERJA"]
    )
    sheet.append([None, None, None, "TEMPAT", "TANGGAL", "GOL/RUANG", "TMT", None])
    sheet.append([1, first[0], "Ahmad", "Jambi", "26-09-1986", "III/b", "01-04-2019", "Dinkes"])
    sheet.append([2, second[0], "Budi", "Bungo", "27-09-1986", "III/c", "01-04-2019", "Dinkes"])
    for area in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1", "H1:H2"):
        sheet.merge_cells(area)
    workbook.save(tmp_path / "asn.xlsx")
    workbook.close()

    summary = import_asn(None, path=tmp_path / "asn.xlsx", region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (2, 1, 1)
    assert ASN.objects.get().rank == "III/b"
    assert ImportRejection.objects.get().code == "birth_date_mismatch"


def test_placeholders_and_excel_errors_are_blanks_not_values(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(number) for number in range(1, 6)]
    rows[0][1] = "-"  # NAMA
    rows[1][1] = "#N/A"
    rows[2][1] = "Dr."  # titles and no name
    rows[3][4] = "0000-00-00"  # TGL LAHIR as a database writes "unknown"
    rows[4][10] = "#REF!"  # UNOR NAMA
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 4)
    codes = dict(ImportRejection.objects.values_list("row_number", "code"))
    assert codes == {2: "name_missing", 3: "name_missing", 4: "name_missing", 6: "unit_missing"}
    assert ASN.objects.get().nip == rows[3][0]


def test_invisible_characters_pasted_with_a_value_are_not_part_of_it(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(number) for number in range(1, 4)]
    rows[0][0] = "\u200b" + rows[0][0]  # a zero-width space copied from a web page
    rows[1][0] += "\ufeff"  # a byte-order mark left inside a cell
    rows[1][1] = "Budi\u200d Santoso"
    rows[2][10] = "Dinas Kesehatan\u200b"
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (3, 0)
    assert ASN.objects.get(nip=rows[2][0]).org_unit.name == "Dinas Kesehatan"
    assert ASN.objects.filter(name="Budi Santoso").exists()


def test_the_header_of_a_second_table_below_the_first_is_skipped_not_rejected(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    pns = person(1)
    pppk = person(2)
    pppk[0] = pppk[0][:12] + "21" + pppk[0][14:]  # an NI PPPK
    pppk[6], pppk[7] = "", "IX"
    second_header = ["NI PPPK", "NAMA PEGAWAI", *HEADERS[2:7], "GOLONGAN", *HEADERS[8:]]
    rows = [pns, [], ["B. PPPK"], second_header, pppk]
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected, summary.skipped) == (2, 2, 0, 2)
    assert ASN.objects.get(nip=pppk[0]).employment_kind == "PPPK"


def test_a_section_title_under_the_header_is_skipped_not_read_as_part_of_the_header(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["NO", *HEADERS]
    rows = [["A. DINAS KESEHATAN"], ["1", *person(1)], ["2", *person(2)]]
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.skipped) == (2, 2, 1)
    assert summary.job_id is not None
    assert ImportJob.objects.get(pk=summary.job_id).headers == headers


def test_a_csv_row_refused_after_an_unquoted_comma_shifted_its_columns_says_so(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    good, shifted = person(1), person(2)
    lines = [
        "NIP,NAMA,TGL LAHIR,JENIS KELAMIN,UNOR NAMA",
        f"{good[0]},Ahmad,26-09-1986,L,Dinkes",
        f"{shifted[0]},Budi, S.Pd,26-09-1986,L,Dinkes",  # the comma before the title
        f"{person(3)[0]},Candra,26-09-1986,X,Dinkes,",  # a trailing comma shifts nothing
    ]
    path = tmp_path / "asn.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 2)
    codes = dict(ImportRejection.objects.values_list("row_number", "code"))
    assert codes == {3: "columns_shifted", 4: "bad_sex"}
    message = ImportRejection.objects.get(row_number=3).message
    assert "6 kolom" in message
    assert "5" in message


def test_titles_typed_again_in_the_name_beside_the_title_columns_are_not_kept_twice(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    both = person(1, name="Drs. H. Ahmad Fauzi, S.Kep.")  # GELAR BELAKANG holds S.Kep.
    both[2] = "Drs. H."
    front_only = person(2, name="dr. Rina")
    front_only[2] = "dr."
    other = person(3, name="Dr. Budi")  # a title the columns do not hold: kept as written
    other[2] = "H."
    path = write_csv(tmp_path / "asn.csv", [both, front_only, other])

    import_asn(None, path=path, region=kota_jambi)

    stored = {asn.nip: (asn.front_title, asn.name, asn.back_title) for asn in ASN.objects.all()}
    assert stored[both[0]] == ("Drs. H.", "Ahmad Fauzi", "S.Kep.")
    assert stored[front_only[0]] == ("dr.", "Rina", "S.Kep.")
    assert stored[other[0]] == ("H.", "Dr. Budi", "S.Kep.")


def test_a_kind_column_saying_only_asn_leaves_the_kind_to_the_nip(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    pns = person(1, kind="ASN")
    pppk = person(2, kind="Aparatur Sipil Negara", rank="IX")
    pppk[0] = pppk[0][:12] + "21" + pppk[0][14:]
    path = write_csv(tmp_path / "asn.csv", [pns, pppk])

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (2, 0)
    kinds = dict(ASN.objects.values_list("nip", "employment_kind"))
    assert kinds == {pns[0]: "PNS", pppk[0]: "PPPK"}
