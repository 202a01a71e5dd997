"""Training pages: the planner (how many events, on which dates) and plan → draft events."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peduliham.accounts.scoping import get_in_scope_or_404
from peduliham.core.errors import DomainError, NotFound, PermissionDenied
from peduliham.regions.models import Region
from peduliham.training.forms import PlannedEventsForm, PlannerForm
from peduliham.training.models import Program
from peduliham.training.planner import Plan
from peduliham.training.selectors.planning import (
    PlanningInputs,
    planner_region_for,
    planner_regions,
    planning_inputs,
)
from peduliham.training.selectors.quotas import programs_for
from peduliham.training.services.events import may_manage_events
from peduliham.training.services.planning import PlanResult, build_plan, create_planned_events

# The timeline is an SVG drawn in a 1000-wide box (it scales with the page).
TIMELINE_LEFT = 10
TIMELINE_WIDTH = 980
MONTH_TICKS_UP_TO_DAYS = 400


@dataclass(frozen=True, slots=True)
class TimelineBar:
    x: float
    width: float
    label: str
    late: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    bars: tuple[TimelineBar, ...]
    ticks: tuple[tuple[float, str], ...]
    deadline_x: float | None


def _x(day: datetime.date, first: datetime.date, span: int) -> float:
    return round(TIMELINE_LEFT + (day - first).days / span * TIMELINE_WIDTH, 1)


def _ticks(first: datetime.date, last: datetime.date, span: int) -> tuple[tuple[float, str], ...]:
    """First of each month for short plans, of each year for long ones."""
    monthly = (last - first).days <= MONTH_TICKS_UP_TO_DAYS
    ticks: list[tuple[float, str]] = []
    day = first.replace(day=1)
    while day <= last:
        if day >= first and (monthly or day.month == 1):
            ticks.append((_x(day, first, span), f"{day:%m/%Y}" if monthly else f"{day:%Y}"))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return tuple(ticks)


def timeline(plan: Plan) -> Timeline | None:
    """Bars for the planned events along the dates, and the deadline as a line."""
    if not plan.events:
        return None
    first = plan.events[0].start
    last = max(plan.events[-1].end, plan.deadline or first)
    span = max((last - first).days + 1, 1)
    bars = tuple(
        TimelineBar(
            x=_x(event.start, first, span),
            width=max(round(((event.end - event.start).days + 1) / span * TIMELINE_WIDTH, 1), 2),
            label=_("Angkatan %(number)s: %(start)s sampai %(end)s")
            % {
                "number": event.index,
                "start": date_format(event.start, "j M Y"),
                "end": date_format(event.end, "j M Y"),
            },
            late=plan.deadline is not None and event.end > plan.deadline,
        )
        for event in plan.events
    )
    deadline_x = _x(plan.deadline, first, span) if plan.deadline is not None else None
    return Timeline(bars=bars, ticks=_ticks(first, last, span), deadline_x=deadline_x)


def _program(request: HttpRequest, pk: int) -> Program:
    return get_in_scope_or_404(programs_for(request.user), pk=pk)


def _region(request: HttpRequest, code: str | None) -> Region | None:
    try:
        return planner_region_for(request.user, code)
    except NotFound as error:
        raise Http404 from error


def _regions(request: HttpRequest) -> list[Region]:
    regions = planner_regions(request.user)
    if not regions:
        raise Http404
    return regions


def _planner_form(request: HttpRequest, regions: list[Region]) -> PlannerForm:
    bound = "capacity" in request.GET
    initial = {"wilayah": request.GET.get("wilayah", ""), "start": timezone.localdate()}
    return PlannerForm(request.GET if bound else None, regions=regions, initial=initial)


def _plan(form: PlannerForm, inputs: PlanningInputs | None) -> PlanResult | None:
    if inputs is None or not form.is_valid():
        return None
    try:
        return build_plan(inputs.untrained, form.plan_request())
    except DomainError as error:
        form.add_error(None, str(error.message))
        return None


def _render(
    request: HttpRequest,
    program: Program,
    form: PlannerForm,
    events_form: PlannedEventsForm,
    region: Region | None,
) -> HttpResponse:
    inputs: PlanningInputs | None = (
        planning_inputs(request.user, program=program, region=region) if region else None
    )
    result = _plan(form, inputs)
    context = {
        "program": program,
        "form": form,
        "events_form": events_form,
        "region": region,
        "inputs": inputs,
        "result": result,
        "timeline": timeline(result.plan) if result is not None else None,
        "may_create": may_manage_events(request.user) and result is not None,
        "query": request.GET.urlencode(),
    }
    status = 400 if form.errors or events_form.errors else 200
    return render(request, "training/planner/planner.html", context, status=status)


@login_required
@require_GET
def planner(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = _program(request, program_pk)
    form = _planner_form(request, _regions(request))
    region = _region(request, request.GET.get("wilayah"))
    return _render(request, program, form, PlannedEventsForm(), region)


@login_required
@require_POST
def planner_create(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = _program(request, program_pk)
    form = PlannerForm(request.GET, regions=_regions(request))
    events_form = PlannedEventsForm(request.POST)
    region = _region(request, request.GET.get("wilayah"))
    if region is None or not (form.is_valid() and events_form.is_valid()):
        return _render(request, program, form, events_form, region)
    try:
        events = create_planned_events(
            request.user,
            program=program,
            region=region,
            request=form.plan_request(),
            **events_form.cleaned_data,
        )
    except PermissionDenied as error:
        raise Forbidden(str(error.message)) from error
    except DomainError as error:
        events_form.add_error(None, str(error.message))
        return _render(request, program, form, events_form, region)
    messages.success(request, _("%(count)s draf kegiatan dibuat.") % {"count": len(events)})
    url = reverse("training:planner", args=[program.pk])
    return redirect(f"{url}?{request.GET.urlencode()}")


urlpatterns: list[URLPattern] = [
    path("perencana/<int:program_pk>/", planner, name="planner"),
    path("perencana/<int:program_pk>/draf/", planner_create, name="planner_create"),
]
