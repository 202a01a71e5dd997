"""1,000 participants x 25 answers: a fixed number of queries and well under a second."""

import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peduliham.accounts.models import User
from peduliham.assessment.models import ExamKind
from peduliham.assessment.selectors.results import event_results, item_analysis
from peduliham.regions.models import OrgUnit, Region
from peduliham.training.models import Event, EventStatus, Program
from tests.assessment.factories_results import (
    bulk_attempts,
    bulk_participants,
    make_exam,
    make_questions,
)
from tests.training.factories_checkin import make_event
from tests.training.helpers import make_program


def hall(program: Program, region: Region, unit: OrgUnit, people: int) -> Event:
    event = make_event(program, region, status=EventStatus.FINISHED, title=f"Angkatan {people}")
    pre = make_exam(event, ExamKind.PRE, make_questions(25, prefix=f"PRE{people}"))
    post = make_exam(event, ExamKind.POST, make_questions(25, prefix=f"POST{people}"))
    enrollments = bulk_participants(event, unit, people, start=people)
    bulk_attempts(pre, enrollments, seed=1)
    bulk_attempts(post, enrollments, seed=2)
    return event


def test_the_number_of_queries_does_not_grow_with_the_participants(
    admin_pusat: User, admin_pemkot_jambi: User, kota_jambi: Region, dinkes_jambi: OrgUnit
) -> None:
    counts = []
    program = make_program(admin_pusat)
    for people in (5, 50):
        event = hall(program, kota_jambi, dinkes_jambi, people)
        with CaptureQueriesContext(connection) as queries:
            event_results(admin_pemkot_jambi, event)
            item_analysis(admin_pemkot_jambi, event)
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert counts[0] <= 10


@pytest.mark.parametrize("page", ["assessment:event_results", "assessment:item_analysis"])
def test_a_hall_of_1000_renders_well_under_a_second(
    page: str,
    admin_pusat: User,
    admin_pemkot_jambi: User,
    kota_jambi: Region,
    dinkes_jambi: OrgUnit,
    logged_in: Callable[[User], Client],
) -> None:
    event = hall(make_program(admin_pusat), kota_jambi, dinkes_jambi, 1_000)
    client = logged_in(admin_pemkot_jambi)
    url = reverse(page, args=[event.pk])

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert len(queries) <= 20
    assert elapsed < 0.8, f"{elapsed:.3f} s"
