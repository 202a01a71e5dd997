from collections.abc import Callable

import pytest
from django.test import Client

from peduliham.accounts.models import User
from peduliham.people.models import ImportJob, ImportStatus
from peduliham.regions.models import Region

pytestmark = pytest.mark.django_db
Login = Callable[[User], Client]


def make_job(region: Region, **fields: object) -> ImportJob:
    values: dict[str, object] = {"region": region, "file_name": "asn.csv", "file_sha256": "0" * 64}
    values.update(fields)
    return ImportJob.objects.create(**values)


def test_a_running_job_shows_a_progress_bar_that_polls_its_status(
    logged_in: Login, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    job = make_job(kota_jambi, total_rows=200, rows_done=50)

    response = logged_in(admin_pemkot_jambi).get(f"/asn/impor/{job.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress id="job-progress" max="200" value="50"' in html
    assert "50 dari 200 baris (25%)" in html
    assert f'hx-get="/asn/impor/{job.pk}/status/" hx-trigger="every 1s"' in html
    assert "<noscript>" in html
    assert "Muat ulang" in html


def test_the_status_partial_is_only_the_status_block(
    logged_in: Login, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    job = make_job(kota_jambi, total_rows=200, rows_done=150)

    response = logged_in(admin_pemkot_jambi).get(f"/asn/impor/{job.pk}/status/")

    html = response.content.decode().strip()
    assert html.startswith('<section id="job-status"')
    assert "<html" not in html
    assert 'value="150"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_finished_job_shows_its_counts_and_stops_polling(
    logged_in: Login, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    job = make_job(
        kota_jambi,
        status=ImportStatus.DONE,
        total_rows=10,
        rows_done=10,
        created=6,
        updated=1,
        unchanged=1,
        rejected=2,
    )

    html = logged_in(admin_pemkot_jambi).get(f"/asn/impor/{job.pk}/status/").content.decode()

    assert "hx-get" not in html
    assert "<progress" not in html
    assert "Impor selesai." in html
    for label, count in (("Baru", 6), ("Diperbarui", 1), ("Tidak berubah", 1), ("Ditolak", 2)):
        assert f'<th scope="row">{label}</th><td class="number">{count}</td>' in html
    assert f'href="/asn/impor/{job.pk}/ditolak.csv"' in html


def test_a_failed_job_shows_why(
    logged_in: Login, admin_pemkot_jambi: User, kota_jambi: Region
) -> None:
    job = make_job(kota_jambi, status=ImportStatus.FAILED, error="Kolom wajib tidak ada: NIP")

    html = logged_in(admin_pemkot_jambi).get(f"/asn/impor/{job.pk}/").content.decode()

    assert "Impor terhenti." in html
    assert "Kolom wajib tidak ada: NIP" in html
    assert "hx-get" not in html


def test_a_job_of_another_kota_is_not_found(
    logged_in: Login, admin_pemkot_pekanbaru: User, kota_jambi: Region
) -> None:
    job = make_job(kota_jambi)

    client = logged_in(admin_pemkot_pekanbaru)
    assert client.get(f"/asn/impor/{job.pk}/").status_code == 404
    assert client.get(f"/asn/impor/{job.pk}/status/").status_code == 404


def test_a_kanwil_operator_may_not_see_import_jobs(
    logged_in: Login, operator_kanwil_jambi: User, kota_jambi: Region
) -> None:
    job = make_job(kota_jambi)

    client = logged_in(operator_kanwil_jambi)
    assert client.get(f"/asn/impor/{job.pk}/").status_code == 403
    assert client.get("/asn/impor/").status_code == 403


def test_the_jobs_list_shows_only_the_users_region(
    logged_in: Login, admin_pemkot_jambi: User, kota_jambi: Region, kota_pekanbaru: Region
) -> None:
    make_job(kota_jambi, file_name="jambi.xlsx")
    make_job(kota_pekanbaru, file_name="pekanbaru.xlsx")

    html = logged_in(admin_pemkot_jambi).get("/asn/impor/").content.decode()

    assert "jambi.xlsx" in html
    assert "pekanbaru.xlsx" not in html
    assert "<caption" in html


@pytest.mark.parametrize(
    ("label", "fields", "shown"),
    [
        ("Baris dilewati", {"skipped": 6}, '<td class="number">6</td>'),
        (
            "Lembar dibaca",
            {"sheets": ["DINKES", "DISDIK"]},
            '<th scope="row">Lembar dibaca</th><td>DINKES, DISDIK</td>',
        ),
    ],
)
def test_a_finished_job_shows_skipped_lines_and_sheets_read_only_when_there_are(
    logged_in: Login,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    label: str,
    fields: dict[str, object],
    shown: str,
) -> None:
    """Lines that held no ASN (totals, signatures) and the sheets of a workbook read whole."""
    job = make_job(kota_jambi, status=ImportStatus.DONE, total_rows=2, rows_done=2, created=2)
    client = logged_in(admin_pemkot_jambi)
    assert label not in client.get(f"/asn/impor/{job.pk}/status/").content.decode()

    ImportJob.objects.filter(pk=job.pk).update(**fields)

    html = client.get(f"/asn/impor/{job.pk}/status/").content.decode()
    assert label in html
    assert shown in html
