"""Closing an event: each seated participant completes or not, with the reason.

Set-based: participants are grouped by what decides their outcome (the days
they attended, or how many), and each group is written with one UPDATE, so
closing an event of 1,000 participants takes a handful of queries.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from peduliham.assessment.models import Exam, ExamAttempt, ExamKind
from peduliham.core.audit import log_action
from peduliham.core.errors import PermissionDenied
from peduliham.training import counters
from peduliham.training.models import (
    Attendance,
    AttendanceRule,
    Enrollment,
    Event,
    EventDay,
    EventStatus,
    Outcome,
    PostTestRule,
)
from peduliham.training.selectors.checkin import event_days, may_run_desk, seated
from peduliham.training.services.events import check_transition


@dataclass(frozen=True, slots=True)
class CompletionRequirement:
    """A further condition for completion beyond attendance (e.g. the post-test).

    `met` is a filter on Enrollment; those who attended enough but fail it
    are not completed, with `reason`.
    """

    met: Q
    reason: str


@dataclass(frozen=True, slots=True)
class CompletionReport:
    completed: int
    not_completed: int


def post_test_requirements(event: Event) -> Sequence[CompletionRequirement]:
    """What the event's post-test rule adds to attendance, in the order reasons apply.

    "taken": a submitted post-test. "passed": that, and then one requirement per
    failing score present ("not scored s"), so each participant's reason names
    their own score while every group is still written with one UPDATE.
    """
    if event.post_test_rule == PostTestRule.NONE:
        return ()
    submitted = ExamAttempt.objects.filter(
        enrollment=OuterRef("pk"),
        exam__event=event,
        exam__kind=ExamKind.POST,
        submitted_at__isnull=False,
    )
    with translation.override(settings.LANGUAGE_CODE):  # reasons are stored in Indonesian
        requirements = [
            CompletionRequirement(Q(Exists(submitted)), _("Tidak mengerjakan post-test"))
        ]
        if event.post_test_rule == PostTestRule.PASSED:
            requirements += _passing_requirements(event, submitted)
    return tuple(requirements)


def _passing_requirements(
    event: Event, submitted: QuerySet[ExamAttempt]
) -> list[CompletionRequirement]:
    """One requirement per failing post-test score that occurs (at most one per possible score)."""
    pass_mark = (
        Exam.objects.filter(event=event, kind=ExamKind.POST)
        .values_list("pass_mark", flat=True)
        .first()
    )
    if pass_mark is None:
        return []  # no post-test at all: the "taken" requirement already fails everyone
    failing = (
        ExamAttempt.objects.filter(
            exam__event=event,
            exam__kind=ExamKind.POST,
            submitted_at__isnull=False,
            score__lt=pass_mark,
        )
        .values_list("score", flat=True)
        .distinct()
        .order_by("score")
    )
    return [
        CompletionRequirement(
            ~Q(Exists(submitted.filter(score=score))),
            _("Nilai post-test %(score)s di bawah nilai lulus %(mark)s")
            % {"score": formats.number_format(score, 2), "mark": pass_mark},
        )
        for score in failing
        if score is not None
    ]


@transaction.atomic
def close_event(actor: Any, *, event: Event) -> CompletionReport:
    """Close a finished event and decide every seated participant's outcome.

    Errors: permission_denied, transition_invalid.
    """
    event = Event.objects.select_for_update().select_related("host_region").get(pk=event.pk)
    if not may_run_desk(actor, event):
        raise PermissionDenied(_("Anda tidak berwenang menutup kegiatan ini."))
    check_transition(event, EventStatus.CLOSED)
    now = timezone.now()
    pending = seated(event).filter(outcome=Outcome.PENDING)
    attended = _attendance_q(event)
    requirements = post_test_requirements(event)
    completers = pending.filter(attended, *(r.met for r in requirements))
    _bump_completed(event, completers)
    completed = completers.update(outcome=Outcome.COMPLETED, outcome_reason="", completed_at=now)
    for requirement in requirements:
        pending.filter(attended).filter(~requirement.met).update(
            outcome=Outcome.NOT_COMPLETED, outcome_reason=requirement.reason, completed_at=now
        )
    with translation.override(settings.LANGUAGE_CODE):  # reasons are stored in Indonesian
        _mark_absentees(event, pending.filter(~attended), now)
    not_completed = seated(event).filter(outcome=Outcome.NOT_COMPLETED).count()
    event.status = EventStatus.CLOSED
    event.closed_at = now
    event.save(update_fields=["status", "closed_at", "updated_at"])
    log_action(
        actor,
        "peduliham.training.event.closed",
        event,
        region_code=event.host_region.code,
        changes={
            "status": [EventStatus.FINISHED, EventStatus.CLOSED],
            "completed": completed,
            "not_completed": not_completed,
        },
    )
    return CompletionReport(completed=completed, not_completed=not_completed)


def required_days(event: Event, day_count: int) -> int:
    """How many days a participant must attend under the event's rule."""
    if event.attendance_rule == AttendanceRule.ANY_DAY:
        return 1
    if event.attendance_rule == AttendanceRule.MIN_DAYS:
        return event.attendance_min_days or 1
    return day_count


def _attendance_q(event: Event) -> Q:
    return Q(days_attended__gte=required_days(event, len(event_days(event))))


def _bump_completed(event: Event, completers: QuerySet[Enrollment]) -> None:
    groups = completers.values("program_id", "region_id", "opd_id").annotate(n=Count("pk"))
    counters.bump_many(
        counters.Delta(
            program_id=row["program_id"],
            event_id=event.pk,
            region_id=row["region_id"],
            opd_id=row["opd_id"],
            completed=row["n"],
        )
        for row in groups
    )


def _mark_absentees(event: Event, absentees: QuerySet[Enrollment], now: datetime.datetime) -> None:
    """Not completed for too little attendance: one UPDATE per reason."""
    days = event_days(event)
    for reason, condition in _absence_groups(event, days, absentees).items():
        absentees.filter(condition).update(
            outcome=Outcome.NOT_COMPLETED, outcome_reason=reason[:200], completed_at=now
        )


def _absence_groups(
    event: Event, days: list[EventDay], absentees: QuerySet[Enrollment]
) -> dict[str, Q]:
    """Each reason in use with the filter that picks its participants."""
    if event.attendance_rule != AttendanceRule.ALL_DAYS:
        counts = absentees.values_list("days_attended", flat=True).distinct()
        return {_count_reason(event, n, len(days)): Q(days_attended=n) for n in counts}
    patterns: dict[str, Q] = {}
    present: dict[int, set[int]] = {pk: set() for pk in absentees.values_list("pk", flat=True)}
    rows = Attendance.objects.filter(enrollment__in=absentees).values_list("enrollment", "day")
    for enrollment_id, day_id in rows:
        present[enrollment_id].add(day_id)
    for attended in {frozenset(s) for s in present.values()}:
        missed = [(n, d) for n, d in enumerate(days, start=1) if d.pk not in attended]
        patterns[_missed_reason(missed, len(days))] = _pattern_q(days, attended)
    return dict(patterns)


def _pattern_q(days: list[EventDay], attended: frozenset[int]) -> Q:
    """Participants who attended exactly the days in `attended`."""
    condition = Q()
    for day in days:
        on_day = Exists(Attendance.objects.filter(enrollment=OuterRef("pk"), day=day))
        condition &= Q(on_day) if day.pk in attended else ~Q(on_day)
    return condition


def _missed_reason(missed: list[tuple[int, EventDay]], day_count: int) -> str:
    if len(missed) == day_count:
        return _("Tidak hadir pada hari mana pun (0 dari %(days)d hari)") % {"days": day_count}
    parts = [
        _("hari ke-%(number)d (%(date)s)")
        % {"number": n, "date": formats.date_format(day.date, "j M Y")}
        for n, day in missed
    ]
    return _("Tidak hadir pada %(days)s") % {"days": ", ".join(parts)}


def _count_reason(event: Event, attended: int, day_count: int) -> str:
    if event.attendance_rule == AttendanceRule.MIN_DAYS:
        return _("Hadir %(attended)d dari %(days)d hari; minimal %(minimum)d hari") % {
            "attended": attended,
            "days": day_count,
            "minimum": required_days(event, day_count),
        }
    return _("Hadir %(attended)d dari %(days)d hari") % {"attended": attended, "days": day_count}
