"""Issuing, revoking and exporting certificates.

Issuing is set-based: one query finds the completers without a certificate,
one statement draws their numbers, one bulk insert writes them; the PDFs are
rendered afterwards by a background task (tasks.py) that the page follows.
The event row is locked while issuing, and each enrollment has at most one
certificate (a one-to-one key), so two clicks never issue twice.
"""

import datetime
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from peduliham.certificates.models import BatchStatus, Certificate, CertificateBatch
from peduliham.certificates.numbering import numbers_for
from peduliham.certificates.tasks import render_certificates
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError
from peduliham.regions.models import Region
from peduliham.training.models import Enrollment, Event, EventDay, EventStatus, Outcome
from peduliham.training.services.events import authorise_manager

#: A batch still "running" after this long lost its worker (20,000 PDFs take about two
#: minutes on two cores); issuing again then starts a new batch that renders the rest.
STALE_AFTER = datetime.timedelta(minutes=15)
EN_DASH = "\u2013"
CODE_BYTES = 16  # 22 URL-safe characters, 128 bits: not guessable


def government_name(region: Region) -> str:
    """`Pemerintah Kota Jambi`, `Pemerintah Provinsi Jambi` (province names lack the word)."""
    name = region.name if not region.is_province else _("Provinsi %(name)s") % {"name": region.name}
    return _("Pemerintah %(name)s") % {"name": name}


def date_range_text(first: datetime.date, last: datetime.date) -> str:
    """`27-28 Oktober 2025` or `30 Oktober - 1 November 2025` (with en dashes), in the
    active language."""
    end = formats.date_format(last, "j F Y")
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{EN_DASH}{end}"
    start = formats.date_format(first, "j F" if first.year == last.year else "j F Y")
    return f"{start} {EN_DASH} {end}"


def event_hours(days: Sequence[EventDay]) -> float | int:
    """The hours of all the event's days together (a whole number when it is one)."""
    minutes = sum(
        (day.ends_at.hour * 60 + day.ends_at.minute)
        - (day.starts_at.hour * 60 + day.starts_at.minute)
        for day in days
    )
    hours = minutes / 60
    return int(hours) if hours.is_integer() else round(hours, 2)


def _event_facts(event: Event, issued_at: datetime.datetime) -> dict[str, Any]:
    """What every certificate of the event prints alike, in Indonesian."""
    days = list(event.days.order_by("date"))
    hosts = [government_name(event.host_region)]
    hosts += [unit.name for unit in event.co_hosts.order_by("name")]
    local = timezone.localdate(issued_at, timezone=event.host_region.zone)
    return {
        "event": event.title,
        "dates": date_range_text(days[0].date, days[-1].date) if days else "",
        "hours": event_hours(days),
        "hosts": hosts,
        "venue": event.venue,
        "issued_on": formats.date_format(local, "j F Y"),
    }


def event_year(event: Event) -> int:
    first = event.days.order_by("date").first()
    return first.date.year if first else timezone.localdate().year


def _completers_without_certificate(event: Event) -> list[Enrollment]:
    return list(
        Enrollment.objects.filter(event=event, outcome=Outcome.COMPLETED, certificate__isnull=True)
        .select_related("asn")
        .order_by("asn__name", "pk")
    )


def _issue_missing(event: Event, now: datetime.datetime) -> int:
    enrollments = _completers_without_certificate(event)
    if not enrollments:
        return 0
    with translation.override(settings.LANGUAGE_CODE):  # printed in Indonesian
        facts = _event_facts(event, now)
    numbers = numbers_for(event_year(event), event.host_region.code, len(enrollments))
    Certificate.objects.bulk_create(
        Certificate(
            enrollment=enrollment,
            event=event,
            number=number,
            verification_code=secrets.token_urlsafe(CODE_BYTES),
            printed={
                "name": enrollment.asn.full_name,
                "nip": enrollment.asn.nip,
                "number": number,
                **facts,
            },
            issued_at=now,
        )
        for enrollment, number in zip(enrollments, numbers, strict=True)
    )
    return len(enrollments)


def active_batch(event: Event) -> CertificateBatch | None:
    """The event's batch still being rendered, unless it has clearly lost its worker."""
    since = timezone.now() - STALE_AFTER
    return (
        CertificateBatch.objects.filter(
            event=event,
            status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING],
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )


def _new_batch(actor: Any, event: Event) -> CertificateBatch:
    certificates = Certificate.objects.filter(event=event)
    batch = CertificateBatch.objects.create(
        event=event,
        total=certificates.count(),
        done=certificates.exclude(pdf="").count(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: render_certificates.enqueue(batch.pk))
    return batch


@transaction.atomic
def issue_certificates(actor: Any, *, event: Event) -> CertificateBatch:
    """Issue a certificate to every completer who has none, and render the missing PDFs.

    Errors: permission_denied, event_not_closed, nothing_to_issue.
    """
    event = Event.objects.select_for_update().select_related("host_region").get(pk=event.pk)
    authorise_manager(actor, event.host_region)
    if event.status != EventStatus.CLOSED:
        raise DomainError(
            _("Sertifikat diterbitkan setelah kegiatan ditutup."), code="event_not_closed"
        )
    issued = _issue_missing(event, timezone.now())
    batch = active_batch(event)
    if batch is None:
        if not Certificate.objects.filter(event=event, pdf="").exists():
            raise DomainError(
                _("Semua peserta yang selesai sudah memiliki sertifikat."),
                code="nothing_to_issue",
            )
        batch = _new_batch(actor, event)
    log_action(
        actor,
        "peduliham.certificate.issued",
        event,
        region_code=event.host_region.code,
        changes={"issued": issued, "batch": batch.pk},
    )
    return batch


@transaction.atomic
def revoke_certificate(actor: Any, *, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate, recording who, when and why.

    Errors: permission_denied, reason_required, already_revoked.
    """
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("event__host_region")
        .get(pk=certificate.pk)
    )
    authorise_manager(actor, certificate.event.host_region)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Alasan pencabutan wajib diisi."), code="reason_required")
    if certificate.revoked_at is not None:
        raise DomainError(_("Sertifikat ini sudah dicabut."), code="already_revoked")
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    log_action(
        actor,
        "peduliham.certificate.revoked",
        certificate,
        region_code=certificate.event.host_region.code,
        changes={"reason": reason},
    )
    return certificate


def zip_member_name(certificate: Certificate) -> str:
    """`000123-SERT-HAM-15.71-2025.pdf`: the number, safe as a file name."""
    return certificate.number.replace("/", "-").replace("\\", "-") + ".pdf"


def _zippable(event: Event) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(event=event, revoked_at__isnull=True)
        .exclude(pdf="")
        .only("pk", "number", "pdf")
        .order_by("number")
    )


def _write_zip(certificates: QuerySet[Certificate], target: IO[bytes]) -> int:
    count = 0
    # PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.iterator(chunk_size=500):
            with (
                certificate.pdf.open("rb") as source,
                archive.open(zip_member_name(certificate), "w") as member,
            ):
                shutil.copyfileobj(source, member)
            count += 1
    return count


@transaction.atomic
def export_event_zip(actor: Any, *, event: Event) -> IO[bytes]:
    """Every valid PDF of the event in one ZIP, in a temporary file (never in memory).

    Errors: permission_denied.
    """
    event = Event.objects.select_related("host_region").get(pk=event.pk)
    authorise_manager(actor, event.host_region)
    target = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it when sent
    try:
        count = _write_zip(_zippable(event), target)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    log_action(
        actor,
        "peduliham.certificate.zip_downloaded",
        event,
        region_code=event.host_region.code,
        changes={"certificates": count},
    )
    return target
