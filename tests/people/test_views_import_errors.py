import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.test import Client

from peduliham.accounts.models import User
from peduliham.people.importing.report import REPORT_COLUMNS
from peduliham.people.models import ImportJob
from peduliham.regions.models import OrgUnit
from tests.people.helpers import HEADERS, person, write_csv

pytestmark = pytest.mark.django_db


def streamed(response: object) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


Login = Callable[[User], Client]


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload_with_two_bad_rows(
    client: Client, tmp_path: Path, capture: Any, **options: str
) -> ImportJob:
    mismatch = person(3)
    mismatch[HEADERS.index("TGL LAHIR")] = "01-01-1990"  # the NIP says 26-09-1986
    rows = [person(1), person(2, unit="Dinas Antah Berantah"), mismatch]
    source = write_csv(tmp_path / "asn.csv", rows)
    with capture(execute=True):
        client.post(
            "/asn/impor/unggah/",
            {"file": SimpleUploadedFile("asn.csv", source.read_bytes()), **options},
        )
    return ImportJob.objects.get()


def read(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("options", [{}, {"dry_run": "on"}], ids=["import", "dry_run"])
def test_the_error_report_lists_each_refused_row_with_its_reason(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
    options: dict[str, str],
) -> None:
    client = logged_in(admin_pemkot_jambi)
    job = upload_with_two_bad_rows(client, tmp_path, django_capture_on_commit_callbacks, **options)

    response = client.get(f"/asn/impor/{job.pk}/ditolak.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = read(streamed(response))
    assert header == [*REPORT_COLUMNS, *HEADERS]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("3", person(2)[0], "unit_unknown"),
        ("4", person(3)[0], "birth_date_mismatch"),
    ]
    assert "Dinas Antah Berantah" in rows[0][3]
    assert rows[0][len(REPORT_COLUMNS) :] == person(2, unit="Dinas Antah Berantah")


def test_another_kota_may_not_download_the_report(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    admin_pemkot_pekanbaru: User,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    job = upload_with_two_bad_rows(
        logged_in(admin_pemkot_jambi), tmp_path, django_capture_on_commit_callbacks
    )

    response = logged_in(admin_pemkot_pekanbaru).get(f"/asn/impor/{job.pk}/ditolak.csv")

    assert response.status_code == 404


def test_the_report_of_a_workbook_read_from_several_sheets_names_each_row_s_sheet(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "DINKES"
    for row in (HEADERS, person(1), person(2, unit="Dinas Antah Berantah")):
        first.append(list(row))
    second = workbook.create_sheet("PUSKESMAS")
    for row in (HEADERS, person(3, unit="Puskesmas Antah")):
        second.append(list(row))
    workbook.save(tmp_path / "asn.xlsx")
    client = logged_in(admin_pemkot_jambi)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/asn/impor/unggah/",
            {"file": SimpleUploadedFile("asn.xlsx", (tmp_path / "asn.xlsx").read_bytes())},
        )

    response = client.get(f"/asn/impor/{ImportJob.objects.get().pk}/ditolak.csv")

    header, *rows = read(streamed(response))
    assert header[:3] == ["BARIS", "LEMBAR", "NIP (TERTULIS)"]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("3", "DINKES", person(2)[0]),
        ("2", "PUSKESMAS", person(3)[0]),
    ]
