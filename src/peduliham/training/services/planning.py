"""The planner's arithmetic over real calendars, and turning a plan into draft events.

The schedule itself is pure (training/planner.py); this module supplies the
days off (public holidays and cuti bersama), keeps plans to a size a person
can act on, and creates the draft events through the events service, so
every rule about events (who may host, valid days) is checked in one place.
"""

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from peduliham.core.audit import log_action
from peduliham.core.errors import DomainError
from peduliham.regions.models import Region
from peduliham.training.holidays import holidays_between
from peduliham.training.models import Event, Program
from peduliham.training.planner import Pace, Plan, plan_by_deadline, plan_by_pace, schedule
from peduliham.training.selectors.planning import planning_inputs
from peduliham.training.services.events import DaySpec, authorise_manager, create_event

#: More events than this is not a plan anyone will act on; ask for a bigger venue.
MAX_PLANNED_EVENTS = 500
DEFAULT_STARTS_AT = datetime.time(8, 0)
DEFAULT_ENDS_AT = datetime.time(16, 0)
TITLE_ROOM = 170  # leaves room for " — Angkatan N" within the 200-character title
ONE_YEAR = datetime.timedelta(days=366)


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """The planner's inputs: an event's size, the first day, and a deadline or a pace."""

    capacity: int
    days_per_event: int
    start: datetime.date
    deadline: datetime.date | None = None
    pace: Pace = field(default_factory=Pace)


@dataclass(frozen=True, slots=True)
class PlanResult:
    plan: Plan
    days_off: dict[datetime.date, str]  # holidays and cuti bersama within the plan's span

    @property
    def end(self) -> datetime.date | None:
        return self.plan.finish_date


def _schedule(untrained: int, request: PlanRequest, days_off: frozenset[datetime.date]) -> Plan:
    args = (untrained, request.capacity, request.days_per_event, request.start)
    pace = request.pace
    if request.deadline is not None:
        return plan_by_deadline(*args, request.deadline, days_off, pace)
    if pace.events_per_week is None and pace.events_per_month is not None:
        return plan_by_pace(*args, pace.events_per_month, days_off, gap_days=pace.gap_days)
    events = schedule(*args, days_off, pace)
    return Plan(events=events, untrained=untrained, capacity=request.capacity)


def build_plan(untrained: int, request: PlanRequest) -> PlanResult:
    """The plan for `untrained` people, skipping weekends and days off (plan_invalid,
    plan_too_large)."""
    if (
        request.capacity > 0
        and math.ceil(max(untrained, 0) / request.capacity) > MAX_PLANNED_EVENTS
    ):
        raise DomainError(
            _("Rencana memerlukan lebih dari %(max)s kegiatan; perbesar kapasitas tempat.")
            % {"max": MAX_PLANNED_EVENTS},
            code="plan_too_large",
        )
    # How far the plan reaches is only known once it is made: widen the holiday
    # range until the plan ends inside it (twice at most in practice).
    horizon = max(request.deadline or request.start, request.start) + ONE_YEAR
    while True:
        days_off = holidays_between(request.start, horizon)
        try:
            plan = _schedule(untrained, request, frozenset(days_off))
        except ValueError as exc:
            raise DomainError(_("Isian rencana tidak valid."), code="plan_invalid") from exc
        finish = plan.finish_date or request.start
        if finish <= horizon:
            break
        horizon = finish + ONE_YEAR
    last = max(finish, request.deadline or request.start)
    shown = {day: name for day, name in days_off.items() if day <= last}
    return PlanResult(plan=plan, days_off=shown)


def plan_for(actor: Any, *, program: Program, region: Region, request: PlanRequest) -> PlanResult:
    """The plan for the region's untrained ASN (not_found, plan_invalid, plan_too_large)."""
    inputs = planning_inputs(actor, program=program, region=region)
    return build_plan(inputs.untrained, request)


def _title(program: Program, number: int) -> str:
    return _("%(program)s — Angkatan %(number)s") % {
        "program": program.name[:TITLE_ROOM],
        "number": number,
    }


@transaction.atomic
def create_planned_events(
    actor: Any,
    *,
    program: Program,
    region: Region,
    request: PlanRequest,
    venue: str,
    starts_at: datetime.time = DEFAULT_STARTS_AT,
    ends_at: datetime.time = DEFAULT_ENDS_AT,
) -> list[Event]:
    """Turn the region's plan into draft events, one per planned batch (permission_denied,
    not_found, plan_invalid, plan_too_large, plan_empty, and create_event's codes)."""
    authorise_manager(actor, region)
    plan = plan_for(actor, program=program, region=region, request=request).plan
    if not plan.events:
        raise DomainError(_("Semua ASN wilayah ini sudah terlatih."), code="plan_empty")
    # Number batches after the region's existing events of the program.
    first = Event.objects.filter(program=program, host_region=region).count() + 1
    events = [
        create_event(
            actor,
            program=program,
            title=_title(program, first + planned.index - 1),
            host_region=region,
            venue=venue,
            capacity=request.capacity,
            days=[DaySpec(day, starts_at, ends_at) for day in planned.days],
        )
        for planned in plan.events
    ]
    log_action(
        actor,
        "peduliham.training.plan.events_created",
        program,
        region_code=region.code,
        changes={
            "untrained": plan.untrained,
            "capacity": request.capacity,
            "days_per_event": request.days_per_event,
            "deadline": request.deadline.isoformat() if request.deadline else None,
            "events": [event.pk for event in events],
            "starts": [planned.start.isoformat() for planned in plan.events],
        },
    )
    return events
