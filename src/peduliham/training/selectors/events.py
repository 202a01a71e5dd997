"""Reads for events and their participants, always through the user's scope.

National admins see every event; Kanwil operators and Pemda admins the events
hosted in their region; OPD admins the events with participants of their OPD;
participants the events they are enrolled in.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from peduliham.accounts.scoping import ScopeLevel, scope_for
from peduliham.training.models import SEATED_STATUSES, Enrollment, Event, Quota


def events_for(user: Any, *, status: str = "") -> QuerySet[Event]:
    """The events the user may see, newest first, optionally of one status."""
    scope = scope_for(user)
    events = Event.objects.select_related("program", "host_region")
    if scope.level in (ScopeLevel.UNIT, ScopeLevel.SELF):
        mine = scope.filter(
            Enrollment.objects.filter(event=OuterRef("pk")), unit="opd", owner="asn__user"
        )
        events = events.filter(Exists(mine))
    else:
        events = scope.filter(events, region="host_region")
    if status:
        events = events.filter(status=status)
    return events.order_by("-created_at", "-pk")


def event_for(user: Any, pk: int) -> Event:
    """One event in the user's scope; Http404 outside it."""
    return get_object_or_404(events_for(user), pk=pk)


def enrollments_for(
    user: Any,
    event: Event,
    *,
    opd: int | None = None,
    search: str = "",
    seated_only: bool = False,
) -> QuerySet[Enrollment]:
    """The event's participants the user may see (an OPD admin: only their OPD's)."""
    scope = scope_for(user)
    rows = Enrollment.objects.filter(event=event).select_related("asn", "opd", "replaced_by__asn")
    if scope.level is not ScopeLevel.NATIONAL:
        rows = scope.filter(rows, unit="opd", owner="asn__user")
    if opd is not None:
        rows = rows.filter(opd_id=opd)
    if seated_only:
        rows = rows.filter(status__in=SEATED_STATUSES)
    search = search.strip()
    if search:
        rows = rows.filter(Q(asn__nip__startswith=search) | Q(asn__name__icontains=search))
    return rows.order_by("opd__name", "asn__name", "pk")


@dataclass(frozen=True, slots=True)
class OpdShareRow:
    opd_id: int
    name: str
    quota: int
    selected: int
    male: int
    female: int

    @property
    def percent_of_quota(self) -> int:
        return round(100 * self.selected / self.quota) if self.quota else 0


@dataclass(frozen=True, slots=True)
class SelectionSummary:
    """The stored selection of an event: seats per OPD and the sex balance."""

    capacity: int
    selected: int
    male: int
    female: int
    frontline: int
    confirmed: int
    rows: tuple[OpdShareRow, ...]

    @property
    def percent_of_capacity(self) -> int:
        return round(100 * self.selected / self.capacity) if self.capacity else 0


def selection_summary(event: Event) -> SelectionSummary:
    """Per-OPD shares and sex balance from the event's seated enrollments (one grouped query)."""
    grouped = (
        Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES)
        .values("opd_id", "opd__name")
        .annotate(
            count=Count("pk"),
            male=Count("pk", filter=Q(sex="L")),
            female=Count("pk", filter=Q(sex="P")),
            frontline=Count("pk", filter=Q(is_frontline=True)),
            confirmed=Count("pk", filter=Q(status="confirmed")),
        )
        .order_by("opd__name")
    )
    groups = list(grouped)
    quotas = dict(
        Quota.objects.filter(
            program_id=event.program_id, org_unit_id__in=[g["opd_id"] for g in groups]
        ).values_list("org_unit_id", "amount")
    )
    rows = tuple(
        OpdShareRow(
            g["opd_id"],
            g["opd__name"],
            quotas.get(g["opd_id"], 0),
            g["count"],
            g["male"],
            g["female"],
        )
        for g in groups
    )
    return SelectionSummary(
        capacity=event.capacity,
        selected=sum(g["count"] for g in groups),
        male=sum(g["male"] for g in groups),
        female=sum(g["female"] for g in groups),
        frontline=sum(g["frontline"] for g in groups),
        confirmed=sum(g["confirmed"] for g in groups),
        rows=rows,
    )
