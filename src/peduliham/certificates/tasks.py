"""Rendering an event's certificates in the background, resumably.

The task renders only certificates that have no PDF yet, in chunks ordered
by primary key; after each chunk the PDFs are stored, their names written
with one bulk UPDATE and the batch's progress counted. A worker killed
midway leaves finished chunks in place, and running the task again renders
the rest (a PDF stored but not yet recorded is overwritten, never doubled).
While the pool renders one chunk, this process stores the previous one.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.tasks import task
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from peduliham.certificates import render
from peduliham.certificates.models import BatchStatus, Certificate, CertificateBatch
from peduliham.core.audit import log_action

#: Certificates fetched, rendered and recorded together.
CHUNK = 400


def verification_url(code: str) -> str:
    """The absolute address the QR code opens."""
    path = reverse("certificates:verify", args=[code])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def pdf_lines(certificate: Certificate) -> dict[str, str]:
    """Every line the PDF prints, from the stored printed fields (call in Indonesian)."""
    printed: dict[str, Any] = certificate.printed
    url = verification_url(certificate.verification_code)
    held = _("yang diselenggarakan pada %(dates)s selama %(hours)s jam di %(venue)s") % {
        "dates": printed["dates"],
        "hours": formats.number_format(printed["hours"]),
        "venue": printed["venue"],
    }
    return {
        "document_title": _("Sertifikat %(number)s") % {"number": printed["number"]},
        "title": _("SERTIFIKAT"),
        "hosts_line": " · ".join(printed["hosts"]),
        "number_line": _("Nomor: %(number)s") % {"number": printed["number"]},
        "given_to": _("diberikan kepada"),
        "name": printed["name"],
        "nip_line": _("NIP %(nip)s") % {"nip": printed["nip"]},
        "as_participant": _("yang telah mengikuti hingga selesai kegiatan"),
        "event": printed["event"],
        "held_line": held,
        "issued_line": _("Diterbitkan pada %(date)s") % {"date": printed["issued_on"]},
        "verify_line": _(
            "Periksa keaslian sertifikat ini dengan memindai kode QR atau membuka %(url)s"
        )
        % {"url": url},
        "code": certificate.verification_code,
        "url": url,
    }


def pdf_name(certificate: Certificate) -> str:
    return f"certificates/{certificate.event_id}/{certificate.pk}.pdf"


def store_pdf(certificate: Certificate, pdf: bytes) -> None:
    """Save the PDF under a fixed name, replacing what an interrupted run left there."""
    storage = certificate.pdf.storage
    name = pdf_name(certificate)
    if storage.exists(name):
        storage.delete(name)
    certificate.pdf.name = storage.save(name, ContentFile(pdf))


def _unrendered(event_id: int, after: int) -> list[Certificate]:
    rows: QuerySet[Certificate] = Certificate.objects.filter(
        event_id=event_id, pdf="", pk__gt=after
    ).order_by("pk")
    return list(
        rows.only("pk", "event_id", "number", "verification_code", "printed", "pdf")[:CHUNK]
    )


def _record(batch: CertificateBatch, chunk: Sequence[Certificate], pdfs: Iterator[bytes]) -> None:
    for certificate, pdf in zip(chunk, pdfs, strict=True):
        store_pdf(certificate, pdf)
    Certificate.objects.bulk_update(chunk, ["pdf"], batch_size=CHUNK)
    done = Certificate.objects.filter(event_id=batch.event_id).exclude(pdf="").count()
    CertificateBatch.objects.filter(pk=batch.pk).update(done=done)


def _render_all(batch: CertificateBatch, workers: int) -> int:
    rendered = 0
    with render.renderer(workers=workers) as draw, translation.override(settings.LANGUAGE_CODE):
        chunk = _unrendered(batch.event_id, 0)
        pdfs = draw([pdf_lines(c) for c in chunk])
        while chunk:
            following = _unrendered(batch.event_id, chunk[-1].pk)
            # Hand the pool the next chunk before storing this one, so it never waits.
            following_pdfs = draw([pdf_lines(c) for c in following])
            _record(batch, chunk, pdfs)
            rendered += len(chunk)
            chunk, pdfs = following, following_pdfs
    return rendered


def _finish(batch: CertificateBatch, rendered: int) -> None:
    certificates = Certificate.objects.filter(event_id=batch.event_id)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.DONE,
        total=certificates.count(),
        done=certificates.exclude(pdf="").count(),
        finished_at=timezone.now(),
        error="",
    )
    log_action(
        None,
        "peduliham.certificate_batch.rendered",
        batch,
        region_code=batch.event.host_region.code,
        changes={"rendered": rendered},
    )


def render_batch(batch_id: int, *, workers: int | None = None) -> int:
    """Render every certificate of the batch's event that has no PDF; returns how many."""
    batch = CertificateBatch.objects.select_related("event__host_region").get(pk=batch_id)
    if batch.status == BatchStatus.DONE:
        return 0
    CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, error="")
    try:
        rendered = _render_all(batch, workers or settings.CERTIFICATE_RENDER_WORKERS)
    except Exception as error:  # recorded for the page, then re-raised for the task log
        CertificateBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
        raise
    _finish(batch, rendered)
    return rendered


@task
def render_certificates(batch_id: int) -> int:
    """The background task: render the batch (safe to run again after a crash)."""
    return render_batch(batch_id)
