"""Revoking records who, when and why; the event ZIP holds every valid PDF."""

import io
import zipfile
from typing import Any

import pytest

from peduliham.accounts.models import User
from peduliham.certificates.services import export_event_zip, revoke_certificate
from peduliham.core.errors import DomainError
from peduliham.core.models import AuditEntry
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event
from tests.certificates.factories import closed_event, issued


def test_revoking_records_who_when_and_why(
    admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:
    _batch, [certificate, *_rest] = issued(
        admin_pemkot_jambi, event, django_capture_on_commit_callbacks
    )

    revoked = revoke_certificate(
        admin_pemkot_jambi, certificate=certificate, reason="  Data kehadiran dipalsukan  "
    )

    assert revoked.revoked_at is not None
    assert revoked.revoked_by == admin_pemkot_jambi
    assert revoked.revoke_reason == "Data kehadiran dipalsukan"
    entry = AuditEntry.objects.get(action="peduliham.certificate.revoked")
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(certificate.pk),
        admin_pemkot_jambi,
        {"reason": "Data kehadiran dipalsukan"},
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoking_without_a_reason_is_refused(
    reason: str, admin_pemkot_jambi: User, django_capture_on_commit_callbacks: Any, event: Event
) -> None:
    _batch, [certificate, *_rest] = issued(
        admin_pemkot_jambi, event, django_capture_on_commit_callbacks
    )

    with pytest.raises(DomainError) as error:
        revoke_certificate(admin_pemkot_jambi, certificate=certificate, reason=reason)

    assert error.value.code == "reason_required"
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_certificate_is_revoked_once_and_only_by_staff_in_scope(
    admin_pemkot_jambi: User,
    admin_pemkot_pekanbaru: User,
    django_capture_on_commit_callbacks: Any,
    event: Event,
) -> None:
    _batch, [certificate, *_rest] = issued(
        admin_pemkot_jambi, event, django_capture_on_commit_callbacks
    )

    with pytest.raises(DomainError) as outside:
        revoke_certificate(admin_pemkot_pekanbaru, certificate=certificate, reason="Salah")
    revoke_certificate(admin_pemkot_jambi, certificate=certificate, reason="Salah")
    with pytest.raises(DomainError) as twice:
        revoke_certificate(admin_pemkot_jambi, certificate=certificate, reason="Lagi")

    assert (outside.value.code, twice.value.code) == ("permission_denied", "already_revoked")
    assert AuditEntry.objects.filter(action="peduliham.certificate.revoked").count() == 1


def test_the_zip_holds_every_valid_pdf_named_by_number_and_is_audited(
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = closed_event(admin_pusat, kota_jambi, dinkes_jambi, completed=3)
    _batch, certificates = issued(admin_pemkot_jambi, event, django_capture_on_commit_callbacks)
    revoke_certificate(admin_pemkot_jambi, certificate=certificates[2], reason="Dobel")

    with export_event_zip(admin_pemkot_jambi, event=event) as archive:
        content = archive.read()

    with zipfile.ZipFile(io.BytesIO(content)) as opened:
        names = opened.namelist()
        assert all(opened.read(name).startswith(b"%PDF") for name in names)
    assert names == [
        "000001-SERT-HAM-15.71-2025.pdf",
        "000002-SERT-HAM-15.71-2025.pdf",
    ]
    entry = AuditEntry.objects.get(action="peduliham.certificate.zip_downloaded")
    assert entry.changes == {"certificates": 2}


def test_the_zip_is_refused_outside_the_scope(operator_kanwil_riau: User, event: Event) -> None:

    with pytest.raises(DomainError) as error:
        export_event_zip(operator_kanwil_riau, event=event)

    assert error.value.code == "permission_denied"
    assert not AuditEntry.objects.filter(action="peduliham.certificate.zip_downloaded").exists()
