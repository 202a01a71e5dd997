"""Background tasks of the ASN registry. They take primary keys and are safe to run twice."""

from typing import Any

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.accounts.models import User
from peduliham.core.errors import DomainError
from peduliham.people.importing import ImportSummary, import_asn, several_sheets
from peduliham.people.models import ImportJob, ImportStatus
from peduliham.people.uploads import dry_run_report_path, upload_path


class JobProgress:
    """The progress callback of an import: writes rows done and total onto the job."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id

    def __call__(self, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=self.job_id).update(rows_done=done, total_rows=total)


@task
def run_asn_import(job_id: int, upload: str, actor_id: int | None) -> dict[str, Any]:
    """Import the uploaded file `upload` into the job `job_id` (a real or a trial run).

    A finished job is left alone; a stopped one resumes where it stopped. A file
    that cannot be imported marks the job failed with the importer's message.
    """
    job = ImportJob.objects.select_related("region").get(pk=job_id)
    if job.status == ImportStatus.DONE:
        return {"job": job.pk, "status": job.status}
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    path = upload_path(upload)
    try:
        summary = import_asn(
            actor,
            path=path,
            region=job.region,
            dry_run=job.dry_run,
            create_units=job.create_units,
            errors_path=dry_run_report_path(job) if job.dry_run else None,
            progress=JobProgress(job.pk),
        )
    except DomainError as error:
        _fail(job.pk, str(error.message))
        return {"job": job.pk, "status": ImportStatus.FAILED, "code": error.code}
    except BaseException as error:
        # The importer records its own failures mid-file; this covers everything before.
        _fail(job.pk, f"{type(error).__name__}: {error}"[:2000], overwrite=False)
        raise
    if not job.dry_run and summary.job_id != job.pk:
        # Another run of the same file was further along and took over; point to it.
        message = _("Berkas yang sama diimpor sebagai impor #%(id)s.") % {"id": summary.job_id}
        _fail(job.pk, message)
    _finish(job, summary)
    path.unlink(missing_ok=True)  # personal data: keep the upload only while it may resume
    return {"job": job.pk, "status": ImportStatus.DONE, **summary.as_dict()}


def _fail(job_id: int, message: str, *, overwrite: bool = True) -> None:
    jobs = ImportJob.objects.filter(pk=job_id)
    jobs.update(status=ImportStatus.FAILED, finished_at=timezone.now())
    (jobs if overwrite else jobs.filter(error="")).update(error=message)


def _finish(job: ImportJob, summary: ImportSummary) -> None:
    """A trial run's counts go on its job; a real run's job was finished by the importer."""
    if not job.dry_run:
        return
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        total_rows=summary.rows,
        rows_done=summary.rows,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        rejected=summary.rejected,
        units_created=summary.units_created,
        skipped=summary.skipped,
        sheets=several_sheets(summary.sheets),
        finished_at=timezone.now(),
    )
