"""Training planner: how many events, on which working days, to train everyone.

Pure computation, no ORM. An event occupies `days_per_event` consecutive
working days (Saturdays, Sundays and the caller's holidays are skipped, so a
two-day event may run Friday and Monday). Events follow each other without
overlap, optionally separated by a gap of working days and limited to a
number of events starting in the same ISO week or calendar month.
"""

import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

SATURDAY = 5


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    index: int
    days: tuple[date, ...]
    participants: int

    @property
    def start(self) -> date:
        return self.days[0]

    @property
    def end(self) -> date:
        return self.days[-1]


@dataclass(frozen=True, slots=True)
class Plan:
    events: tuple[PlannedEvent, ...]
    untrained: int
    capacity: int
    deadline: date | None = None

    @property
    def total_events(self) -> int:
        return len(self.events)

    @property
    def finish_date(self) -> date | None:
        return self.events[-1].end if self.events else None

    @property
    def trained_by_deadline(self) -> int:
        if self.deadline is None:
            return self.untrained
        return sum(e.participants for e in self.events if e.end <= self.deadline)

    @property
    def shortfall(self) -> int:
        """People still untrained at the deadline (0 without a deadline)."""
        return self.untrained - self.trained_by_deadline

    @property
    def events_after_deadline(self) -> int:
        if self.deadline is None:
            return 0
        return sum(1 for e in self.events if e.end > self.deadline)

    @property
    def fits(self) -> bool:
        return self.shortfall == 0


@dataclass(frozen=True, slots=True)
class Pace:
    """Limits on how often events may start; None means no limit."""

    events_per_week: int | None = None
    events_per_month: int | None = None
    gap_days: int = 0


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def working_days(start: date, end: date, holidays: Collection[date]) -> list[date]:
    """Working days from `start` to `end` inclusive, skipping weekends and `holidays`."""
    days = (start + timedelta(days=n) for n in range((end - start).days + 1))
    return [day for day in days if is_working_day(day, holidays)]


def _working_days_from(start: date, holidays: Collection[date]) -> Iterator[date]:
    day = start
    while True:
        if is_working_day(day, holidays):
            yield day
        day += timedelta(days=1)


def _validate(untrained: int, capacity: int, days_per_event: int, pace: Pace) -> None:
    if untrained < 0:
        raise ValueError(f"untrained must not be negative (got {untrained})")
    if capacity <= 0:
        raise ValueError(f"capacity must be at least 1 person per event (got {capacity})")
    if days_per_event <= 0:
        raise ValueError(f"days_per_event must be at least 1 (got {days_per_event})")
    for name, limit in (
        ("events_per_week", pace.events_per_week),
        ("events_per_month", pace.events_per_month),
    ):
        if limit is not None and limit <= 0:
            raise ValueError(f"{name} must be at least 1 when given (got {limit})")
    if pace.gap_days < 0:
        raise ValueError(f"gap_days must not be negative (got {pace.gap_days})")


def _period_is_full(day: date, starts: list[date], pace: Pace) -> bool:
    week = day.isocalendar()[:2]
    month = (day.year, day.month)
    in_week = sum(1 for s in starts if s.isocalendar()[:2] == week)
    in_month = sum(1 for s in starts if (s.year, s.month) == month)
    return (pace.events_per_week is not None and in_week >= pace.events_per_week) or (
        pace.events_per_month is not None and in_month >= pace.events_per_month
    )


def schedule(
    untrained: int,
    capacity: int,
    days_per_event: int,
    start: date,
    holidays: Collection[date],
    pace: Pace,
) -> tuple[PlannedEvent, ...]:
    """ceil(untrained / capacity) events, as early as the pace allows; the last takes the rest."""
    _validate(untrained, capacity, days_per_event, pace)
    days = _working_days_from(start, holidays)
    events: list[PlannedEvent] = []
    starts: list[date] = []
    for index in range(math.ceil(untrained / capacity)):
        first = next(days)
        # An event takes at least one working day, so no month holds more than 23 starts.
        while _period_is_full(first, starts[-23:], pace):
            first = next(days)
        block = (first, *(next(days) for _ in range(days_per_event - 1)))
        participants = min(capacity, untrained - index * capacity)
        events.append(PlannedEvent(index=index + 1, days=block, participants=participants))
        starts.append(first)
        for _ in range(pace.gap_days):
            next(days)
    return tuple(events)


def plan_by_deadline(
    untrained: int,
    capacity: int,
    days_per_event: int,
    start: date,
    deadline: date,
    holidays: Collection[date],
    pace: Pace | None = None,
) -> Plan:
    """Events needed to train everyone, and whether they end by `deadline`."""
    if deadline < start:
        raise ValueError(f"deadline {deadline} is before the start {start}")
    events = schedule(untrained, capacity, days_per_event, start, holidays, pace or Pace())
    return Plan(events=events, untrained=untrained, capacity=capacity, deadline=deadline)


def plan_by_pace(
    untrained: int,
    capacity: int,
    days_per_event: int,
    start: date,
    events_per_month: int,
    holidays: Collection[date],
    *,
    gap_days: int = 0,
) -> Plan:
    """The date by which everyone is trained at `events_per_month` events a month."""
    pace = Pace(events_per_month=events_per_month, gap_days=gap_days)
    events = schedule(untrained, capacity, days_per_event, start, holidays, pace)
    return Plan(events=events, untrained=untrained, capacity=capacity)
