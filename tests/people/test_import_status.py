"""Whether an ASN is still serving: SIASN's KEDUDUKAN HUKUM column, imported, re-imported,
resumed and exported."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from peduliham.people.importing import import_asn
from peduliham.people.importing.headers import Field, map_headers
from peduliham.people.importing.rows import record_digest, row_digest
from peduliham.people.importing.values import (
    Standing,
    is_not_asn,
    parse_employment_kind,
    parse_standing,
)
from peduliham.people.models import ASN, ImportJob, ImportRejection, ImportStatus
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import HEADERS, interrupted_import, person, write_csv

STATUS_HEADERS = (*HEADERS, "KEDUDUKAN HUKUM NAMA")


def with_status(number: int, status: str, **fields: Any) -> list[str]:
    return [*person(number, **fields), status]


def registry() -> list[tuple[Any, ...]]:
    return list(
        ASN.objects.order_by("nip").values_list(
            "nip", "name", "org_unit_id", "is_active", "inactive_reason", "row_digest"
        )
    )


@pytest.mark.parametrize(
    ("text", "active", "reason"),
    [
        ("Aktif", True, ""),
        ("AKTIF", True, ""),
        ("Tugas Belajar", True, ""),
        ("Masa Persiapan Pensiun", True, ""),
        ("MPP", True, ""),
        ("Pensiun", False, "Pensiun"),
        ("Pensiun BUP", False, "Pensiun"),
        ("Purna Tugas", False, "Pensiun"),
        ("Meninggal Dunia", False, "Meninggal dunia"),
        ("Wafat", False, "Meninggal dunia"),
        ("Diberhentikan Dengan Hormat", False, "Diberhentikan"),
        ("PTDH", False, "Diberhentikan"),
        ("Berhenti", False, "Berhenti"),
        ("Mengundurkan Diri", False, "Berhenti"),
        ("Pemberhentian Sementara", False, "Diberhentikan sementara"),
        ("Mutasi Keluar", False, "Pindah instansi"),
        ("Pindah Instansi", False, "Pindah instansi"),
        ("CLTN", False, "Cuti di luar tanggungan negara"),
        ("Cuti di Luar Tanggungan Negara", False, "Cuti di luar tanggungan negara"),
        ("Penerima Uang Tunggu", False, "Penerima uang tunggu"),
        ("Tidak Aktif", False, "Tidak aktif"),
        ("Non-Aktif", False, "Tidak aktif"),
    ],
)
def test_it_reads_the_employment_statuses_of_hr_exports(
    text: str, active: bool, reason: str
) -> None:
    assert parse_standing(text) == Standing(active=active, reason=reason)


@pytest.mark.parametrize("text", ["Kawin", "PNS", "Guru", "Aktivis"])
def test_what_is_no_employment_status_is_not_read_as_one(text: str) -> None:
    assert parse_standing(text) is None


@pytest.mark.parametrize("reason", ["Pensiun", "Meninggal dunia", "Pindah instansi", "Tidak aktif"])
def test_every_stored_reason_reads_back_as_itself(reason: str) -> None:
    assert parse_standing(reason) == Standing(active=False, reason=reason)


DIGESTED = {
    "name": "Pegawai 1",
    "front_title": "",
    "back_title": "S.Kep.",
    "sex": "L",
    "birth_date": datetime.date(1986, 9, 26),
    "employment_kind": "PNS",
    "rank": "III/a",
    "position_name": "Perawat Ahli Pertama",
    "position_kind": "fungsional",
    "org_unit_id": 7,
    "is_frontline": False,
    "email": "",
    "phone": "",
}


def test_the_digest_of_an_active_record_is_the_one_stored_before_statuses_were_read() -> None:
    # Computed by the importer before it read statuses: a registry stored then must
    # re-import as unchanged, so these may never change.
    active = {**DIGESTED, "is_active": True, "inactive_reason": ""}

    assert row_digest(DIGESTED) == "da8a0fe4e0ff2230"
    assert row_digest(active) == record_digest(active) == "da8a0fe4e0ff2230"
    pppk = {**active, "employment_kind": "PPPK", "rank": "IX", "is_frontline": True}
    pppk.update(email="a@b.id", phone="0812", front_title="dr.")
    assert row_digest(pppk) == record_digest(pppk) == "587eb14b6850b3c1"


def test_the_digest_tells_an_inactive_record_and_its_reason() -> None:
    retired = {**DIGESTED, "is_active": False, "inactive_reason": "Pensiun"}
    died = {**retired, "inactive_reason": "Meninggal dunia"}

    assert row_digest(retired) == record_digest(retired)
    assert len({row_digest(DIGESTED), row_digest(retired), row_digest(died)}) == 3


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit, disdik_jambi: OrgUnit) -> None:
    """Dinas Kesehatan (with Puskesmas Simpang Kawat) and Dinas Pendidikan in Kota Jambi."""


@pytest.mark.django_db
def test_a_status_column_stores_who_is_serving_and_why_the_others_are_not(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        with_status(1, "Aktif"),
        with_status(2, "Pensiun"),
        with_status(3, "MENINGGAL DUNIA"),
        with_status(4, ""),
        with_status(5, "Kawin"),
        with_status(6, "-"),
    ]
    path = write_csv(tmp_path / "asn.csv", rows, headers=STATUS_HEADERS)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (6, 5, 1)
    states = dict(ASN.objects.values_list("name", "is_active"))
    assert states == {
        "Pegawai 1": True,
        "Pegawai 2": False,
        "Pegawai 3": False,
        "Pegawai 4": True,
        "Pegawai 6": True,
    }
    assert ASN.objects.get(name="Pegawai 2").inactive_reason == "Pensiun"
    assert ASN.objects.get(name="Pegawai 3").inactive_reason == "Meninggal dunia"
    rejection = ImportRejection.objects.get()
    assert (rejection.row_number, rejection.code) == (6, "bad_status")
    assert rejection.message.startswith("Kedudukan ASN tidak dikenal: Kawin")
    assert rejection.message_en.startswith("Unknown employment status: Kawin")
    again = import_asn(None, path=path, region=kota_jambi)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 5, 1)


@pytest.mark.django_db
def test_a_retirement_in_a_later_file_deactivates_and_a_second_import_changes_nothing(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    import_asn(
        None, path=write_csv(tmp_path / "a.csv", [person(n) for n in (1, 2, 3)]), region=kota_jambi
    )
    digests = dict(ASN.objects.values_list("nip", "row_digest"))
    later = [with_status(1, "Aktif"), with_status(2, "Pensiun"), with_status(3, "Tugas Belajar")]
    path = write_csv(tmp_path / "b.csv", later, headers=STATUS_HEADERS)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    retired = ASN.objects.get(nip=person(2)[0])
    assert (retired.is_active, retired.inactive_reason) == (False, "Pensiun")
    assert retired.row_digest != digests[retired.nip]
    serving = ASN.objects.exclude(pk=retired.pk)
    assert all(asn.row_digest == digests[asn.nip] for asn in serving)  # active: as before
    again = import_asn(None, path=path, region=kota_jambi)
    assert (again.updated, again.unchanged) == (0, 3)


@pytest.mark.django_db
def test_a_status_that_changes_the_reason_only_is_an_update(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    first = write_csv(tmp_path / "a.csv", [with_status(1, "CLTN")], headers=STATUS_HEADERS)
    import_asn(None, path=first, region=kota_jambi)
    second = write_csv(tmp_path / "b.csv", [with_status(1, "Pensiun")], headers=STATUS_HEADERS)

    summary = import_asn(None, path=second, region=kota_jambi)

    assert summary.updated == 1
    assert ASN.objects.get().inactive_reason == "Pensiun"


@pytest.mark.django_db
def test_a_record_reactivated_by_hand_is_deactivated_again_by_the_file_that_retired_it(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [with_status(1, "Aktif"), with_status(2, "Pensiun")]
    path = write_csv(tmp_path / "asn.csv", rows, headers=STATUS_HEADERS)
    import_asn(None, path=path, region=kota_jambi)
    # Reactivated without the importer: the stored digest is still the retired one's.
    ASN.objects.filter(nip=rows[1][0]).update(is_active=True, inactive_reason="")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.updated, summary.unchanged) == (1, 1)
    assert not ASN.objects.get(nip=rows[1][0]).is_active


@pytest.mark.django_db
def test_a_record_deactivated_by_hand_with_its_old_digest_takes_the_files_status(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    import_asn(None, path=write_csv(tmp_path / "a.csv", [person(1)]), region=kota_jambi)
    ASN.objects.update(is_active=False, inactive_reason="pensiun")
    path = write_csv(tmp_path / "b.csv", [with_status(1, "Pensiun")], headers=STATUS_HEADERS)

    assert import_asn(None, path=path, region=kota_jambi).updated == 1
    assert ASN.objects.get().inactive_reason == "Pensiun"
    assert import_asn(None, path=path, region=kota_jambi).unchanged == 1


STATUSES = ("Aktif", "Pensiun", "", "Mutasi Keluar", "Tugas Belajar", "Meninggal")


@pytest.mark.django_db
def test_a_dry_run_counts_status_changes_like_the_import(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    import_asn(
        None,
        path=write_csv(tmp_path / "a.csv", [person(n) for n in range(1, 7)]),
        region=kota_jambi,
    )
    rows = [with_status(n, STATUSES[n % 6]) for n in range(1, 10)]
    path = write_csv(tmp_path / "b.csv", rows, headers=STATUS_HEADERS)

    trial = import_asn(None, path=path, region=kota_jambi, dry_run=True, batch_size=4)
    real = import_asn(None, path=path, region=kota_jambi, batch_size=4)

    counts = (trial.created, trial.updated, trial.unchanged, trial.rejected)
    assert counts == (real.created, real.updated, real.unchanged, real.rejected) == (3, 3, 3, 0)


@pytest.mark.django_db
def test_an_interrupted_import_with_statuses_resumes_to_the_uninterrupted_end_state(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    import_asn(
        None,
        path=write_csv(tmp_path / "a.csv", [person(n) for n in range(1, 9)]),
        region=kota_jambi,
    )
    rows = [with_status(n, STATUSES[n % 6]) for n in range(1, 17)]
    path = write_csv(tmp_path / "b.csv", rows, headers=STATUS_HEADERS)
    interrupted_import(killed_in_batch=2, path=path, region=kota_jambi, batch_size=5)
    ImportJob.objects.update(status=ImportStatus.RUNNING)  # as a killed process leaves it

    resumed = import_asn(None, path=path, region=kota_jambi, batch_size=5)

    assert resumed.resumed
    resumed_state = registry()
    assert sum(not active for *_, active, _, _ in resumed_state) == 8
    ASN.objects.all().delete()
    ImportJob.objects.all().delete()
    import_asn(
        None,
        path=write_csv(tmp_path / "a.csv", [person(n) for n in range(1, 9)]),
        region=kota_jambi,
    )
    uninterrupted = import_asn(None, path=path, region=kota_jambi, batch_size=5)
    assert [row[:2] + row[3:] for row in registry()] == [row[:2] + row[3:] for row in resumed_state]
    assert (resumed.created, resumed.updated, resumed.unchanged) == (
        uninterrupted.created,
        uninterrupted.updated,
        uninterrupted.unchanged,
    )
    assert import_asn(None, path=path, region=kota_jambi).unchanged == 16


@pytest.mark.django_db
def test_the_command_exports_inactive_asn_only_when_asked_and_they_reimport_unchanged(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [with_status(1, "Aktif"), with_status(2, "Pensiun"), with_status(3, "CLTN")]
    import_asn(
        None,
        path=write_csv(tmp_path / "asn.csv", rows, headers=STATUS_HEADERS),
        region=kota_jambi,
    )
    before = registry()
    active_only, everyone = tmp_path / "active.xlsx", tmp_path / "all.csv"

    call_command("export_asn", str(active_only), "--region", "15.71")
    call_command("export_asn", str(everyone), "--region", "15.71", "--include-inactive")

    assert import_asn(None, path=active_only, region=kota_jambi).unchanged == 1
    summary = import_asn(None, path=everyone, region=kota_jambi)
    assert (summary.rows, summary.unchanged, summary.updated, summary.created) == (3, 3, 0, 0)
    assert registry() == before
    lines = everyone.read_text(encoding="utf-8-sig").splitlines()
    status_at = lines[0].split(";").index("KEDUDUKAN HUKUM")
    assert sorted(line.split(";")[status_at] for line in lines[1:]) == [
        "Aktif",
        "Cuti di luar tanggungan negara",
        "Pensiun",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("PNS", "PNS"), ("CPNS", "PNS"), ("PPPK Paruh Waktu", "PPPK"), ("Non PNS", None)],
)
def test_staff_who_are_no_asn_have_no_employment_kind(text: str, kind: str | None) -> None:
    assert parse_employment_kind(text) == kind
    assert is_not_asn(text) is (kind is None)


@pytest.mark.parametrize("text", ["Honorer", "THL", "Tenaga Harian Lepas", "Non ASN", "PTT"])
def test_contract_and_casual_workers_are_known_as_no_asn(text: str) -> None:
    assert is_not_asn(text)


@pytest.mark.parametrize(
    ("headers", "kind_column", "status_column"),
    [
        (["NIP", "NAMA", "UNIT KERJA", "STATUS PEGAWAI"], 3, None),
        (["NIP", "NAMA", "UNIT KERJA", "STATUS"], 3, None),
        (["NIP", "NAMA", "UNIT KERJA", "STATUS ASN", "JENIS PEGAWAI"], 4, 3),
        (["NIP", "NAMA", "UNIT KERJA", "STATUS PEGAWAI", "KEDUDUKAN HUKUM"], 3, 4),
    ],
)
def test_a_status_header_is_the_kind_column_unless_a_jenis_column_holds_the_kind(
    headers: list[str], kind_column: int, status_column: int | None
) -> None:
    columns = map_headers(headers).columns

    assert columns[Field.EMPLOYMENT_KIND] == kind_column
    assert columns.get(Field.STATUS) == status_column


PPPK_NIP = "199203142022212001"  # birth date, year of appointment, 21, sex, sequence


def pppk_row(kind: str) -> list[str]:
    row = person(0, sex="P", birth="14-03-1992", kind=kind, rank="IX")
    row[0] = PPPK_NIP
    return row


@pytest.mark.django_db
def test_a_status_pegawai_column_is_read_for_the_kind_or_the_status_each_value_holds(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [
        person(1, kind="Aktif"),  # row 2
        person(2, kind="Pensiun"),
        person(3, kind="CPNS"),
        person(4, kind="PNS Daerah"),
        person(5, kind="Tugas Belajar"),
        person(6, kind="Pemberhentian Sementara"),
        person(7, kind="Mutasi Keluar"),
        person(8, kind="MPP"),
        person(9, kind="Honorer"),  # row 10
        person(10, kind="Kawin"),  # row 11
        pppk_row("Aktif"),  # row 12: a status, so the kind comes from the NIP
    ]
    path = write_csv(tmp_path / "asn.csv", rows, delimiter=";")

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.rows, summary.created, summary.rejected) == (11, 9, 2)
    stored = {
        name: (kind, active, reason)
        for name, kind, active, reason in ASN.objects.values_list(
            "name", "employment_kind", "is_active", "inactive_reason"
        )
    }
    assert stored == {
        "Pegawai 1": ("PNS", True, ""),
        "Pegawai 2": ("PNS", False, "Pensiun"),
        "Pegawai 3": ("PNS", True, ""),
        "Pegawai 4": ("PNS", True, ""),
        "Pegawai 5": ("PNS", True, ""),
        "Pegawai 6": ("PNS", False, "Diberhentikan sementara"),
        "Pegawai 7": ("PNS", False, "Pindah instansi"),
        "Pegawai 8": ("PNS", True, ""),
        "Pegawai 0": ("PPPK", True, ""),
    }
    assert ASN.objects.get(nip=PPPK_NIP).rank == "IX"
    rejected = {r.row_number: r for r in ImportRejection.objects.all()}
    assert (rejected[10].code, rejected[11].code) == ("not_asn", "bad_employment_kind")
    assert rejected[10].message == "Bukan ASN: Honorer (registri hanya memuat PNS dan PPPK)"
    assert rejected[11].message_en == (
        "Unknown employment kind or status: Kawin (use PNS or PPPK, "
        "or a status such as Aktif or Pensiun)"
    )
    again = import_asn(None, path=path, region=kota_jambi)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 9, 2)


@pytest.mark.django_db
def test_a_file_whose_status_column_says_aktif_for_everyone_is_imported(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["NO", "NIP", "NAMA", "STATUS", "UNIT KERJA"]
    rows = [[str(n), person(n)[0], f"Pegawai {n}", "Aktif", "Dinkes"] for n in (1, 2, 3)]
    rows.append(["4", PPPK_NIP, "Rina", "AKTIF", "Dinkes"])
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (4, 0)
    assert ASN.objects.get(nip=PPPK_NIP).employment_kind == "PPPK"
    assert ASN.objects.filter(is_active=True).count() == 4


@pytest.mark.django_db
def test_a_jenis_column_gives_the_kind_and_the_status_column_beside_it_the_status(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    headers = ["NIP", "NAMA", "JENIS PEGAWAI", "STATUS PEGAWAI", "UNIT KERJA"]
    rows = [
        [PPPK_NIP, "Rina", "PPPK", "Pensiun", "Dinkes"],
        [person(1)[0], "Budi", "PNS", "PNS", "Dinkes"],  # a kind in the status column too
    ]
    path = write_csv(tmp_path / "asn.csv", rows, headers=headers)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.created, summary.rejected) == (2, 0)
    rina = ASN.objects.get(nip=PPPK_NIP)
    assert (rina.employment_kind, rina.is_active, rina.inactive_reason) == (
        "PPPK",
        False,
        "Pensiun",
    )
    assert ASN.objects.get(name="Budi").is_active


@pytest.mark.django_db
def test_kedudukan_hukum_says_the_status_when_the_kind_column_says_another(
    tmp_path: Path, kota_jambi: Region, units: None
) -> None:
    rows = [with_status(1, "Pensiun", kind="Aktif"), with_status(2, "", kind="Meninggal")]
    path = write_csv(tmp_path / "asn.csv", rows, headers=STATUS_HEADERS)

    import_asn(None, path=path, region=kota_jambi)

    assert list(ASN.objects.order_by("nip").values_list("is_active", "inactive_reason")) == [
        (False, "Pensiun"),
        (False, "Meninggal dunia"),
    ]


@pytest.mark.django_db
def test_a_row_of_someone_who_left_never_takes_a_record_from_another_region(
    tmp_path: Path, kota_jambi: Region, units: None, dinkes_pekanbaru: OrgUnit
) -> None:
    pekanbaru = dinkes_pekanbaru.region
    there = [person(1), with_status(2, "Pensiun"), with_status(3, "Pensiun")]
    import_asn(None, path=write_csv(tmp_path / "a.csv", there[:1]), region=pekanbaru)
    import_asn(
        None,
        path=write_csv(tmp_path / "b.csv", there[1:], headers=STATUS_HEADERS),
        region=pekanbaru,
    )
    here = [with_status(1, "Mutasi Keluar"), with_status(2, "Mutasi Keluar"), with_status(3, "")]
    path = write_csv(tmp_path / "jambi.csv", here, headers=STATUS_HEADERS)

    summary = import_asn(None, path=path, region=kota_jambi)

    assert (summary.updated, summary.rejected) == (1, 2)
    rejected = dict(ImportRejection.objects.values_list("row_number", "message"))
    assert rejected[2] == "NIP sudah terdaftar aktif di wilayah lain (14.71 Kota Pekanbaru)"
    assert rejected[3].startswith("NIP terdaftar di wilayah lain (14.71 Kota Pekanbaru); ASN")
    regions = dict(ASN.objects.values_list("name", "region"))
    assert regions == {
        "Pegawai 1": pekanbaru.pk,
        "Pegawai 2": pekanbaru.pk,
        "Pegawai 3": kota_jambi.pk,
    }
    assert ASN.objects.get(name="Pegawai 3").is_active  # serving here: moved in
    assert import_asn(None, path=path, region=kota_jambi).unchanged == 1
