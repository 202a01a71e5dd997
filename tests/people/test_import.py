import csv
import datetime
from pathlib import Path
from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.people.importing import ImportFileError, import_asn
from peduliham.people.models import ASN, ImportJob, ImportStatus, Transfer
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import (
    HEADERS,
    interrupted_import,
    nip,
    person,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinas Kesehatan (with Puskesmas Simpang Kawat) and Dinas Pendidikan in Kota Jambi."""


def registry(region: Region) -> list[tuple[Any, ...]]:
    """The registry as comparable tuples (no timestamps or ids)."""
    return sorted(
        ASN.objects.filter(region=region).values_list(
            "nip",
            "name",
            "front_title",
            "back_title",
            "sex",
            "birth_date",
            "employment_kind",
            "rank",
            "position_name",
            "position_kind",
            "org_unit__name",
            "is_frontline",
            "is_active",
            "row_digest",
        )
    )


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_it_creates_every_row_of_a_clean_file_and_writes_one_audit_entry(
    tmp_path: Path, kota_jambi: Region, units: None, admin_pemkot_jambi: User
) -> None:
    rows = [person(1), person(2, unit="Puskesmas Simpang Kawat", sex="P"), person(3)]
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(admin_pemkot_jambi, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (3, 3, 0)
    nurse = ASN.objects.get(nip=nip(sex="2", sequence=2))
    assert nurse.sex == "P"
    assert nurse.birth_date == datetime.date(1986, 9, 26)
    assert nurse.org_unit.name == "Puskesmas Simpang Kawat"
    assert nurse.is_frontline  # the puskesmas serves the public directly
    assert nurse.rank == "III/a"
    assert nurse.position_kind == "fungsional"
    assert nurse.back_title == "S.Kep."
    entry = AuditEntry.objects.get(action="peduliham.asn.imported")
    assert entry.actor == admin_pemkot_jambi
    assert entry.region_code == "15.71"
    assert entry.changes["created"] == 3
    assert entry.changes["rows"] == 3


def test_a_second_import_of_the_same_file_changes_nothing(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(n) for n in range(1, 6)])
    import_asn(None, path=path, region=kota_jambi)
    before = registry(kota_jambi)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 5)
    assert registry(kota_jambi) == before


def test_a_messy_cp1252_semicolon_file_accounts_for_every_row_with_reasons(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        person(1, name="Agus Salim Ñoer"),  # row 2: created (Windows-1252 letter)
        ["1.98609E+17", *person(2)[1:]],  # row 3: NIP mangled by Excel
        [*person(3)[:4], "31-02-1986", *person(3)[5:]],  # row 4: impossible date
        [*person(4)[:10], "Dinas Kesehatn Hewan"],  # row 5: unknown unit
        person(5),  # row 6: duplicate of row 8
        [*person(6)[:5], "P", *person(6)[6:]],  # row 7: sex disagrees with the NIP
        person(5),  # row 8: duplicate of row 6
        [*person(7)[:4], "27-09-1986", *person(7)[5:]],  # row 9: birth date disagrees
        [*person(8)[:7], "V/z", *person(8)[8:]],  # row 10: bad rank
        ["", *person(9)[1:]],  # row 11: no NIP
        [*person(10)[:1], "", *person(10)[2:]],  # row 12: no name
    ]
    path = write_csv(tmp_path / "asn.csv", rows, delimiter=";", encoding="cp1252")
    report = tmp_path / "errors.csv"

    summary = import_asn(None, path=path, region=kota_jambi, errors_path=report)

    assert summary.rows == 11
    assert (summary.created, summary.updated, summary.unchanged, summary.rejected) == (1, 0, 0, 10)
    assert ASN.objects.get().name == "Agus Salim Ñoer"
    errors = read_report(report)
    assert [(e["BARIS"], e["KODE ALASAN"]) for e in errors] == [
        ("3", "nip_excel_mangled"),
        ("4", "bad_birth_date"),
        ("5", "unit_unknown"),
        ("6", "duplicate_nip"),
        ("7", "sex_mismatch"),
        ("8", "duplicate_nip"),
        ("9", "birth_date_mismatch"),
        ("10", "bad_rank"),
        ("11", "nip_empty"),
        ("12", "name_missing"),
    ]
    assert errors[0]["NIP (TERTULIS)"] == "1.98609E+17"
    assert "Dinas Kesehatan" in errors[2]["ALASAN"]
    assert "Closest known units: Dinas Kesehatan" in errors[2]["REASON"]
    assert errors[3]["ALASAN"] == "NIP ganda dalam berkas: baris 6, 8"
    assert errors[3]["UNOR NAMA"] == "Dinas Kesehatan"  # the original columns follow


def test_the_error_report_can_be_fixed_and_imported_again(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(1), [*person(2)[:10], "Dinas Kesehatn"]]
    report = tmp_path / "errors.csv"
    import_asn(
        None, path=write_csv(tmp_path / "asn.csv", rows), region=kota_jambi, errors_path=report
    )
    fixed = report.read_text(encoding="utf-8-sig").replace(";Dinas Kesehatn", ";Dinas Kesehatan")
    (tmp_path / "fixed.csv").write_text(fixed, encoding="utf-8-sig")

    summary = import_asn(None, path=tmp_path / "fixed.csv", region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (1, 1, 0)
    assert ASN.objects.count() == 2


def test_a_nip_fixed_in_the_error_report_is_read_from_its_own_column_not_nip_tertulis(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["NIP", *HEADERS[1:]]  # the same rank of header as the report's NIP (TERTULIS)
    typo = person(1)
    right = typo[0]
    typo[0] = right[:-1]  # a digit left out
    report = tmp_path / "errors.csv"
    import_asn(
        None,
        path=write_csv(tmp_path / "asn.csv", [typo], headers=headers),
        region=kota_jambi,
        errors_path=report,
    )
    fixed = report.read_text(encoding="utf-8-sig").replace(
        f";{typo[0]};Pegawai", f";{right};Pegawai"
    )
    (tmp_path / "fixed.csv").write_text(fixed, encoding="utf-8-sig")

    summary = import_asn(None, path=tmp_path / "fixed.csv", region=kota_jambi)

    assert (summary.created, summary.rejected) == (1, 0)
    assert ASN.objects.get().nip == right


def test_a_bom_file_with_title_rows_and_titles_inside_the_name_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["No", "NIP", "Nama Lengkap", "Tanggal Lahir", "L/P", "Unit Kerja", "No HP", "Email"]
    rows = [
        [
            "1",
            "19860926 201505 1 001",
            "Dr. dr. H. Maulana, M.K.M",
            "1986-09-26",
            "Pria",
            "DINKES",
            "81234567890",
            "Maulana@Example.ID",
        ],
    ]
    path = write_csv(
        tmp_path / "asn.csv",
        rows,
        headers=headers,
        encoding="utf-8-sig",
        above=[["PEMERINTAH KOTA JAMBI"], ["Daftar ASN per 1 Oktober 2025"], []],
    )

    summary = import_asn(None, path=path, region=kota_jambi)

    assert summary.created == 1
    asn = ASN.objects.get()
    assert (asn.front_title, asn.name, asn.back_title) == ("Dr. dr. H.", "Maulana", "M.K.M")
    assert asn.full_name == "Dr. dr. H. Maulana, M.K.M"
    assert asn.phone == "081234567890"
    assert asn.email == "maulana@example.id"


def test_an_xlsx_file_with_date_cells_serial_dates_and_numeric_nips_is_read(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        [*person(1)[:4], datetime.date(1986, 9, 26), *person(1)[5:]],
        [*person(2)[:4], 31681, *person(2)[5:]],
        [198609262015051003, *person(3)[1:]],  # Excel number: the last digits are gone
    ]
    path = write_xlsx(tmp_path / "asn.xlsx", rows)
    report = tmp_path / "errors.csv"

    summary = import_asn(None, path=path, region=kota_jambi, errors_path=report)

    assert (summary.rows, summary.created, summary.rejected) == (3, 2, 1)
    [error] = read_report(report)
    assert (error["BARIS"], error["KODE ALASAN"]) == ("6", "nip_excel_mangled")


def test_a_changed_unit_updates_the_record_and_records_a_transfer(
    tmp_path: Path, kota_jambi: Region, units: None, disdik_jambi: OrgUnit
) -> None:
    import_asn(None, path=write_csv(tmp_path / "a.csv", [person(1), person(2)]), region=kota_jambi)
    moved = [person(1, unit="Dinas Pendidikan"), person(2)]

    summary = import_asn(None, path=write_csv(tmp_path / "b.csv", moved), region=kota_jambi)

    assert (summary.updated, summary.unchanged) == (1, 1)
    asn = ASN.objects.get(nip=nip(sequence=1))
    assert asn.org_unit == disdik_jambi
    transfer = Transfer.objects.get()
    assert (transfer.asn, transfer.to_unit) == (asn, disdik_jambi)
    assert transfer.from_unit is not None
    assert transfer.from_unit.name == "Dinas Kesehatan"
    assert transfer.source_id == summary.job_id


def test_columns_missing_from_a_later_file_keep_their_stored_values(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    full = [*HEADERS, "EMAIL"]
    import_asn(
        None,
        path=write_csv(tmp_path / "a.csv", [[*person(1), "a@b.id"]], headers=full),
        region=kota_jambi,
    )
    slim = [["19860926 201505 1 001", "Pegawai 1", "Dinas Kesehatan"]]

    summary = import_asn(
        None,
        path=write_csv(tmp_path / "b.csv", slim, headers=["NIP", "NAMA", "SATUAN KERJA"]),
        region=kota_jambi,
    )

    assert summary.updated == 1  # the back title column is gone, so the title is cleared
    asn = ASN.objects.get()
    assert (asn.email, asn.rank, asn.position_kind) == ("a@b.id", "III/a", "fungsional")


def test_an_interrupted_import_resumes_and_ends_as_an_uninterrupted_one(
    tmp_path: Path, kota_jambi: Region, units: None, disdik_jambi: OrgUnit
) -> None:
    rows = [
        person(n, unit="Dinas Pendidikan" if n % 3 else "Dinas Kesehatan") for n in range(1, 24)
    ]
    rows[5] = ["1.98609E+17", *rows[5][1:]]
    path = write_csv(tmp_path / "asn.csv", rows)

    interrupted_import(killed_in_batch=3, path=path, region=kota_jambi, batch_size=5)
    job = ImportJob.objects.get()
    assert (job.status, job.rows_done) == (ImportStatus.FAILED, 10)
    assert ASN.objects.count() == 9  # ten rows done, one of them rejected
    ImportJob.objects.update(status=ImportStatus.RUNNING)  # as a killed process leaves it

    summary = import_asn(
        None, path=path, region=kota_jambi, batch_size=5, errors_path=tmp_path / "e.csv"
    )

    assert summary.resumed
    assert (summary.rows, summary.created, summary.rejected) == (23, 22, 1)
    assert ImportJob.objects.get().status == ImportStatus.DONE
    assert len(read_report(tmp_path / "e.csv")) == 1
    resumed_state = registry(kota_jambi)
    ASN.objects.all().delete()
    ImportJob.objects.all().delete()
    import_asn(None, path=path, region=kota_jambi, batch_size=5)
    assert registry(kota_jambi) == resumed_state
    assert AuditEntry.objects.filter(action="peduliham.asn.imported").count() == 2


def test_a_dry_run_counts_like_an_import_and_changes_nothing(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [person(1), person(2), [*person(3)[:10], "Dinas Baru"]]
    path = write_csv(tmp_path / "asn.csv", rows)
    audit_before = AuditEntry.objects.count()

    summary = import_asn(
        None, path=path, region=kota_jambi, dry_run=True, errors_path=tmp_path / "e.csv"
    )

    assert (summary.dry_run, summary.created, summary.rejected) == (True, 2, 1)
    assert ASN.objects.count() == 0
    assert ImportJob.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert read_report(tmp_path / "e.csv")[0]["KODE ALASAN"] == "unit_unknown"


def test_create_units_adds_the_units_the_file_names(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [[*person(1)[:10], "Dinas Pariwisata"], [*person(2)[:10], "DINAS PARIWISATA"]]
    path = write_csv(tmp_path / "asn.csv", rows)

    summary = import_asn(None, path=path, region=kota_jambi, create_units=True)

    assert (summary.created, summary.units_created) == (2, 1)
    unit = OrgUnit.objects.get(region=kota_jambi, name="Dinas Pariwisata")
    assert set(ASN.objects.values_list("org_unit", flat=True)) == {unit.pk}
    assert AuditEntry.objects.filter(action="peduliham.orgunit.created", object_id=str(unit.pk))


def test_create_units_places_a_new_unit_under_the_parent_the_file_names(
    tmp_path: Path, kota_jambi: Region, units: None, dinkes_jambi: OrgUnit
) -> None:
    headers = ["NIP", "NAMA", "UNOR NAMA", "UNOR INDUK NAMA"]
    rows = [[nip(), "Budi", "Puskesmas Paal Merah", "Dinas Kesehatan Kota Jambi"]]
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    import_asn(None, path=path, region=kota_jambi, create_units=True)

    unit = ASN.objects.get().org_unit
    assert (unit.name, unit.parent, unit.kind) == ("Puskesmas Paal Merah", dinkes_jambi, "upt")


def test_a_nip_active_in_another_region_is_rejected(
    tmp_path: Path, kota_jambi: Region, units: None, dinkes_pekanbaru: OrgUnit
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1)])
    import_asn(None, path=path, region=dinkes_pekanbaru.region)

    summary = import_asn(None, path=path, region=kota_jambi, errors_path=tmp_path / "e.csv")

    assert summary.rejected == 1
    assert read_report(tmp_path / "e.csv")[0]["KODE ALASAN"] == "nip_in_other_region"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("asn.csv", b"", "empty_file"),
        ("asn.csv", b"NIP;NAMA;UNOR NAMA\r\n", "empty_file"),
        ("asn.xlsx", b"%PDF-1.7 not a spreadsheet", "file_unreadable"),
        ("asn.pdf", b"%PDF-1.7", "file_unreadable"),
        ("asn.csv", b"NIP;NAMA;JABATAN\r\n198609262015051001;Budi;Guru\r\n", "missing_column"),
    ],
)
def test_a_file_that_cannot_be_read_gives_one_clear_error_and_changes_nothing(
    tmp_path: Path, kota_jambi: Region, units: None, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(ImportFileError) as error:
        import_asn(None, path=path, region=kota_jambi)

    assert error.value.code == code
    assert ImportJob.objects.count() == 0
    assert ASN.objects.count() == 0


def test_the_missing_column_error_names_the_column(tmp_path: Path, kota_jambi: Region) -> None:
    path = write_csv(
        tmp_path / "asn.csv", [["198609262015051001", "Budi"]], headers=["NIP", "NAMA"]
    )

    with pytest.raises(ImportFileError, match="UNOR NAMA / UNIT KERJA"):
        import_asn(None, path=path, region=kota_jambi)


def test_a_pemda_admin_may_not_import_into_another_region(
    tmp_path: Path, kota_jambi: Region, units: None, admin_pemkot_pekanbaru: User
) -> None:
    path = write_csv(tmp_path / "asn.csv", [person(1)])

    with pytest.raises(DomainError) as error:
        import_asn(admin_pemkot_pekanbaru, path=path, region=kota_jambi)

    assert error.value.code == "permission_denied"
    assert ASN.objects.count() == 0


def test_a_pppk_row_gets_only_the_checks_that_apply_to_pppk_numbers(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    # 21 where a PNS NIP has its month of service: fine for an NI PPPK, not for a PNS NIP.
    pppk = [
        "198609262021212001",
        "Siti Aminah",
        "",
        "S.Pd.",
        "26-09-1986",
        "P",
        "PPPK",
        "IX",
        "Guru Ahli Pertama",
        "Fungsional",
        "Dinas Pendidikan",
    ]
    as_pns = [*pppk[:6], "PNS", "III/a", *pppk[8:]]
    report = tmp_path / "e.csv"

    summary = import_asn(
        None,
        path=write_csv(tmp_path / "asn.csv", [pppk, [*as_pns[:1], "Lain", *as_pns[2:]]]),
        region=kota_jambi,
        errors_path=report,
    )
    one = import_asn(None, path=write_csv(tmp_path / "one.csv", [pppk]), region=kota_jambi)
    import_asn(
        None, path=write_csv(tmp_path / "pns.csv", [as_pns]), region=kota_jambi, errors_path=report
    )

    assert (summary.created, summary.rejected) == (0, 2)  # the same NIP twice in one file
    assert one.created == 1
    asn = ASN.objects.get()
    assert (asn.employment_kind, asn.rank, asn.sex) == ("PPPK", "IX", "P")
    assert read_report(report)[0]["KODE ALASAN"] == "kind_mismatch"  # the file says PNS
