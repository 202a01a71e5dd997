from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from peduliham import settings as project_settings
from peduliham.accounts.models import User
from peduliham.core.errors import PermissionDenied
from peduliham.people import uploads
from peduliham.people.models import ASN, ImportJob, ImportStatus
from peduliham.people.tasks import JobProgress, run_asn_import
from peduliham.regions.models import OrgUnit, Region
from tests.people.helpers import person, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(tmp_path: Path, rows: list[list[str]]) -> tuple[str, str]:
    source = write_csv(tmp_path / "asn.csv", rows)
    return uploads.store_upload([source.read_bytes()], ".csv")


def queue(actor: User, region: Region, name: str, sha256: str, capture: Any) -> ImportJob:
    with capture(execute=True):
        return uploads.queue_asn_import(
            actor, region=region, file_name="asn.csv", stored_name=name, sha256=sha256
        )


def test_the_progress_callback_writes_rows_done_and_total_on_the_job(kota_jambi: Region) -> None:
    job = ImportJob.objects.create(region=kota_jambi, file_name="a.csv", file_sha256="0" * 64)

    JobProgress(job.pk)(5000, 12000)

    job.refresh_from_db()
    assert (job.rows_done, job.total_rows) == (5000, 12000)


def test_running_the_task_twice_changes_nothing_the_second_time(
    tmp_path: Path,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, sha256 = stored(tmp_path, [person(1), person(2)])
    job = queue(admin_pemkot_jambi, kota_jambi, name, sha256, django_capture_on_commit_callbacks)

    again = run_asn_import.call(job_id=job.pk, upload=name, actor_id=admin_pemkot_jambi.pk)

    job.refresh_from_db()
    assert again == {"job": job.pk, "status": ImportStatus.DONE}
    assert (job.status, job.created, job.rows_done) == (ImportStatus.DONE, 2, 2)
    assert ASN.objects.count() == 2


def test_uploading_a_stopped_file_again_resumes_its_job(
    tmp_path: Path,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, sha256 = stored(tmp_path, [person(1), person(2)])
    stopped = ImportJob.objects.create(
        region=kota_jambi,
        file_name="asn.csv",
        file_sha256=sha256,
        status=ImportStatus.FAILED,
        error="KeyboardInterrupt",
    )

    job = queue(admin_pemkot_jambi, kota_jambi, name, sha256, django_capture_on_commit_callbacks)

    assert job.pk == stopped.pk
    job.refresh_from_db()
    assert (job.status, job.error, job.total_rows, job.created) == (ImportStatus.DONE, "", 2, 2)
    assert ImportJob.objects.count() == 1


def test_a_pemda_admin_may_not_queue_an_import_for_another_kota(
    tmp_path: Path, admin_pemkot_pekanbaru: User, kota_jambi: Region
) -> None:
    name, sha256 = stored(tmp_path, [person(1)])

    with pytest.raises(PermissionDenied) as caught:
        uploads.queue_asn_import(
            admin_pemkot_pekanbaru,
            region=kota_jambi,
            file_name="asn.csv",
            stored_name=name,
            sha256=sha256,
        )

    assert caught.value.code == "permission_denied"
    assert not ImportJob.objects.exists()


def test_an_upload_name_cannot_reach_outside_the_upload_folder(settings: Any) -> None:
    path = uploads.upload_path("../../etc/passwd")

    assert path == Path(settings.MEDIA_ROOT) / "imports" / "passwd"


def test_with_the_database_queue_the_job_waits_for_a_worker_then_finishes(
    settings: Any,
    tmp_path: Path,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = project_settings.TASKS
    name, sha256 = stored(tmp_path, [person(1), person(2)])

    job = queue(admin_pemkot_jambi, kota_jambi, name, sha256, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.total_rows) == (ImportStatus.RUNNING, 0, 0)
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"] == {
        "job_id": job.pk,
        "upload": name,
        "actor_id": admin_pemkot_jambi.pk,
    }
    queued.claim("test-worker")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run_task(queued)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.total_rows, job.created) == (ImportStatus.DONE, 2, 2, 2)
