"""Reads for the registration desk, the ticket pages and the desk list.

Desk staff are the national admin and the Kanwil operator or Pemda admin
whose region contains the event's host region (the co-hosts of an event sit
in those two offices). Everything else is out of reach and simply not found.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from peduliham.accounts.scoping import ScopeLevel, get_in_scope_or_404, scope_for
from peduliham.people.nip import normalise_nip_text
from peduliham.training import tickets
from peduliham.training.models import (
    SEATED_STATUSES,
    Attendance,
    Enrollment,
    Event,
    EventDay,
    Outcome,
)
from peduliham.training.services.events import may_manage_events

#: Scopes whose users may run a desk (within their region).
SEARCH_LIMIT = 20


@dataclass(frozen=True, slots=True)
class DayCount:
    day: EventDay
    number: int  # 1 for the first day of the event
    checked_in: int
    expected: int

    @property
    def percent(self) -> int:
        return round(100 * self.checked_in / self.expected) if self.expected else 0


def may_run_desk(user: Any, event: Event) -> bool:
    """Whether the user is desk staff for the event: those who run events in its host region."""
    return may_manage_events(user) and scope_for(user).contains_region(event.host_region)


def desk_event_for(user: Any, pk: int) -> Event:
    """The event for its desk pages; Http404 outside the user's scope."""
    if not may_manage_events(user):
        raise Http404
    events = scope_for(user).filter(
        Event.objects.select_related("host_region", "program"), region="host_region"
    )
    return get_in_scope_or_404(events, pk=pk)


def event_days(event: Event) -> list[EventDay]:
    return list(EventDay.objects.filter(event=event).order_by("date"))


def desk_day(event: Event, day_id: str | None, *, today: datetime.date) -> EventDay:
    """The day named by ?hari=, else today's day of the event, else its first day."""
    days = event_days(event)
    if not days:
        raise Http404
    if day_id:
        chosen = next((day for day in days if str(day.pk) == day_id), None)
        if chosen is None:
            raise Http404
        return chosen
    return next((day for day in days if day.date == today), days[0])


def seated_anywhere() -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(status__in=SEATED_STATUSES)


def seated(event: Event) -> QuerySet[Enrollment]:
    return seated_anywhere().filter(event=event)


def day_counts(user: Any, event: Event) -> list[DayCount]:
    """Checked in / expected per day of the event (expected = seated participants)."""
    event = desk_event_for(user, event.pk)
    expected = seated(event).count()
    days = EventDay.objects.filter(event=event).order_by("date")
    checked = days.annotate(
        checked=Count("attendances", filter=Q(attendances__enrollment__status__in=SEATED_STATUSES))
    )
    return [
        DayCount(day, number, day.checked, expected) for number, day in enumerate(checked, start=1)
    ]


def search_participants(
    user: Any, event: Event, q: str, *, day: EventDay | None = None
) -> list[Enrollment]:
    """Seated participants whose NIP (written any way, a part is enough) or name matches.

    With `day`, each result carries `checked_in_at` (None when not yet in).
    """
    event = desk_event_for(user, event.pk)
    text = q.strip()
    if not text:
        return []
    digits = normalise_nip_text(text)
    match = Q(asn__nip__contains=digits) if digits.isdigit() else Q(asn__name__icontains=text)
    found = seated(event).filter(match).select_related("asn", "opd").order_by("asn__name")
    if day is not None:
        first = Attendance.objects.filter(enrollment=OuterRef("pk"), day=day)
        found = found.annotate(checked_in_at=Subquery(first.values("checked_in_at")[:1]))
    return list(found[:SEARCH_LIMIT])


def desk_list(user: Any, event: Event) -> QuerySet[Enrollment]:
    """Every seated participant for the printed desk list, by OPD then name."""
    event = desk_event_for(user, event.pk)
    return (
        seated(event)
        .select_related("asn", "opd")
        .order_by("opd__name", "opd_id", "asn__name", "asn__nip")
    )


def invitations_for(user: Any) -> QuerySet[Enrollment]:
    """A participant's own enrollments (seated or with an outcome), newest event first."""
    scope = scope_for(user)
    if scope.level is not ScopeLevel.SELF:
        return Enrollment.objects.none()
    return (
        scope.filter(seated_anywhere(), owner="asn__user")
        .select_related("event", "event__host_region", "asn")
        .order_by("-event__created_at", "-pk")
    )


def ticket_enrollment(token: str) -> Enrollment | None:
    """The seated enrollment a ticket link names, else None.

    No user: the signed token in the e-mailed link is the participant's key,
    so the ticket opens on a phone without an account.
    """
    enrollment_id = tickets.read_ticket_link_token(token)
    if enrollment_id is None:
        return None
    return (
        Enrollment.objects.select_related("asn", "opd", "event", "event__host_region")
        .filter(pk=enrollment_id, status__in=SEATED_STATUSES)
        .first()
    )


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    completed: int
    not_completed: int
    pending: int
    reasons: list[tuple[str, int]]  # why people did not complete, most common first


def outcome_summary(user: Any, event: Event) -> OutcomeSummary:
    """How the seated participants of an event came out, for the closing page."""
    event = desk_event_for(user, event.pk)
    totals = dict(
        seated(event).values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
    )
    reasons = (
        seated(event)
        .filter(outcome=Outcome.NOT_COMPLETED)
        .values_list("outcome_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "outcome_reason")
        .values_list("outcome_reason", "n")
    )
    return OutcomeSummary(
        completed=totals.get(Outcome.COMPLETED, 0),
        not_completed=totals.get(Outcome.NOT_COMPLETED, 0),
        pending=totals.get(Outcome.PENDING, 0),
        reasons=list(reasons),
    )
