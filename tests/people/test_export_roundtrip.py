"""An export re-imports as "unchanged" for every row: the export speaks the importer's columns."""

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.people.exporting import EXPORT_HEADERS
from peduliham.people.importing import import_asn
from peduliham.people.importing.headers import Field, map_headers
from peduliham.people.models import ASN
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.regions.services import create_org_unit
from tests.people.helpers import HEADERS, person, write_csv

pytestmark = pytest.mark.django_db


def streamed(response: object) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


Login = Callable[[User], Client]
EXTRA_HEADERS = ("EMAIL", "NO HP")
SNAPSHOT = (
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
    "org_unit_id",
    "is_frontline",
    "email",
    "phone",
    "is_active",
    "inactive_reason",
    "row_digest",
)


@pytest.fixture
def imported(
    tmp_path: Path,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    puskesmas_simpang_kawat: OrgUnit,
    disdik_jambi: OrgUnit,
) -> int:
    """A registry imported from a messy file; returns its number of rows."""
    # Two service units with one name, told apart only by their parent OPD.
    create_org_unit(
        None,
        region=kota_jambi,
        parent=dinkes_jambi,
        name="Subbagian Umum",
        kind=UnitKind.SERVICE_UNIT,
    )
    create_org_unit(
        None,
        region=kota_jambi,
        parent=disdik_jambi,
        name="Subbagian Umum",
        kind=UnitKind.SERVICE_UNIT,
    )
    rows = [
        [*person(1), "andi@example.org", "0812-3456-7890"],
        [*person(2, unit="Puskesmas Simpang Kawat", sex="P"), "", "+62 811 111 222"],
        [*person(3, unit="Dinas Pendidikan", rank="IV/b"), "", ""],
        [*person(4, name="Dr. H. Maulana", rank="Penata Muda, III/a"), "", ""],
    ]
    rows[3][HEADERS.index("GELAR BELAKANG")] = "M.K.M"
    rows[2][HEADERS.index("JENIS JABATAN")] = "Struktural"
    headers = (*HEADERS, *EXTRA_HEADERS, "UNOR INDUK NAMA")
    rows.append([*person(5, unit="Subbagian Umum"), "", "", "Dinas Pendidikan"])
    rows.append([*person(6, unit="Subbagian Umum", sex="P"), "", "", "Dinas Kesehatan"])
    for row in rows[:4]:
        row.append("")
    source = write_csv(tmp_path / "source.csv", rows, headers=headers, delimiter=";")
    summary = import_asn(None, path=source, region=kota_jambi)
    assert summary.rejected == 0, summary
    return summary.rows


def registry() -> list[tuple[object, ...]]:
    return list(ASN.objects.order_by("nip").values_list(*SNAPSHOT))


def download(client: Client, url: str, path: Path) -> Path:
    response = client.get(url)
    assert response.status_code == 200
    path.write_bytes(streamed(response))
    return path


def test_every_export_header_is_one_the_importer_reads() -> None:
    columns = map_headers(EXPORT_HEADERS).columns

    assert set(columns) == set(Field) - {Field.NAME_NIP}  # printed lists' one column for two
    assert [EXPORT_HEADERS[index] for index in sorted(columns.values())] == list(EXPORT_HEADERS)


def retire_two(path: Path, region: Region) -> None:
    """Two of the imported ASN leave: a status file makes them inactive."""
    statuses = [[*person(1), "Pensiun"], [*person(2, unit="Puskesmas Simpang Kawat", sex="P")]]
    statuses[1].append("Meninggal")
    leaving = write_csv(path, statuses, headers=(*HEADERS, "KEDUDUKAN HUKUM"))
    assert import_asn(None, path=leaving, region=region).updated == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", ["", "?status=semua"])
def test_an_exported_registry_reimports_as_unchanged_for_every_row(
    fmt: str,
    query: str,
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    imported: int,
) -> None:
    if query:  # inactive ASN too, exported with their status
        retire_two(tmp_path / "status.csv", kota_jambi)
    before = registry()
    client = logged_in(admin_pemkot_jambi)
    exported = download(client, f"/asn/ekspor.{fmt}{query}", tmp_path / f"x.{fmt}")

    summary = import_asn(None, path=exported, region=kota_jambi)

    assert (summary.rows, summary.created, summary.updated) == (imported, 0, 0)
    assert (summary.unchanged, summary.rejected) == (imported, 0)
    assert registry() == before
    assert ASN.objects.filter(is_active=False).count() == (2 if query else 0)


def test_the_xlsx_export_keeps_nip_and_phone_as_text(
    tmp_path: Path, logged_in: Login, admin_pemkot_jambi: User, imported: int
) -> None:
    exported = download(logged_in(admin_pemkot_jambi), "/asn/ekspor.xlsx", tmp_path / "x.xlsx")

    workbook = openpyxl.load_workbook(exported, read_only=True)
    try:
        sheet = workbook.active
        assert sheet is not None
        header, *rows = sheet.iter_rows()
    finally:
        workbook.close()
    assert [cell.value for cell in header] == list(EXPORT_HEADERS)
    phone = EXPORT_HEADERS.index("NO HP")
    assert all((row[0].data_type, row[0].number_format) == ("s", "@") for row in rows)
    assert all(row[phone].data_type != "n" for row in rows)
    assert {row[0].value for row in rows} == set(ASN.objects.values_list("nip", flat=True))
    assert "081234567890" in {row[phone].value for row in rows}


def test_the_export_follows_the_filters_and_is_audited(
    tmp_path: Path, logged_in: Login, admin_pemkot_jambi: User, imported: int
) -> None:
    client = logged_in(admin_pemkot_jambi)
    exported = download(client, "/asn/ekspor.csv?rank=IV/b", tmp_path / "x.csv")

    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ";".join(EXPORT_HEADERS)
    assert len(lines) == 2
    assert lines[1].startswith(person(3)[0] + ";")
    entry = AuditEntry.objects.get(action="peduliham.asn.exported")
    assert entry.actor == admin_pemkot_jambi
    assert entry.region_code == "15.71"
    assert entry.changes == {"format": "csv", "filters": {"rank": "IV/b"}}


def test_a_participant_may_not_export(logged_in: Login, peserta_budi: User) -> None:
    assert logged_in(peserta_budi).get("/asn/ekspor.csv").status_code == 403


def test_an_unknown_export_format_is_not_found(logged_in: Login, admin_pusat: User) -> None:
    assert logged_in(admin_pusat).get("/asn/ekspor.pdf").status_code == 404
