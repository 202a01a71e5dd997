"""A closed two-day Kota Jambi event with completers, and certificates issued for it."""

from collections.abc import Callable
from typing import Any

from peduliham.accounts.models import User
from peduliham.certificates.models import Certificate, CertificateBatch
from peduliham.certificates.services import issue_certificates
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import Enrollment, Event, EventStatus, Outcome
from tests.training.factories_checkin import running_event, seat_new


def kanwil_of(region: Region) -> OrgUnit:
    """The Kanwil of the region's province (the regions data ships one per province)."""
    return OrgUnit.objects.get(region__code=region.province_code, kind=UnitKind.KANWIL)


def closed_event(
    admin_pusat: User,
    host: Region,
    unit: OrgUnit,
    *,
    completed: int = 3,
    not_completed: int = 1,
    co_host: bool = True,
) -> Event:
    """A closed event of 27-28 October 2025 (08:00-16:00) with completers first."""
    event = running_event(admin_pusat, host)
    if co_host:
        event.co_hosts.add(kanwil_of(host))
    for number in range(completed + not_completed):
        outcome = Outcome.COMPLETED if number < completed else Outcome.NOT_COMPLETED
        seat_new(event, unit, number, outcome=outcome)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CLOSED)
    event.refresh_from_db()
    return event


def issued(
    actor: User, event: Event, capture: Callable[..., Any]
) -> tuple[CertificateBatch, list[Certificate]]:
    """Issue and render (the task runs on commit) and return the batch and certificates."""
    with capture(execute=True):
        batch = issue_certificates(actor, event=event)
    batch.refresh_from_db()
    return batch, list(Certificate.objects.filter(event=event).order_by("number"))


def completer(event: Event) -> Enrollment:
    return Enrollment.objects.filter(event=event, outcome=Outcome.COMPLETED).order_by("pk")[0]


def pdf_bytes(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        data: bytes = handle.read()
    return data
