"""Writes for training events: creating, editing and moving them through their statuses.

An event is run by the Pemda admin of its host kabupaten/kota or by the Kanwil
operator of the province (the national admin may too). Its status only moves
along `TRANSITIONS`; closing (finished → closed) belongs to the completion
service, which asks `check_transition` first like everything else here.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peduliham.accounts.models import Role
from peduliham.accounts.scoping import scope_for
from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError, PermissionDenied
from peduliham.regions.models import OrgUnit, Region, UnitKind
from peduliham.training.models import (
    SEATED_STATUSES,
    AttendanceRule,
    Event,
    EventDay,
    EventStatus,
    PostTestRule,
    Program,
    ProgramStatus,
)

#: Roles that may run events (within their scope).
MANAGER_ROLES = (Role.NATIONAL_ADMIN, Role.KANWIL_OPERATOR, Role.PEMDA_ADMIN)

#: The only status moves there are; closing is done by the completion service.
TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.OPEN}),
    EventStatus.OPEN: frozenset({EventStatus.RUNNING}),
    EventStatus.RUNNING: frozenset({EventStatus.FINISHED}),
    EventStatus.FINISHED: frozenset({EventStatus.CLOSED}),
    EventStatus.CLOSED: frozenset(),
}

#: Statuses in which the event's details and participants may still change.
EDITABLE_STATUSES = (EventStatus.DRAFT, EventStatus.OPEN)

_VERBS = {
    EventStatus.OPEN: "opened",
    EventStatus.RUNNING: "started",
    EventStatus.FINISHED: "finished",
    EventStatus.CLOSED: "closed",
}


@dataclass(frozen=True, slots=True)
class DaySpec:
    """One day of an event as entered: its date and hours (host region's local time)."""

    date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time


@dataclass(frozen=True, slots=True)
class EventDetails:
    """Everything create and update share, validated together."""

    title: str
    host_region: Region
    venue: str
    capacity: int
    days: tuple[DaySpec, ...]
    co_hosts: tuple[OrgUnit, ...]
    attendance_rule: str
    attendance_min_days: int | None
    post_test_rule: str = PostTestRule.NONE


def may_manage_events(actor: Any) -> bool:
    """Whether the account has a role that runs events at all."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role in MANAGER_ROLES
    )


def authorise_manager(actor: Any, region: Region) -> None:
    """The actor runs events and `region` lies in their scope (permission_denied)."""
    if not may_manage_events(actor) or not scope_for(actor).contains_region(region):
        raise PermissionDenied(_("Anda tidak berwenang mengelola kegiatan di wilayah ini."))


def _check_host(actor: Any, region: Region) -> None:
    if not region.is_open:
        raise DomainError(_("Wilayah ini sudah tidak berlaku."), code="host_region_invalid")
    authorise_manager(actor, region)


def _check_co_hosts(actor: Any, host: Region, co_hosts: Sequence[OrgUnit]) -> None:
    scope = scope_for(actor)
    for unit in co_hosts:
        own_kanwil = unit.kind == UnitKind.KANWIL and unit.region.code == host.province_code
        if not unit.is_active or not (own_kanwil or scope.contains_unit(unit)):
            raise DomainError(
                _("Penyelenggara bersama %(unit)s tidak dapat dipilih.") % {"unit": unit.name},
                code="co_host_invalid",
            )


def _check_days(days: Sequence[DaySpec]) -> None:
    if not days:
        raise DomainError(_("Kegiatan memerlukan paling sedikit satu hari."), code="days_missing")
    if len({day.date for day in days}) != len(days):
        raise DomainError(_("Setiap tanggal hanya boleh muncul sekali."), code="days_duplicate")
    if any(day.ends_at <= day.starts_at for day in days):
        raise DomainError(_("Jam selesai harus setelah jam mulai."), code="day_times_invalid")


def _attendance(
    program: Program, rule: str | None, min_days: int | None, day_count: int
) -> tuple[str, int | None]:
    """The event's attendance rule: the program's unless given; min days only for min_days."""
    if rule is None:
        rule, min_days = program.attendance_rule, program.attendance_min_days
    if rule not in AttendanceRule.values:
        raise DomainError(_("Aturan kehadiran tidak dikenal."), code="attendance_rule_invalid")
    if rule != AttendanceRule.MIN_DAYS:
        return rule, None
    if min_days is None or not 1 <= min_days <= day_count:
        raise DomainError(
            _("Jumlah hari minimal harus antara 1 dan jumlah hari kegiatan."),
            code="attendance_rule_invalid",
        )
    return rule, min_days


def _validate(actor: Any, program: Program, details: EventDetails) -> None:
    if not details.title.strip() or not details.venue.strip():
        raise DomainError(_("Judul dan tempat wajib diisi."), code="event_invalid")
    if details.capacity <= 0:
        raise DomainError(_("Kapasitas harus lebih dari 0."), code="capacity_invalid")
    if program.status != ProgramStatus.OPEN:
        raise DomainError(_("Program ini sudah ditutup."), code="program_closed")
    _check_host(actor, details.host_region)
    _check_days(details.days)
    _check_co_hosts(actor, details.host_region, details.co_hosts)


def _details(
    program: Program,
    *,
    title: str,
    host_region: Region,
    venue: str,
    capacity: int,
    days: Sequence[DaySpec],
    co_hosts: Sequence[OrgUnit],
    attendance_rule: str | None,
    attendance_min_days: int | None,
    post_test_rule: str = PostTestRule.NONE,
) -> EventDetails:
    rule, min_days = _attendance(program, attendance_rule, attendance_min_days, max(len(days), 1))
    if post_test_rule not in PostTestRule.values:
        raise DomainError(_("Syarat post-test tidak dikenal."), code="post_test_rule_invalid")
    return EventDetails(
        title=title.strip(),
        host_region=host_region,
        venue=venue.strip(),
        capacity=capacity,
        days=tuple(sorted(days, key=lambda day: day.date)),
        co_hosts=tuple(co_hosts),
        attendance_rule=rule,
        attendance_min_days=min_days,
        post_test_rule=post_test_rule,
    )


def _write_days(event: Event, days: Sequence[DaySpec]) -> None:
    event.days.all().delete()
    EventDay.objects.bulk_create(
        EventDay(event=event, date=day.date, starts_at=day.starts_at, ends_at=day.ends_at)
        for day in days
    )


def _summary(details: EventDetails) -> dict[str, Any]:
    return {
        "title": details.title,
        "host_region": details.host_region.code,
        "venue": details.venue,
        "capacity": details.capacity,
        "days": [day.date.isoformat() for day in details.days],
        "co_hosts": [unit.pk for unit in details.co_hosts],
        "attendance_rule": details.attendance_rule,
        "attendance_min_days": details.attendance_min_days,
        "post_test_rule": details.post_test_rule,
    }


@transaction.atomic
def create_event(
    actor: Any,
    *,
    program: Program,
    title: str,
    host_region: Region,
    venue: str,
    capacity: int,
    days: Sequence[DaySpec],
    co_hosts: Sequence[OrgUnit] = (),
    attendance_rule: str | None = None,
    attendance_min_days: int | None = None,
    post_test_rule: str = PostTestRule.NONE,
) -> Event:
    """Create a draft event (permission_denied, event_invalid, capacity_invalid, program_closed,
    host_region_invalid, days_missing, days_duplicate, day_times_invalid, co_host_invalid,
    attendance_rule_invalid, post_test_rule_invalid)."""
    _check_host(actor, host_region)
    details = _details(
        program,
        title=title,
        host_region=host_region,
        venue=venue,
        capacity=capacity,
        days=days,
        co_hosts=co_hosts,
        attendance_rule=attendance_rule,
        attendance_min_days=attendance_min_days,
        post_test_rule=post_test_rule,
    )
    _validate(actor, program, details)
    event = Event.objects.create(
        program=program,
        title=details.title,
        host_region=details.host_region,
        venue=details.venue,
        capacity=details.capacity,
        attendance_rule=details.attendance_rule,
        attendance_min_days=details.attendance_min_days,
        post_test_rule=details.post_test_rule,
        created_by=actor,
    )
    event.co_hosts.set(details.co_hosts)
    _write_days(event, details.days)
    log_action(
        actor,
        "peduliham.training.event.created",
        event,
        region_code=host_region.code,
        changes=_summary(details),
    )
    return event


def lock_event(event: Event) -> Event:
    """The event row (only it) locked for this transaction, re-read so its status is current."""
    events = Event.objects.select_for_update(of=("self",)).select_related("program", "host_region")
    return events.get(pk=event.pk)


def _check_capacity_and_host(event: Event, details: EventDetails) -> None:
    seated = event.enrollments.filter(status__in=SEATED_STATUSES).count()
    if details.capacity < seated:
        raise DomainError(
            _("Kapasitas tidak boleh di bawah %(seated)s peserta yang sudah terpilih.")
            % {"seated": seated},
            code="capacity_below_seated",
        )
    if seated and details.host_region.pk != event.host_region_id:
        raise DomainError(
            _("Wilayah penyelenggara tidak dapat diubah setelah peserta dipilih."),
            code="host_region_locked",
        )


@transaction.atomic
def update_event(
    actor: Any,
    *,
    event: Event,
    title: str,
    host_region: Region,
    venue: str,
    capacity: int,
    days: Sequence[DaySpec],
    co_hosts: Sequence[OrgUnit] = (),
    attendance_rule: str | None = None,
    attendance_min_days: int | None = None,
    post_test_rule: str | None = None,
) -> Event:
    """Change a draft or open event, replacing its days (the codes of create_event and
    event_not_editable, capacity_below_seated, host_region_locked); `post_test_rule`
    None keeps the event's rule."""
    event = lock_event(event)
    authorise_manager(actor, event.host_region)
    if event.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("Kegiatan yang sudah berjalan tidak dapat diubah."), code="event_not_editable"
        )
    details = _details(
        event.program,
        title=title,
        host_region=host_region,
        venue=venue,
        capacity=capacity,
        days=days,
        co_hosts=co_hosts,
        attendance_rule=attendance_rule,
        attendance_min_days=attendance_min_days,
        post_test_rule=event.post_test_rule if post_test_rule is None else post_test_rule,
    )
    _validate(actor, event.program, details)
    _check_capacity_and_host(event, details)
    for field in ("title", "host_region", "venue", "capacity"):
        setattr(event, field, getattr(details, field))
    event.attendance_rule = details.attendance_rule
    event.attendance_min_days = details.attendance_min_days
    event.post_test_rule = details.post_test_rule
    event.save()
    event.co_hosts.set(details.co_hosts)
    _write_days(event, details.days)
    log_action(
        actor,
        "peduliham.training.event.updated",
        event,
        region_code=host_region.code,
        changes=_summary(details),
    )
    return event


def allowed_transitions(event: Event) -> list[str]:
    """The statuses the event may move to next, in the order of EventStatus."""
    allowed = TRANSITIONS.get(event.status, frozenset())
    return [status for status in EventStatus.values if status in allowed]


def check_transition(event: Event, to: str) -> None:
    """Raise DomainError(code="transition_invalid") unless TRANSITIONS allows the move."""
    if to not in TRANSITIONS.get(event.status, frozenset()):
        raise DomainError(
            _("Status kegiatan tidak dapat berpindah dari %(old)s ke %(new)s.")
            % {"old": event.status, "new": to},
            code="transition_invalid",
        )


@transaction.atomic
def transition_event(actor: Any, *, event: Event, to: str) -> Event:
    """Move an event to its next status (permission_denied, transition_invalid).

    Closing is refused here: the completion service closes events because it
    must compute every participant's outcome in the same transaction.
    """
    event = lock_event(event)
    authorise_manager(actor, event.host_region)
    if to == EventStatus.CLOSED:
        raise DomainError(
            _("Kegiatan ditutup melalui penetapan kelulusan."), code="transition_invalid"
        )
    check_transition(event, to)
    old = event.status
    event.status = to
    event.save(update_fields=["status", "updated_at"])
    log_action(
        actor,
        f"peduliham.training.event.{_VERBS[EventStatus(to)]}",
        event,
        region_code=event.host_region.code,
        changes={"status": [old, to], "at": timezone.now().isoformat()},
    )
    return event


def open_event(actor: Any, *, event: Event) -> Event:
    """Open a draft event (see transition_event)."""
    return transition_event(actor, event=event, to=EventStatus.OPEN)


def start_event(actor: Any, *, event: Event) -> Event:
    """Mark an open event as running (see transition_event)."""
    return transition_event(actor, event=event, to=EventStatus.RUNNING)


def finish_event(actor: Any, *, event: Event) -> Event:
    """Mark a running event as finished (see transition_event)."""
    return transition_event(actor, event=event, to=EventStatus.FINISHED)
