from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from peduliham.accounts.models import User
from peduliham.core.models import AuditEntry
from peduliham.people.models import ASN, ImportJob, ImportStatus
from peduliham.regions.models import OrgUnit
from tests.people.helpers import person, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]
URL = "/asn/impor/unggah/"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def units(dinkes_jambi: OrgUnit, puskesmas_simpang_kawat: OrgUnit) -> None:
    """Dinas Kesehatan with Puskesmas Simpang Kawat, in Kota Jambi."""


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_a_pemda_admin_uploads_a_file_and_lands_on_the_finished_job(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    units: None,
    django_capture_on_commit_callbacks: Any,
    media: Path,
) -> None:
    rows = [person(1), person(2, unit="Puskesmas Simpang Kawat", sex="P"), person(3, unit="RSUD")]
    source = write_xlsx(tmp_path / "asn.xlsx", rows)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(admin_pemkot_jambi).post(URL, {"file": upload(source)})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/asn/impor/{job.pk}/"
    assert (job.status, job.region.code, job.actor) == (
        ImportStatus.DONE,
        "15.71",
        admin_pemkot_jambi,
    )
    assert (job.total_rows, job.rows_done, job.created, job.rejected) == (3, 3, 2, 1)
    assert job.file_name == "asn.xlsx"
    assert job.headers[0] == "NIP BARU"
    assert ASN.objects.filter(region=job.region).count() == 2
    assert AuditEntry.objects.filter(action="peduliham.asn.import_queued", object_id=str(job.pk))
    assert AuditEntry.objects.filter(action="peduliham.asn.imported", object_id=str(job.pk))
    assert list((media / "imports").iterdir()) == []  # the upload is removed once imported


def test_a_dry_run_saves_nothing_but_reports_the_counts(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    units: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    source = write_csv(tmp_path / "asn.csv", [person(1), person(2, unit="RSUD")])

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(admin_pemkot_jambi).post(URL, {"file": upload(source), "dry_run": "on"})

    job = ImportJob.objects.get()
    assert (job.dry_run, job.status) == (True, ImportStatus.DONE)
    assert (job.total_rows, job.created, job.rejected) == (2, 1, 1)
    assert not ASN.objects.exists()


def test_the_national_admin_names_the_region(
    tmp_path: Path,
    logged_in: Login,
    admin_pusat: User,
    units: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    source = write_csv(tmp_path / "asn.csv", [person(1)])

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(admin_pusat).post(URL, {"file": upload(source), "region_code": "15.71"})

    assert ASN.objects.get().region.code == "15.71"


def test_the_national_admin_gets_a_clear_message_for_an_unknown_region(
    tmp_path: Path, logged_in: Login, admin_pusat: User
) -> None:
    source = write_csv(tmp_path / "asn.csv", [person(1)])

    response = logged_in(admin_pusat).post(URL, {"file": upload(source), "region_code": "99.99"})

    assert response.status_code == 400
    assert "Wilayah 99.99 tidak ditemukan." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_pemda_admin_is_not_asked_for_a_region(
    logged_in: Login, admin_pemkot_jambi: User
) -> None:
    response = logged_in(admin_pemkot_jambi).get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="region_code"' not in html
    assert "Kota Jambi" in html
    assert '<label for="id_file">' in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize("persona", ["operator_kanwil_jambi", "admin_dinkes_jambi", "peserta_budi"])
def test_other_roles_may_not_upload(
    request: pytest.FixtureRequest, logged_in: Login, persona: str, tmp_path: Path
) -> None:
    user: User = request.getfixturevalue(persona)
    source = write_csv(tmp_path / "asn.csv", [person(1)])
    client = logged_in(user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload(source)}).status_code == 403
    assert not ImportJob.objects.exists()


def test_a_missing_file_is_refused_on_the_form(logged_in: Login, admin_pemkot_jambi: User) -> None:
    response = logged_in(admin_pemkot_jambi).post(URL, {})

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_a_wrong_file_type_is_refused_with_a_clear_message(
    logged_in: Login, admin_pemkot_jambi: User, media: Path
) -> None:
    document = SimpleUploadedFile("daftar.pdf", b"%PDF-1.4 not a registry")

    response = logged_in(admin_pemkot_jambi).post(URL, {"file": document})

    assert response.status_code == 400
    assert "Jenis berkas .pdf tidak didukung" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not (media / "imports").exists()


def test_an_unreadable_file_fails_the_job_with_the_importers_message(
    logged_in: Login,
    admin_pemkot_jambi: User,
    units: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    broken = SimpleUploadedFile("asn.xlsx", b"PK\x03\x04 this is not a workbook")

    client = logged_in(admin_pemkot_jambi)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": broken})

    job = ImportJob.objects.get()
    response = client.get(f"/asn/impor/{job.pk}/")
    assert job.status == ImportStatus.FAILED
    assert job.error
    assert job.error in response.content.decode()
    assert not ASN.objects.exists()


def test_a_file_without_a_required_column_names_it_on_the_job_page(
    tmp_path: Path,
    logged_in: Login,
    admin_pemkot_jambi: User,
    units: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    source = write_csv(
        tmp_path / "asn.csv", [["198609262015051001", "Andi"]], headers=["NIP", "NAMA"]
    )

    client = logged_in(admin_pemkot_jambi)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": upload(source)})

    job = ImportJob.objects.get()
    response = client.get(f"/asn/impor/{job.pk}/")
    assert job.status == ImportStatus.FAILED
    assert "UNOR NAMA" in job.error
    assert "UNOR NAMA" in response.content.decode()
    assert not ASN.objects.exists()
