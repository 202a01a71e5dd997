"""The Kota Jambi training demo: the seed story, through the real services, loaded once."""

import datetime
import statistics
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from peduliham.accounts.models import User
from peduliham.assessment.models import Exam, SurveyResponse
from peduliham.assessment.selectors.results import item_analysis
from peduliham.core.demo.registry import registered_steps
from peduliham.people import demo as people_demo
from peduliham.people.models import ASN
from peduliham.regions.models import Region, UnitKind
from peduliham.training import demo
from peduliham.training.models import (
    SEATED_STATUSES,
    Attendance,
    CoverageCounter,
    Enrollment,
    Event,
    EventStatus,
    Outcome,
    Program,
    Quota,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_once(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo with 2,000 ASN and events of 200, loaded once for the module inside a
    transaction that is rolled back at the end; each test runs in a savepoint within it."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(people_demo, "DEMO_ASN_COUNT", 2_000)
        patch.setattr(demo, "CAPACITY", 200)
        with transaction.atomic():
            for step in registered_steps():
                step.run()
            yield
            transaction.set_rollback(True)


@pytest.fixture
def small_demo(_demo_once: None, db: None) -> None:
    """The module's demo data, seen from inside a test."""


def test_the_ministry_province_and_city_quotas_flow_down(small_demo: None) -> None:
    program = Program.objects.get(year=2025, name=demo.PROGRAM_NAME)

    assert program.target == 1_000_000
    assert Quota.objects.get(program=program, region__code="15").amount == 20_000
    assert Quota.objects.get(program=program, region__code="15.71").amount == 10_000
    opd_total = sum(
        Quota.objects.filter(program=program, org_unit__isnull=False).values_list(
            "amount", flat=True
        )
    )
    assert 380 <= opd_total <= 420  # 20% of 2,000 active ASN, rounded per OPD


def test_the_october_event_ran_two_days_and_was_closed_with_completion(small_demo: None) -> None:
    event = Event.objects.get(title=demo.FIRST_TITLE)

    assert [day.date for day in event.days.all()] == [
        datetime.date(2025, 10, 27),
        datetime.date(2025, 10, 28),
    ]
    assert (event.venue, event.status, event.selection_seed) == (
        "Aula Grha Siginjai",
        EventStatus.CLOSED,
        demo.FIRST_SEED,
    )
    assert [unit.kind for unit in event.co_hosts.all()] == [UnitKind.KANWIL]
    seats = Enrollment.objects.filter(event=event, status__in=SEATED_STATUSES)
    assert seats.count() == 200
    completed = seats.filter(outcome=Outcome.COMPLETED).count()
    assert 150 < completed < 200  # most came both days, some missed one
    assert seats.filter(outcome=Outcome.PENDING).count() == 0
    counters = CoverageCounter.objects.filter(event=event)
    assert sum(c.selected for c in counters) == 200
    assert sum(c.completed for c in counters) == completed


def test_every_opd_sends_about_half_its_quota_to_each_batch(small_demo: None) -> None:
    event = Event.objects.get(title=demo.FIRST_TITLE)
    for quota in Quota.objects.filter(program=event.program, org_unit__isnull=False, amount__gt=4):
        sent = Enrollment.objects.filter(event=event, opd=quota.org_unit).count()
        assert abs(sent - quota.amount / 2) <= 2, quota


def test_the_upcoming_event_is_in_selection_and_the_participant_has_a_ticket(
    small_demo: None,
) -> None:
    upcoming = Event.objects.get(title=demo.SECOND_TITLE)

    assert upcoming.status == EventStatus.OPEN
    assert upcoming.invitations_sent_at is None
    assert 190 <= upcoming.enrollments.count() <= 200  # what the OPD quotas have left
    assert min(day.date for day in upcoming.days.all()) > timezone.localdate()
    participant = ASN.objects.get(user__username="peserta_jambi")
    assert participant.enrollments.get().outcome == Outcome.COMPLETED


def test_running_the_whole_demo_again_creates_nothing(small_demo: None) -> None:
    before = (Event.objects.count(), Enrollment.objects.count(), Quota.objects.count())

    reports = {step.name: step.run() for step in registered_steps()}

    assert {name: report.created for name, report in reports.items() if report.created} == {}
    assert (Event.objects.count(), Enrollment.objects.count(), Quota.objects.count()) == before
    assert Region.objects.filter(code="15.71").exists()


def test_the_october_tests_show_a_visible_gain_and_a_few_weak_items(small_demo: None) -> None:
    event = Event.objects.get(title=demo.FIRST_TITLE)
    admin = User.objects.get(username="pemkot_jambi")
    scores = {
        exam.kind: [float(a.score or 0) for a in exam.attempts.filter(submitted_at__isnull=False)]
        for exam in Exam.objects.filter(event=event)
    }

    assert sorted(scores) == ["post", "pre"]
    assert statistics.mean(scores["post"]) - statistics.mean(scores["pre"]) > 10
    for exam_items in item_analysis(admin, event):
        assert 1 <= len(exam_items.weak) <= 5, exam_items.exam


def test_most_participants_answered_the_survey(small_demo: None) -> None:
    event = Event.objects.get(title=demo.FIRST_TITLE)
    second_day = event.days.order_by("date").last()
    present = Attendance.objects.filter(day=second_day).count()

    answered = SurveyResponse.objects.filter(event=event).count()

    assert 0.7 * present < answered <= present
