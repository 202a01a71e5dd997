"""Demo data for certificates: Angkatan I of Kota Jambi gets its certificates.

Issued through the service by the city's admin and rendered right here (the
background task finds the batch done and does nothing), so the demo
participant can download theirs and the QR opens a valid verification page.
One certificate is revoked, so the revoked verification page has an example.
"""

import datetime

from django.db.models import Q

from peduliham.accounts.models import User
from peduliham.certificates.models import Certificate
from peduliham.certificates.services import issue_certificates, revoke_certificate
from peduliham.certificates.tasks import render_batch
from peduliham.core.demo.clock import happening_at
from peduliham.core.demo.registry import StepReport, demo_step
from peduliham.training.demo import FIRST_DAYS, FIRST_TITLE, wib
from peduliham.training.models import Event, EventStatus

REVOKE_REASON = "Contoh pencabutan: NIP peserta tercatat keliru pada daftar hadir."


def _revoke_one(event: Event, admin: User) -> str:
    """The last certificate by number that is not the demo participant's."""
    certificate = (
        Certificate.objects.filter(event=event)
        .filter(~Q(enrollment__asn__user__username="peserta_jambi"))
        .order_by("-number")
        .first()
    )
    if certificate is None:
        return ""
    revoke_certificate(admin, certificate=certificate, reason=REVOKE_REASON)
    return certificate.number


@demo_step("certificates.angkatan_i", order=600)
def load_certificates() -> StepReport:
    """Certificates for every completer of Angkatan I (27-28 October 2025), one revoked."""
    event = Event.objects.filter(title=FIRST_TITLE, status=EventStatus.CLOSED).first()
    if event is None:
        return StepReport(notes=["Angkatan I belum ditutup; sertifikat dilewati"])
    if Certificate.objects.filter(event=event).exists():
        return StepReport(notes=["Sertifikat Angkatan I sudah ada"])
    admin = User.objects.get(username="pemkot_jambi")
    last_day = FIRST_DAYS[-1]
    with happening_at(wib(last_day + datetime.timedelta(days=1), 10)):
        batch = issue_certificates(admin, event=event)
        rendered = render_batch(batch.pk)
    with happening_at(wib(last_day + datetime.timedelta(days=8), 9)):
        revoked = _revoke_one(event, admin)
    return StepReport(
        created=rendered,
        notes=[f"Sertifikat Angkatan I: {rendered} diterbitkan dan dibuat, {revoked} dicabut"],
    )
