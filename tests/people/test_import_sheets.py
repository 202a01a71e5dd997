"""Workbooks whose registry is spread over several sheets, and tables laid out differently."""

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from peduliham.core.models import AuditEntry
from peduliham.people.importing import ImportFileError, import_asn
from peduliham.people.models import ASN, ImportJob, ImportRejection
from peduliham.people.tasks import _finish
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, interrupted_import, person, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinas Kesehatan (with Puskesmas Simpang Kawat) and Dinas Pendidikan in Kota Jambi."""


def write_workbook(
    path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]], hidden: str = ""
) -> Path:
    """One sheet per entry: a title row, then the rows given (the header first)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append([f"DAFTAR PEGAWAI {name}"])
        for row in rows:
            sheet.append(list(row))
        if name == hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    workbook.close()
    return path


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_every_sheet_of_a_workbook_with_one_sheet_per_opd_is_imported(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    broken = person(4, unit="Dinas Pariwisata")
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {
            "DINKES": [HEADERS, person(1), person(2, unit="Puskesmas Simpang Kawat")],
            "DISDIK": [HEADERS, person(3, unit="Dinas Pendidikan"), broken],
        },
    )
    report = tmp_path / "ditolak.csv"

    summary = import_asn(None, path=path, region=kota_jambi, errors_path=report)

    assert (summary.rows, summary.created, summary.rejected) == (4, 3, 1)
    assert summary.sheets == ("DINKES", "DISDIK")
    assert ASN.objects.filter(org_unit__name="Dinas Pendidikan").count() == 1
    [line] = read_report(report)
    assert (line["BARIS"], line["LEMBAR"], line["KODE ALASAN"]) == ("4", "DISDIK", "unit_unknown")
    assert line["NIP BARU"] == broken[0]
    rejection = ImportRejection.objects.get()
    assert (rejection.sheet, rejection.row_number) == ("DISDIK", 4)


def test_a_nip_on_two_sheets_is_refused_naming_both_sheets(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    twice = person(1)
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {
            "DINKES": [HEADERS, twice, person(2)],
            "DISDIK": [HEADERS, [*twice[:10], "Dinas Pendidikan"]],
        },
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (3, 1, 2)
    messages = set(ImportRejection.objects.values_list("message", flat=True))
    assert messages == {"NIP ganda dalam berkas: baris 3 (DINKES), 3 (DISDIK)"}


def test_sheets_laid_out_differently_are_each_read_in_their_own_columns(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second = person(1), person(2, unit="Dinas Pendidikan", rank="III/b")
    reordered = ["UNOR NAMA", "NAMA", "NIP BARU", "GOL AKHIR", "TGL LAHIR", "JENIS KELAMIN"]
    row = [second[10], second[1], second[0], second[7], second[4], second[5]]
    path = write_workbook(
        tmp_path / "asn.xlsx", {"DINKES": [HEADERS, first], "DISDIK": [reordered, row]}
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (2, 0)
    stored = ASN.objects.get(nip=second[0])
    assert (stored.org_unit.name, stored.rank, stored.name) == (
        "Dinas Pendidikan",
        "III/b",
        "Pegawai 2",
    )


def test_a_column_one_sheet_lacks_leaves_the_stored_value_of_its_rows(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second = person(1), person(2, unit="Dinas Pendidikan")
    with_email = [*HEADERS, "EMAIL"]
    import_asn(
        None,
        path=write_csv(
            tmp_path / "before.csv",
            [[*first, "satu@example.id"], [*second, "dua@example.id"]],
            headers=with_email,
        ),
        region=kota_jambi,
    )
    second[7] = "III/b"  # promoted
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {"DINKES": [with_email, [*first, "satu@example.id"]], "DISDIK": [HEADERS, second]},
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.unchanged, summary.updated) == (1, 1)
    stored = ASN.objects.get(nip=second[0])
    assert (stored.rank, stored.email) == ("III/b", "dua@example.id")


def test_a_hidden_sheet_is_not_read_when_a_visible_one_holds_the_registry(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    old, current = person(1), person(2)
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {"LAMA": [HEADERS, old], "DATA": [HEADERS, current]},
        hidden="LAMA",
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created) == (1, 1)
    assert summary.sheets == ("DATA",)
    assert list(ASN.objects.values_list("nip", flat=True)) == [current[0]]


def test_a_sheet_without_a_registry_header_is_passed_over(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {
            "REKAP": [["OPD", "JUMLAH"], ["Dinas Kesehatan", 2]],
            "GOLONGAN": [["KODE", "GOLONGAN", "PANGKAT"], ["3A", "III/a", "Penata Muda"]],
            "DATA": [HEADERS, person(1), person(2)],
        },
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.sheets) == (2, 2, ("DATA",))


def test_a_visible_sheet_of_staff_lacking_a_required_column_refuses_the_file_naming_it(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    typo = [*HEADERS[:10], "UNT KERJA"]  # its rows would be lost if the sheet were passed over
    path = write_workbook(
        tmp_path / "asn.xlsx",
        {"DINKES": [HEADERS, person(1)], "DISDIK": [typo, person(2, unit="Dinas Pendidikan")]},
    )

    with pytest.raises(ImportFileError) as error:
        import_asn(None, path=path, region=kota_jambi)

    assert error.value.code == "missing_column"
    assert "DISDIK" in str(error.value.message)
    assert "UNOR NAMA / UNIT KERJA" in str(error.value.message)
    assert not ASN.objects.exists()


def test_an_interrupted_import_of_several_sheets_resumes_to_the_same_end(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    sheets = {
        name: [HEADERS, *(person(number, unit=unit) for number in numbers)]
        for name, unit, numbers in (
            ("DINKES", "Dinkes", range(1, 8)),
            ("DISDIK", "Dinas Pendidikan", range(8, 14)),
            ("PUSKESMAS", "Puskesmas Simpang Kawat", range(14, 19)),
        )
    }
    sheets["DISDIK"].append(person(99, unit="Dinas Pariwisata"))
    path = write_workbook(tmp_path / "asn.xlsx", sheets)

    interrupted_import(killed_in_batch=3, path=path, region=kota_jambi, batch_size=4)
    summary = import_asn(None, path=path, region=kota_jambi, batch_size=4)

    assert summary.resumed
    assert (summary.rows, summary.created, summary.rejected) == (19, 18, 1)
    assert ASN.objects.count() == 18
    rejection = ImportRejection.objects.get()
    assert (rejection.sheet, rejection.row_number, rejection.code) == ("DISDIK", 9, "unit_unknown")
    assert ImportJob.objects.get().rejected == 1


def test_a_second_table_below_the_first_with_its_columns_in_another_order_is_read_by_them(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first, second = person(1), person(2, unit="Dinas Pendidikan")
    other_header = ["NAMA", "NIP BARU", "UNOR NAMA", "TGL LAHIR", "JENIS KELAMIN"]
    rows = [
        first,
        [],
        ["B. PPPK"],
        other_header,
        [second[1], second[0], second[10], second[4], "L"],
    ]
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected, summary.skipped) == (2, 2, 0, 2)
    assert ASN.objects.get(nip=second[0]).org_unit.name == "Dinas Pendidikan"


def test_the_job_names_the_sheets_it_read_for_the_import_page(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    sheets = {
        "DINKES": [HEADERS, person(1)],
        "DISDIK": [HEADERS, person(2, unit="Dinas Pendidikan")],
    }
    path = write_workbook(tmp_path / "asn.xlsx", sheets)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert summary.job_id is not None
    job = ImportJob.objects.get(pk=summary.job_id)
    assert job.sheets == ["DINKES", "DISDIK"]
    audit = AuditEntry.objects.get(action="peduliham.asn.imported")
    assert audit.changes["sheets"] == ["DINKES", "DISDIK"]


def test_a_trial_run_names_the_sheets_too(tmp_path: Path, kota_jambi: Region, units: None) -> None:
    sheets = {"PNS": [HEADERS, person(1)], "PPPK": [HEADERS, person(2)]}
    path = write_workbook(tmp_path / "asn.xlsx", sheets)
    job = ImportJob.objects.create(
        region=kota_jambi, file_name="asn.xlsx", file_sha256="0" * 64, dry_run=True
    )

    _finish(job, import_asn(None, path=path, region=kota_jambi, dry_run=True))

    job.refresh_from_db()
    assert job.sheets == ["PNS", "PPPK"]


def test_a_file_of_one_table_names_no_sheet(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_workbook(tmp_path / "asn.xlsx", {"Data": [HEADERS, person(1)]})

    summary = import_asn(None, path=path, region=kota_jambi)

    assert summary.job_id is not None
    assert ImportJob.objects.get(pk=summary.job_id).sheets == []
    assert "sheets" not in AuditEntry.objects.get(action="peduliham.asn.imported").changes
