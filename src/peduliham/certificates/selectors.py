"""Reads for certificates, always through the user's scope; the public look-ups by code.

Staff of a region see the certificates of events their region hosts; OPD
admins those of their OPD's participants; participants their own.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.certificates.models import Certificate, CertificateBatch
from peduliham.training.models import Event
from peduliham.training.selectors.events import event_for
from peduliham.training.services.events import may_manage_events


def certificates_for(user: Any) -> QuerySet[Certificate]:
    """The certificates the user may see."""
    scope = scope_for(user)
    rows = Certificate.objects.select_related("event", "enrollment__asn")
    if scope.level in (ScopeLevel.UNIT, ScopeLevel.SELF):
        return scope.filter(rows, unit="enrollment__opd", owner="enrollment__asn__user")
    return scope.filter(rows, region="event__host_region")


def my_certificates(user: Any) -> QuerySet[Certificate]:
    """A participant's own certificates, newest first."""
    if scope_for(user).level is not ScopeLevel.SELF:
        return Certificate.objects.none()
    return certificates_for(user).order_by("-issued_at", "number")


def certificate_for_download(user: Any, pk: int) -> Certificate:
    """A certificate with a PDF the user may download: its owner while valid, or staff in
    scope; Http404 otherwise."""
    certificate = certificates_for(user).exclude(pdf="").filter(pk=pk).first()
    if certificate is None:
        raise Http404
    is_owner = scope_for(user).level is ScopeLevel.SELF
    if is_owner and certificate.revoked_at is not None:
        raise Http404
    return certificate


def managed_event(user: Any, pk: int) -> Event:
    """An event whose certificates the user manages (issues, revokes); Http404 otherwise."""
    event = event_for(user, pk)
    if not may_manage_events(user) or not scope_for(user).contains_region(event.host_region):
        raise Http404
    return event


def event_certificates(event: Event) -> QuerySet[Certificate]:
    """An event's certificates by number (call after `managed_event`)."""
    return (
        Certificate.objects.filter(event=event)
        .select_related("enrollment__asn", "revoked_by")
        .order_by("number")
    )


def get_managed_certificate(user: Any, pk: int) -> Certificate:
    """A certificate of an event the user manages (to revoke it); Http404 otherwise."""
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None:
        raise Http404
    managed_event(user, certificate.event_id)
    return certificate


def latest_batch(event: Event) -> CertificateBatch | None:
    return CertificateBatch.objects.filter(event=event).order_by("-created_at", "-pk").first()


def batch_for(user: Any, pk: int) -> CertificateBatch:
    """A rendering batch of an event the user manages; Http404 otherwise."""
    batch = CertificateBatch.objects.filter(pk=pk).select_related("event").first()
    if batch is None:
        raise Http404
    managed_event(user, batch.event_id)
    return batch


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a QR code points at (public)."""
    return Certificate.objects.filter(verification_code=code).first()


def certificate_by_number(number: str, nip: str) -> Certificate | None:
    """A certificate from a paper copy: its number and the holder's NIP must both match."""
    certificate = Certificate.objects.filter(number=number.strip()).first()
    if certificate is None or certificate.printed.get("nip") != nip.strip():
        return None
    return certificate
