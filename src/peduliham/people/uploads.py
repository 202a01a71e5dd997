"""Registry files uploaded from the web: kept under MEDIA_ROOT/imports/ and imported by a task.

The upload page records an ImportJob at once, so the job page has something
to show (and survives a reload) while a worker runs `import_asn` into it.
"""

import hashlib
import uuid
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from peduliham.accounts.scoping import scope_for
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.people.models import ImportJob, ImportStatus
from peduliham.people.selectors import may_import
from peduliham.regions.models import Region

UPLOAD_DIR: Final = "imports"
#: The file types the importer reads (by extension; it also sniffs the content).
ALLOWED_SUFFIXES: Final = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods")


def upload_root() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR


def upload_path(name: str) -> Path:
    """The stored upload `name` (relative to MEDIA_ROOT/imports/), never outside it."""
    path = upload_root() / PurePath(name).name
    return path


def dry_run_report_path(job: ImportJob) -> Path:
    """Where a trial run's error report is written (trial runs store no rejections)."""
    return upload_root() / f"job-{job.pk}-errors.csv"


def store_upload(chunks: Iterable[bytes], suffix: str) -> tuple[str, str]:
    """Save an uploaded file under a random name; returns (stored name, SHA-256)."""
    root = upload_root()
    root.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{suffix.lower()}"
    digest = hashlib.sha256()
    with (root / name).open("wb") as handle:
        for chunk in chunks:
            digest.update(chunk)
            handle.write(chunk)
    return name, digest.hexdigest()


def queue_asn_import(
    actor: Any,
    *,
    region: Region,
    file_name: str,
    stored_name: str,
    sha256: str,
    dry_run: bool = False,
    create_units: bool = False,
) -> ImportJob:
    """Record an import of an uploaded file and run it in the background once committed;
    errors: permission_denied, region_closed."""
    if not may_import(actor) or not scope_for(actor).contains_region(region):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor ASN wilayah ini."))
    if not region.is_open:
        raise DomainError(_("Wilayah ini sudah tidak berlaku."), code="region_closed")
    with transaction.atomic():
        job = _resumable_job(region, sha256, create_units) if not dry_run else None
        if job is None:
            job = ImportJob.objects.create(
                region=region,
                actor=actor,
                file_name=PurePath(file_name).name[:255],
                # A trial run keeps no digest, so a real import never resumes it.
                file_sha256="" if dry_run else sha256,
                create_units=create_units,
                dry_run=dry_run,
            )
        log_action(
            actor,
            "peduliham.asn.import_queued",
            job,
            region_code=region.code,
            changes={"file": job.file_name, "dry_run": dry_run, "create_units": create_units},
        )
        _enqueue_on_commit(job.pk, stored_name, actor.pk)
    return job


def _resumable_job(region: Region, sha256: str, create_units: bool) -> ImportJob | None:
    """The stopped import of the same file, which `import_asn` resumes, as it would pick it."""
    job = (
        ImportJob.objects.filter(
            region=region,
            file_sha256=sha256,
            create_units=create_units,
            status=ImportStatus.FAILED,
            dry_run=False,
        )
        .order_by("-started_at", "-id")
        .first()
    )
    if job is not None:
        job.status, job.error, job.finished_at = ImportStatus.RUNNING, "", None
        job.save(update_fields=["status", "error", "finished_at"])
    return job


def _enqueue_on_commit(job_id: int, stored_name: str, actor_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from peduliham.people.tasks import run_asn_import

    transaction.on_commit(
        lambda: run_asn_import.enqueue(job_id=job_id, upload=stored_name, actor_id=actor_id)
    )
