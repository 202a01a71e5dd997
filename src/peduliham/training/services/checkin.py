"""Recording check-ins at the registration desk: one per participant per day.

Several desks may scan at once, and the same ticket may be scanned on two
desks at the same moment. The UNIQUE(enrollment, day) constraint decides:
the insert runs in a savepoint, and the desk that loses the race gets the
"already checked in" answer with the winner's time. Counters move only for
the winner, in the same transaction as its row.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.training import counters, tickets
from peduliham.training.models import (
    SEATED_STATUSES,
    Attendance,
    CheckInMethod,
    Enrollment,
    Event,
    EventDay,
    EventStatus,
)
from peduliham.training.selectors.checkin import may_run_desk

#: Statuses in which the desk is open.
CHECKIN_STATUSES = (EventStatus.OPEN, EventStatus.RUNNING)


@dataclass(frozen=True, slots=True)
class CheckInResult:
    """The outcome shown at the desk; `already` means nothing was changed."""

    enrollment: Enrollment
    day: EventDay
    checked_in_at: datetime.datetime
    already: bool
    local_time: str  # "07:42" in the host region's time zone

    @property
    def message(self) -> str:
        if self.already:
            return _("Sudah check-in pukul %(time)s") % {"time": self.local_time}
        return _("Check-in berhasil pukul %(time)s") % {"time": self.local_time}


def local_time(event: Event, moment: datetime.datetime) -> str:
    """HH:MM of `moment` where the event takes place (WIB, WITA or WIT)."""
    return timezone.localtime(moment, event.host_region.zone).strftime("%H:%M")


@transaction.atomic
def record_checkin(
    actor: Any,
    *,
    event: Event,
    day: EventDay,
    code: str = "",
    enrollment: Enrollment | None = None,
    desk: str = "",
    method: str,
) -> CheckInResult:
    """Check a participant in for one day, by ticket code or by the enrollment found in a search.

    Errors: permission_denied, checkin_closed, day_invalid, method_invalid,
    ticket_missing, ticket_invalid, ticket_other_event, not_on_list.
    """
    _check_desk(actor, event=event, day=day, method=method)
    seat = _seated_enrollment(event, code=code, enrollment=enrollment)
    try:
        with transaction.atomic():  # a savepoint: the loser of a race keeps its transaction
            attendance = Attendance.objects.create(
                enrollment=seat,
                day=day,
                checked_in_at=timezone.now(),
                checked_in_by=actor,
                desk=desk[:40],
                method=method,
            )
    except IntegrityError:
        return _already(event, seat, day)
    _count_attendance(event, seat)
    log_action(
        actor,
        "peduliham.training.checkin.recorded",
        attendance,
        region_code=event.host_region.code,
        unit_path=seat.opd.path,
        changes={"event": event.pk, "day": str(day.date), "method": method, "desk": desk[:40]},
    )
    return CheckInResult(
        seat, day, attendance.checked_in_at, False, local_time(event, attendance.checked_in_at)
    )


def _check_desk(actor: Any, *, event: Event, day: EventDay, method: str) -> None:
    if not may_run_desk(actor, event):
        raise PermissionDenied(_("Anda tidak berwenang mencatat kehadiran kegiatan ini."))
    if event.status not in CHECKIN_STATUSES:
        raise DomainError(
            _("Registrasi hanya dapat dilakukan saat kegiatan dibuka atau berlangsung."),
            code="checkin_closed",
        )
    if day.event_id != event.pk:
        raise DomainError(_("Hari ini bukan hari kegiatan tersebut."), code="day_invalid")
    if method not in CheckInMethod.values:
        raise DomainError(_("Cara check-in tidak dikenal."), code="method_invalid")


def _seated_enrollment(event: Event, *, code: str, enrollment: Enrollment | None) -> Enrollment:
    """The seated enrollment the code or the search result names, else a DomainError."""
    if enrollment is not None:
        enrollment_id = enrollment.pk
    elif code.strip():
        ticket = tickets.read_ticket_code(code)
        if ticket is None:
            raise DomainError(_("Tiket palsu atau rusak."), code="ticket_invalid")
        if ticket.event_id != event.pk:
            raise DomainError(_("Tiket ini untuk kegiatan lain."), code="ticket_other_event")
        enrollment_id = ticket.enrollment_id
    else:
        raise DomainError(_("Masukkan kode tiket."), code="ticket_missing")
    seat = (
        Enrollment.objects.select_related("asn", "opd")
        .filter(pk=enrollment_id, event=event, status__in=SEATED_STATUSES)
        .first()
    )
    if seat is None:
        raise DomainError(_("Tidak terdaftar sebagai peserta kegiatan ini"), code="not_on_list")
    return seat


def _already(event: Event, seat: Enrollment, day: EventDay) -> CheckInResult:
    first = Attendance.objects.get(enrollment=seat, day=day)
    return CheckInResult(
        seat, day, first.checked_in_at, True, local_time(event, first.checked_in_at)
    )


def _count_attendance(event: Event, seat: Enrollment) -> None:
    """days_attended +1; the first day of the enrollment also counts it as attended.

    The UPDATE locks the enrollment row, so two desks checking the same person
    in on two different days cannot both believe theirs was the first day.
    """
    Enrollment.objects.filter(pk=seat.pk).update(days_attended=F("days_attended") + 1)
    seat.refresh_from_db(fields=["days_attended"])
    if seat.days_attended == 1:
        counters.bump(
            counters.Delta(
                program_id=seat.program_id,
                event_id=event.pk,
                region_id=seat.region_id,
                opd_id=seat.opd_id,
                attended=1,
            )
        )
